"""A customer's timeline: every touchpoint across all channels, newest first, coloured by outcome
(a resolved decision shows how it went), paged as the user scrolls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from touchdesk import formatting
from touchdesk.catalog import channel_label, direction_label, outcome_label
from touchdesk.data.records import EventRow
from touchdesk.i18n import N_, _
from touchdesk.ui.widgets.icons import channel_icon, outcome_color, outcome_icon

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

PAGE_SIZE = 100
COLUMNS = (N_("When"), N_("Touchpoint"), N_("Channel"), N_("Outcome"), N_("Note"), N_("Logged by"))
Index = QModelIndex | QPersistentModelIndex


def outcome_text(row: EventRow) -> str:
    """The outcome as shown: a pending decision, a resolved one, or a reply that is overdue."""
    if row.outcome == "decision":
        if row.resolution:
            return _("Decision: {outcome}").format(outcome=outcome_label(row.resolution))
        return _("Decision pending")
    text = outcome_label(row.outcome)
    if row.is_request:
        if row.replied_at is not None:
            return _("{outcome}, replied in {time}").format(
                outcome=text, time=formatting.format_duration_minutes(row.response_minutes)
            )
        if row.reply_due_at is not None and row.reply_due_at < formatting.utc_now():
            return _("{outcome}, reply overdue").format(outcome=text)
        return _("{outcome}, awaiting reply").format(outcome=text)
    return text


def is_overdue(row: EventRow) -> bool:
    return (
        row.replied_at is None
        and row.reply_due_at is not None
        and row.reply_due_at < formatting.utc_now()
    )


class TimelineModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.customer_id: int | None = None
        self._rows: list[EventRow] = []
        self._more = False
        self.error = ""

    def set_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows, self._more = [], False
        if self.customer_id is not None:
            self._rows = self._fetch(0)
        self.endResetModel()

    def _fetch(self, offset: int) -> list[EventRow]:
        assert self.customer_id is not None
        try:
            page = self.ws.timeline(self.customer_id, limit=PAGE_SIZE, offset=offset)
        except Exception as exc:
            self.error = _("Could not read the timeline: {error}").format(error=exc)
            self._more = False
            return []
        self.error = ""
        self._more = len(page) == PAGE_SIZE
        return page

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self._fetch(len(self._rows))
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def event_at(self, row: int) -> EventRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4 and row.note:
                return row.note
            return self._text(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == 2:
                return channel_icon(row.channel)
            if column == 3:
                return outcome_icon(row.shown_outcome)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = QColor(outcome_color(row.shown_outcome))
            colour.setAlpha(40)
            return colour
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and is_overdue(row):
            return QColor("#b00020")
        if role == Qt.ItemDataRole.FontRole and column == 3 and is_overdue(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: EventRow, column: int) -> str:
        if column == 0:
            return formatting.format_datetime(row.occurred_at)
        if column == 1:
            label = self.ws.touchpoint_label(row.touchpoint)
            if row.amount_cents:
                label = f"{label} · {formatting.format_money(row.amount_cents)}"
            return label
        if column == 2:
            return f"{channel_label(row.channel)} ({direction_label(row.direction)})"
        if column == 3:
            return outcome_text(row)
        if column == 4:
            return row.note.replace("\n", " ")
        return row.logged_by

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return formatting.format_int(section + 1)
        return None
