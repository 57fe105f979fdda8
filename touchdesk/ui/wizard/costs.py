"""The touchpoint chosen on page 3: what its lean and full versions are, and their monthly cost
and hours, which the owner can correct; corrections are remembered per currency
(``Workspace.set_plan_cost``) and reset with "Default costs"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from touchdesk import formatting
from touchdesk.i18n import _
from touchdesk.planner.records import PlanSuggestion
from touchdesk.ui.operations import run_op
from touchdesk.ui.wizard.describe import version_label
from touchdesk.ui.wizard.keys import on_enter
from touchdesk.ui.wizard.state import WizardState

MAX_HOURS = 10_000


class CostEditor(QGroupBox):
    """Versions, cost and hours of one touchpoint; ``costs_changed`` after saving corrections."""

    costs_changed = Signal()

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key: str | None = None
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setObjectName("selectedWhy")
        grid = QGridLayout()
        self.names: dict[str, QLabel] = {}
        self.costs: dict[str, QLineEdit] = {}
        self.hours: dict[str, QSpinBox] = {}
        grid.addWidget(QLabel(_("Monthly cost")), 0, 2)
        grid.addWidget(QLabel(_("Hours a month")), 0, 3)
        for row, version in enumerate(("lean", "full"), start=1):
            name = QLabel()
            name.setWordWrap(True)
            cost = QLineEdit()
            cost.setObjectName(f"cost_{version}")
            hours = QSpinBox()
            hours.setObjectName(f"hours_{version}")
            hours.setRange(0, MAX_HOURS)
            on_enter(cost, self.remember)
            on_enter(hours, self.remember)
            label = QLabel(version_label(version) + ":")
            label.setBuddy(cost)
            grid.addWidget(label, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(cost, row, 2)
            grid.addWidget(hours, row, 3)
            self.names[version], self.costs[version], self.hours[version] = name, cost, hours
        grid.setColumnStretch(1, 1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.save = QPushButton(_("Re&member these costs"))
        self.save.setObjectName("rememberCosts")
        self.reset = QPushButton(_("De&fault costs"))
        self.save.clicked.connect(self.remember)
        self.reset.clicked.connect(self.restore_defaults)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.reset)
        buttons.addWidget(self.save)
        layout = QGridLayout(self)
        layout.addWidget(self.why, 0, 0)
        layout.addLayout(grid, 1, 0)
        layout.addLayout(buttons, 2, 0)
        self.show_touchpoint(None, None)

    def show_touchpoint(self, key: str | None, suggestion: PlanSuggestion | None) -> None:
        """Show ``key`` (a touchpoint) or nothing when a journey step is selected."""
        self.key = key
        enabled = key is not None
        for widget in (*self.costs.values(), *self.hours.values(), self.save, self.reset):
            widget.setEnabled(enabled)
        self.error.hide()
        if key is None:
            self.setTitle(_("Choose a touchpoint to see its versions and costs"))
            self.why.clear()
            for version in ("lean", "full"):
                self.names[version].clear()
                self.costs[version].clear()
                self.hours[version].setValue(0)
            return
        tp = self.state.knowledge.touchpoints[key]
        self.setTitle(tp.name.text)
        if suggestion is not None:
            chosen = {c.touchpoint: c.why for c in suggestion.chosen}
            left = {o.touchpoint: o.reason for o in suggestion.left_out}
            if key in chosen:
                self.why.setText(_("In the plan: {why}").format(why=chosen[key]))
            else:
                self.why.setText(_("Left out: {reason}").format(reason=left.get(key, "")))
        currency = self.state.currency
        overrides = self.state.ws.plan_cost_overrides(currency)
        for version in ("lean", "full"):
            spec = tp.version(version)
            cost, hours = overrides.get((key, version), (spec.cost_cents(currency), spec.hours))
            self.names[version].setText(spec.name.text)
            self.names[version].setToolTip(spec.description.text)
            self.costs[version].setText(formatting.digits(formatting.money_to_plain(cost)))
            self.hours[version].setValue(hours)

    def remember(self) -> None:
        """Save the corrected costs and hours of both versions, then re-evaluate."""
        key = self.key
        if key is None:
            return
        try:
            values = {
                v: (formatting.parse_money(self.costs[v].text()), self.hours[v].value())
                for v in ("lean", "full")
            }
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        ws, currency = self.state.ws, self.state.currency

        def work() -> None:
            for version, (cost, hours) in values.items():
                ws.set_plan_cost(key, version, currency, cost, hours)

        run_op(self, work, on_success=lambda _r: self.costs_changed.emit())

    def restore_defaults(self) -> None:
        key = self.key
        if key is None:
            return
        ws, currency = self.state.ws, self.state.currency

        def work() -> None:
            for version in ("lean", "full"):
                ws.clear_plan_cost(key, version, currency)

        run_op(self, work, on_success=lambda _r: self.costs_changed.emit())
