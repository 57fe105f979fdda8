"""Page 1, the business profile: kind of business, team, monthly budget (in the currency setting;
Persian digits accepted), hours a month and the stages that matter most."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from touchdesk import formatting
from touchdesk.catalog import BUSINESS_KINDS, STAGES
from touchdesk.i18n import _
from touchdesk.planner.records import PlanProfile
from touchdesk.ui.widgets.field_errors import FieldErrors
from touchdesk.ui.wizard.state import WizardState

DEFAULT_HOURS = 20
MAX_TEAM = 500
MAX_HOURS = 10_000


class ProfilePage(QWizardPage):
    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(_("Your business"))
        self.setSubTitle(
            _("Tell TouchDesk what kind of business this is and what you can spend each month.")
        )
        self.errors = FieldErrors()
        self.business = QComboBox()
        for kind in BUSINESS_KINDS:
            self.business.addItem(kind.label, kind.key)
        self.team = QSpinBox()
        self.team.setRange(1, MAX_TEAM)
        self.owners = QLineEdit()
        self.owners.setPlaceholderText(_("Names, separated by commas"))
        self.owners_label = QLabel(_("&Who is on the team:"))
        self.budget = QLineEdit()
        self.budget.setPlaceholderText(_("e.g. {amount}").format(amount=formatting.digits("500")))
        currency = QLabel(formatting.currency_name(state.currency))
        budget_row = QWidget()
        row = QHBoxLayout(budget_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.budget, 1)
        row.addWidget(currency)
        budget_row.setFocusProxy(self.budget)
        self.hours = QSpinBox()
        self.hours.setRange(0, MAX_HOURS)
        self.hours.setValue(DEFAULT_HOURS)
        self.hours.setSuffix(" " + _("h/month"))
        self.stages: dict[str, QCheckBox] = {}
        stage_box = QWidget()
        stage_layout = QVBoxLayout(stage_box)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        for stage in STAGES:
            check = QCheckBox(stage.label)
            check.setObjectName(f"stage_{stage.key}")
            self.stages[stage.key] = check
            stage_layout.addWidget(check)
        form = QFormLayout(self)
        self.errors.add_row(form, _("&Kind of business:"), "business", self.business)
        self.errors.add_row(form, _("&Team size:"), "team", self.team)
        self.owners_label.setBuddy(self.owners)
        form.addRow(self.owners_label, self.owners)
        self.errors.add_row(form, _("Monthly &budget:"), "budget", budget_row)
        self.errors.add_row(form, _("&Hours per month:"), "hours", self.hours)
        form.addRow(_("Stages that matter most:"), stage_box)
        self.team.valueChanged.connect(self._team_changed)
        self.budget.textChanged.connect(lambda _t: self.completeChanged.emit())
        self._prefill()
        self._team_changed(self.team.value())

    def _prefill(self) -> None:
        previous = self.state.previous
        if previous is None:
            self.stages["after_purchase"].setChecked(True)
            return
        p = previous.profile
        self.business.setCurrentIndex(max(0, self.business.findData(p.business)))
        self.team.setValue(p.team)
        self.budget.setText(formatting.digits(formatting.money_to_plain(p.budget_cents)))
        self.hours.setValue(p.hours)
        for key, check in self.stages.items():
            check.setChecked(key in p.stages)
        owners = dict.fromkeys(t.owner for t in previous.tasks if t.owner)
        self.owners.setText(", ".join(owners))

    def _team_changed(self, size: int) -> None:
        self.owners.setVisible(size > 1)
        self.owners_label.setVisible(size > 1)

    def budget_cents(self) -> int | None:
        try:
            return formatting.parse_money(self.budget.text())
        except ValueError:
            return None

    def isComplete(self) -> bool:
        return self.budget_cents() is not None

    def validatePage(self) -> bool:
        """Keep the answers in the shared state (the later pages read them)."""
        try:
            budget = formatting.parse_money(self.budget.text())
        except ValueError as exc:
            self.errors.show({"budget": str(exc)})
            return False
        self.errors.clear()
        team = self.team.value()
        self.state.owners = (
            [n.strip() for n in self.owners.text().replace("،", ",").split(",") if n.strip()]
            if team > 1
            else []
        )
        self.state.profile = PlanProfile(
            business=str(self.business.currentData()),
            team=team,
            budget_cents=budget,
            currency=self.state.currency,
            hours=self.hours.value(),
            stages=tuple(k for k, c in self.stages.items() if c.isChecked()),
        )
        return True
