"""Page 5, automate: the follow-up rules suggested for the chosen touchpoints, each switchable, and
the outside tools worth considering for the work TouchDesk does not do itself."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from touchdesk.i18n import _
from touchdesk.planner.records import RuleDraft
from touchdesk.planner.tasks import suggested_rules, tools_to_consider
from touchdesk.ui.wizard.describe import join_names, rule_then, rule_when
from touchdesk.ui.wizard.state import WizardState

INDEX = Qt.ItemDataRole.UserRole


class AutomatePage(QWizardPage):
    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(_("Automate"))
        self.setSubTitle(
            _(
                "TouchDesk creates these follow-ups by itself when you log a touchpoint. Untick"
                " the ones you do not want; you can switch them on or off later in the Plan view."
            )
        )
        self.rules = QListWidget()
        self.rules.setObjectName("ruleList")
        self.rules.setWordWrap(True)
        self.rules.setSpacing(3)
        self.empty = QLabel(_("No automation is suggested for the touchpoints you chose."))
        self.tools = QLabel()
        self.tools.setObjectName("tools")
        self.tools.setWordWrap(True)
        self.tools.setTextFormat(Qt.TextFormat.PlainText)
        self.tools.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        tools_box = QGroupBox(_("Outside tools to consider"))
        tools_layout = QVBoxLayout(tools_box)
        tools_layout.addWidget(self.tools)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules, 2)
        layout.addWidget(self.empty)
        layout.addWidget(tools_box, 1)
        self.drafts: list[RuleDraft] = []

    def initializePage(self) -> None:
        """Suggest rules when the chosen touchpoints changed, keeping each rule's on/off switch."""
        chosen = tuple(k for k in self.state.knowledge.touchpoints if k in self.state.choices)
        self._show_tools(chosen)
        if self.state.rules_for == chosen:
            return
        switches = {d.source: self.is_enabled(i) for i, d in enumerate(self.drafts) if d.source}
        first = self.state.rules_for is None
        self.state.rules_for = chosen
        drafts = suggested_rules(self.state.knowledge, chosen)
        if first and self.state.previous is not None:
            # A revision keeps each rule as it was edited and switched in the previous version.
            earlier = {r.source: r.as_draft() for r in self.state.previous.rules if r.source}
            drafts = [earlier.get(d.source or "", d) for d in drafts]
        label = self.state.ws.touchpoint_label
        self.rules.clear()
        self.drafts = drafts
        for i, draft in enumerate(drafts):
            item = QListWidgetItem(f"{draft.name}\n{rule_when(draft, label)}: {rule_then(draft)}")
            item.setData(INDEX, i)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = switches.get(draft.source, draft.enabled) if draft.source else draft.enabled
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.rules.addItem(item)
        self.rules.setVisible(bool(drafts))
        self.empty.setVisible(not drafts)
        if drafts:
            self.rules.setCurrentRow(0)

    def _show_tools(self, chosen: tuple[str, ...]) -> None:
        by_touchpoint: dict[str, list[str]] = {}
        for key, tool in tools_to_consider(self.state.knowledge, chosen):
            by_touchpoint.setdefault(key, []).append(tool)
        label = self.state.ws.touchpoint_label
        lines = [f"• {label(k)}: {join_names(tools)}" for k, tools in by_touchpoint.items()]
        self.tools.setText("\n".join(lines) or _("Nothing to add: TouchDesk covers it."))

    def is_enabled(self, row: int) -> bool:
        return self.rules.item(row).checkState() == Qt.CheckState.Checked

    def chosen_rules(self) -> list[RuleDraft]:
        """Every suggested rule with its switch (switched-off rules are saved, but do not fire)."""
        return [replace(d, enabled=self.is_enabled(i)) for i, d in enumerate(self.drafts)]

    def validatePage(self) -> bool:
        self.state.rules = self.chosen_rules()
        return True
