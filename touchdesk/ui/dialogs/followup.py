"""Add a follow-up for a customer (in a team: for whom), or move one to another day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.data.records import UserRow
from touchdesk.i18n import _
from touchdesk.ui.language import from_qdatetime, setup_date_edit, to_qdatetime
from touchdesk.ui.widgets.field_errors import FieldErrors


class FollowUpDialog(QDialog):
    """Title, due time (local) and, given ``people``, who it is for (``me`` preselected);
    ``due_utc()`` and ``assignee()`` give what the workspace stores."""

    def __init__(
        self,
        *,
        title: str = "",
        due_utc: dt.datetime | None = None,
        editable_title: bool = True,
        people: Sequence[UserRow] = (),
        me: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Follow-up") if editable_title else _("Reschedule"))
        self.errors = FieldErrors()
        self.title = QLineEdit(title or _("Call back"))
        self.title.setEnabled(editable_title)
        self.due = QDateTimeEdit()
        setup_date_edit(self.due, with_time=True)
        if due_utc is None:
            local = formatting.to_local(formatting.utc_now()) + dt.timedelta(days=1)
            start = to_qdatetime(local)
            start.setTime(QTime(9, 0))
        else:
            start = to_qdatetime(formatting.to_local(due_utc))
        self.due.setDateTime(start)
        self.assignee_box = QComboBox()
        self.assignee_box.setObjectName("assignee")
        for person in people:
            self.assignee_box.addItem(person.label, person.name)
        self.assignee_box.setCurrentIndex(max(self.assignee_box.findData(me), 0))
        form = QFormLayout()
        self.errors.add_row(form, _("&Title"), "title", self.title)
        self.errors.add_row(form, _("&Due"), "due", self.due)
        if people:
            self.errors.add_row(form, _("&Assigned to"), "assignee", self.assignee_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def due_utc(self) -> dt.datetime:
        return formatting.to_utc(from_qdatetime(self.due.dateTime()))

    def assignee(self) -> str | None:
        """The chosen team member's name (``None`` when not asked: the follow-up is mine)."""
        return self.assignee_box.currentData() if self.assignee_box.count() else None
