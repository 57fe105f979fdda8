"""Page 3, feasible touchpoints: for each journey step the touchpoints that serve it, the optimizer's
recommended set, live budget and hours bars, and a sentence for every choice. Toggling a
touchpoint, switching it between full and lean or correcting its cost re-evaluates the plan at once
(``Workspace.evaluate_plan``; corrected costs are remembered with ``set_plan_cost``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from touchdesk.catalog import stage_label
from touchdesk.formatting import format_int
from touchdesk.i18n import _, ngettext
from touchdesk.planner.journeys import touchpoints_for_step
from touchdesk.planner.records import VERSIONS, PlanProfile, PlanSuggestion
from touchdesk.ui.wizard.bars import TotalsBars
from touchdesk.ui.wizard.costs import CostEditor
from touchdesk.ui.wizard.describe import cost_and_hours, join_names, version_label
from touchdesk.ui.wizard.keys import on_key
from touchdesk.ui.wizard.state import WizardState

KEY = Qt.ItemDataRole.UserRole
CHOICES = ("", "lean", "full")  # combo index -> version ("" = not in the plan)
# Colours as strings: QColor objects kept in module globals outlive Qt at exit and can crash it.
LEFT_OUT = "#6b7078"
COLUMNS = 5


class TouchpointsPage(QWizardPage):
    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(_("Feasible touchpoints"))
        self.setSubTitle(
            _(
                "The recommended set gives the most for your budget and hours. Change any"
                " touchpoint: the totals and the reasons follow at once."
            )
        )
        self.bars = TotalsBars()
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.coverage.setObjectName("coverage")
        self.recommend = QPushButton(_("Use the &recommended set"))
        self.recommend.clicked.connect(self.use_recommended)
        top = QHBoxLayout()
        top.addWidget(self.bars, 1)
        top.addWidget(self.recommend, 0, Qt.AlignmentFlag.AlignTop)
        self.tree = QTreeWidget()
        self.tree.setObjectName("touchpointTree")
        self.tree.setHeaderLabels(
            [_("Journey step / touchpoint"), _("In the plan"), _("Lean"), _("Full"), _("Why")]
        )
        for column, width in enumerate((230, 125, 195, 195)):
            self.tree.setColumnWidth(column, width)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(lambda *_a: self._show_selected())
        on_key(self.tree, Qt.Key.Key_Space, self.cycle_selected)
        self.tree.setToolTip(
            _("Space switches the selected touchpoint between left out, lean and full.")
        )
        self.editor = CostEditor(state)
        self.editor.costs_changed.connect(self.costs_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.coverage)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.editor)
        self.combos: dict[str, list[QComboBox]] = {}
        self.items: dict[str, list[QTreeWidgetItem]] = {}

    # --- building ---------------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Ask the optimizer when the profile or journey changed since last time; otherwise keep the
        owner's choices. A revised plan starts from its own choices."""
        profile = self.state.planned_profile()
        if self.state.choices_for == profile:
            return
        self._suggest(profile)
        previous = self.state.previous
        if self.state.choices_for is None and previous is not None:
            known = self.state.knowledge.touchpoints
            self.state.choices = {
                t.touchpoint: t.version or "lean" for t in previous.chosen if t.touchpoint in known
            }
        else:
            self.state.choices = dict(self.state.recommended)
        self.state.choices_for = profile
        self._build()
        self.refresh()

    def _build(self) -> None:
        knowledge = self.state.knowledge
        self.tree.clear()
        self.combos.clear()
        self.items.clear()
        placed: set[str] = set()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        groups: list[tuple[str, tuple[str, ...]]] = []
        for step in self.state.steps:
            keys = touchpoints_for_step(knowledge, step)
            groups.append((f"{step.name} ({stage_label(step.stage)})", keys))
            placed.update(keys)
        rest = tuple(k for k in knowledge.touchpoints if k not in placed)
        if rest:
            groups.append((_("Not in any step of this journey"), rest))
        for title, keys in groups:
            group = QTreeWidgetItem([title])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for key in keys:
                self._add_row(group, key)
            group.setExpanded(True)
        first = self.tree.topLevelItem(0)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)

    def _add_row(self, group: QTreeWidgetItem, key: str) -> None:
        tp = self.state.knowledge.touchpoints[key]
        item = QTreeWidgetItem(group, [tp.name.text])
        item.setData(0, KEY, key)
        combo = QComboBox()
        combo.setObjectName(f"version_{key}")
        for version in CHOICES:
            combo.addItem(version_label(version or None), version)
        combo.activated.connect(lambda index, k=key: self.set_version(k, CHOICES[index]))
        self.tree.setItemWidget(item, 1, combo)
        self.combos.setdefault(key, []).append(combo)
        self.items.setdefault(key, []).append(item)

    # --- changes ----------------------------------------------------------------------------------

    def set_version(self, key: str, version: str) -> None:
        """Put ``key`` in the plan in ``version`` (``""`` leaves it out) and re-evaluate."""
        if version:
            self.state.choices[key] = version
        else:
            self.state.choices.pop(key, None)
        self.refresh()

    def cycle_selected(self) -> bool:
        """Space on a touchpoint: not in the plan -> lean -> full -> not in the plan."""
        item = self.tree.currentItem()
        key = item.data(0, KEY) if item is not None else None
        if not key:
            return False
        now = CHOICES.index(self.state.choices.get(key, ""))
        self.set_version(key, CHOICES[(now + 1) % len(CHOICES)])
        return True

    def use_recommended(self) -> None:
        self.state.choices = dict(self.state.recommended)
        self.refresh()

    def costs_changed(self) -> None:
        """A corrected cost changes what is recommended too."""
        self._suggest(self.state.planned_profile())
        self.refresh()

    def _suggest(self, profile: PlanProfile) -> None:
        best = self.state.ws.suggest_plan(profile)
        self.state.recommended = best.choices
        self.state.recommended_uncovered = best.uncovered_stages

    def refresh(self) -> PlanSuggestion:
        """Re-evaluate the current choices and show totals, versions, costs and reasons."""
        suggestion = self.state.evaluate()
        profile = suggestion.profile
        self.bars.show_totals(
            suggestion.total_cost_cents,
            profile.budget_cents,
            suggestion.total_hours,
            profile.hours,
            profile.currency,
        )
        if not suggestion.chosen:
            self.coverage.setText(
                _("Nothing fits yet: raise the budget or the hours, or choose touchpoints by hand.")
            )
            self.coverage.setStyleSheet("color: #b00020;")
        elif suggestion.uncovered_stages:
            text = _("No touchpoint yet for a stage you marked: {stages}").format(
                stages=join_names(stage_label(s) for s in suggestion.uncovered_stages)
            )
            if set(suggestion.uncovered_stages) <= set(self.state.recommended_uncovered):
                text += " — " + _("the budget and hours cannot cover it")
            self.coverage.setText(text)
            self.coverage.setStyleSheet("color: #b00020;")
        else:
            self.coverage.setText(
                ngettext(
                    "{n} touchpoint in the plan; every stage you marked is covered.",
                    "{n} touchpoints in the plan; every stage you marked is covered.",
                    len(suggestion.chosen),
                ).format(n=format_int(len(suggestion.chosen)))
            )
            self.coverage.setStyleSheet("")
        why = {c.touchpoint: c.why for c in suggestion.chosen}
        why.update({o.touchpoint: o.reason for o in suggestion.left_out})
        overrides = self.state.ws.plan_cost_overrides(profile.currency)
        for key, items in self.items.items():
            version = self.state.choices.get(key, "")
            tp = self.state.knowledge.touchpoints[key]
            texts = []
            for v in VERSIONS[::-1]:  # lean, full: the column order
                spec = tp.version(v)
                cost, hours = overrides.get(
                    (key, v), (spec.cost_cents(profile.currency), spec.hours)
                )
                texts.append(cost_and_hours(cost, hours, profile.currency))
            for item in items:
                item.setText(2, texts[0])
                item.setText(3, texts[1])
                item.setText(4, why.get(key, ""))
                item.setToolTip(4, why.get(key, ""))
                brush = self.palette().text() if version else QBrush(QColor(LEFT_OUT))
                for column in (0, 2, 3, 4):
                    item.setForeground(column, brush)
                for column, v in ((2, "lean"), (3, "full")):  # the chosen version in bold
                    font = item.font(column)
                    font.setBold(version == v)
                    item.setFont(column, font)
            for combo in self.combos[key]:
                combo.setCurrentIndex(CHOICES.index(version))
        self._show_selected()
        self.completeChanged.emit()
        return suggestion

    def _show_selected(self) -> None:
        item = self.tree.currentItem()
        key = item.data(0, KEY) if item is not None else None
        self.editor.show_touchpoint(key, self.state.suggestion)

    def isComplete(self) -> bool:
        return bool(self.state.choices)
