"""The customer picker's completion list: at most 20 matches read from the search index as the
user types (never the whole customer list, which may hold 100,000 names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from touchdesk.data.records import CustomerRow
from touchdesk.ui.widgets.text import show_phone

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

LIMIT = 20
Index = QModelIndex | QPersistentModelIndex


def describe(row: CustomerRow) -> str:
    """How a customer appears in the picker: name, then company and phone to tell namesakes apart."""
    extra = [p for p in (row.company, show_phone(row.phone)) if p]
    return f"{row.name} — {', '.join(extra)}" if extra else row.name


class CustomerCompletionModel(QAbstractListModel):
    def __init__(self, ws: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._rows: list[CustomerRow] = []

    def set_query(self, text: str) -> None:
        """Replace the matches with those for ``text`` (empty text: no matches)."""
        try:
            rows = self.ws.find_customers(text, limit=LIMIT) if text.strip() else []
        except Exception:
            rows = []
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def customer_at(self, row: int) -> CustomerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(row)
        if role == Qt.ItemDataRole.EditRole:
            return row.name
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
