"""Merge two customers who are the same person: choose which record to keep; the other's
touchpoints, follow-ups, phones, e-mails and tags move to it (undoable)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.data.records import CustomerRow
from touchdesk.i18n import _
from touchdesk.ui.widgets.text import show_phone


def _summary(row: CustomerRow) -> str:
    parts = [row.name, row.company, show_phone(row.phone), formatting.isolate(row.email)]
    return " — ".join(p for p in parts if p)


class MergeDialog(QDialog):
    def __init__(
        self, first: CustomerRow, second: CustomerRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge customers"))
        self.rows = (first, second)
        intro = QLabel(
            _(
                "Keep one record; the other's touchpoints, follow-ups, phones, e-mails and tags move to it. Edit → Undo reverses the merge."
            )
        )
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for i, row in enumerate(self.rows):
            button = QRadioButton(_("Keep {summary}").format(summary=_summary(row)))
            button.setChecked(i == 0)
            self.group.addButton(button, i)
            layout.addWidget(button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, int]:
        """(id to keep, id to merge into it)."""
        keep = self.group.checkedId()
        return self.rows[keep].id, self.rows[1 - keep].id
