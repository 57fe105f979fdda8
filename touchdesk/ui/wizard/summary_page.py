"""Page 6, summary: the plan's totals against the budget and hours, what it holds, its name, and
Save (the wizard's Finish button), which stores it as the active plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from touchdesk import formatting
from touchdesk.catalog import label as term_label
from touchdesk.catalog import stage_label
from touchdesk.i18n import _, ngettext
from touchdesk.ui.wizard.bars import TotalsBars
from touchdesk.ui.wizard.describe import join_names, version_label
from touchdesk.ui.wizard.state import WizardState


class SummaryPage(QWizardPage):
    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(_("Summary"))
        self.setSubTitle(_("Check the plan and save it. You can revise it at any time."))
        self.name = QLineEdit()
        self.name.setObjectName("planName")
        self.bars = TotalsBars()
        self.contents = QLabel()
        self.contents.setObjectName("summaryText")
        self.contents.setWordWrap(True)
        self.contents.setTextFormat(Qt.TextFormat.PlainText)
        self.contents.setAlignment(Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        name_label = QLabel(_("Plan &name:"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bars)
        layout.addWidget(self.contents, 1)
        previous = state.previous
        self.name.setText(previous.row.name if previous else "")
        self.name.setPlaceholderText(_("e.g. Plan for this year"))

    def initializePage(self) -> None:
        suggestion = self.state.evaluate()
        profile = suggestion.profile
        self.bars.show_totals(
            suggestion.total_cost_cents,
            profile.budget_cents,
            suggestion.total_hours,
            profile.hours,
            profile.currency,
        )
        lines = [
            _("{business}, team of {team}").format(
                business=term_label("business", profile.business),
                team=formatting.format_int(profile.team),
            ),
            ngettext(
                "{n} touchpoint in the plan:",
                "{n} touchpoints in the plan:",
                len(suggestion.chosen),
            ).format(n=formatting.format_int(len(suggestion.chosen))),
        ]
        lines += [
            f"• {c.name} ({version_label(c.version)}): {c.version_name}" for c in suggestion.chosen
        ]
        enabled = sum(1 for r in self.state.rules if r.enabled)
        lines.append(
            ngettext("{n} task", "{n} tasks", len(self.state.tasks)).format(
                n=formatting.format_int(len(self.state.tasks))
            )
            + (
                " — "
                + _("the first due {date}").format(
                    date=formatting.format_date(min(t.due for t in self.state.tasks))
                )
                if self.state.tasks
                else ""
            )
        )
        lines.append(
            _("{on} of {all} automation rules switched on").format(
                on=formatting.format_int(enabled), all=formatting.format_int(len(self.state.rules))
            )
        )
        if suggestion.uncovered_stages:
            lines.append(
                _("No touchpoint yet for a stage you marked: {stages}").format(
                    stages=join_names(stage_label(s) for s in suggestion.uncovered_stages)
                )
            )
        if self.state.previous is not None:
            lines.append(
                _("Saving makes version {n}; version {old} is kept.").format(
                    n=formatting.format_int(self.state.previous.row.version + 1),
                    old=formatting.format_int(self.state.previous.row.version),
                )
            )
        self.contents.setText("\n".join(lines))
