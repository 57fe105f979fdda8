"""The customer list model: pages of ``CustomerRow`` fetched as the user scrolls, with search,
filters and sorting done by the database (never by a proxy model holding every row)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from touchdesk import formatting
from touchdesk.data.records import CustomerRow
from touchdesk.i18n import N_, _
from touchdesk.ui.widgets.icons import outcome_icon
from touchdesk.ui.widgets.text import show_phone

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

PAGE_SIZE = 200
# Same order as the data layer's sort keys, so a column number is a sort key.
COLUMNS = (
    ("name", N_("Name")),
    ("company", N_("Company")),
    ("phone", N_("Phone")),
    ("last_touchpoint", N_("Last touchpoint")),
    ("last_event_at", N_("Last contact")),
    ("open_followups", N_("Open follow-ups")),
)
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_USER = int(Qt.ItemDataRole.UserRole)
_ROLES = frozenset((_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _USER))
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_ENABLED = Qt.ItemFlag.ItemIsEnabled
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True, slots=True)
class FetchFailed:
    """Shown as a harmless row when a page could not be read (the list stays usable)."""

    message: str


@dataclass(frozen=True, slots=True)
class CustomerFilter:
    query: str = ""
    tag: str | None = None
    stage: str | None = None
    needs_attention: bool = False


class CustomerTableModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.filter = CustomerFilter()
        self.sort_key = "name"
        self.descending = False
        self._rows: list[CustomerRow | FetchFailed] = []
        self._shown: dict[int, tuple[str, ...]] = {}
        self._more = True
        # Nothing is read before the first reload(): the view sets up its sort order first.
        self._loaded = False

    # --- loading ---------------------------------------------------------------------------------

    def set_filter(self, flt: CustomerFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Drop the cache and read the first page again (after a search, a sort or a change)."""
        self._loaded = True
        self.beginResetModel()
        self._rows = self._fetch(0)
        self._shown.clear()
        self.endResetModel()

    def _fetch(self, offset: int) -> list[CustomerRow | FetchFailed]:
        """One page from ``offset``; a failure becomes one ``FetchFailed`` row and stops paging."""
        f = self.filter
        try:
            page: list[CustomerRow | FetchFailed] = list(
                self.ws.find_customers(
                    f.query,
                    tag=f.tag,
                    stage=f.stage,
                    needs_attention=f.needs_attention,
                    sort=self.sort_key,
                    descending=self.descending,
                    offset=offset,
                    limit=PAGE_SIZE,
                )
            )
        except Exception as exc:
            self._more = False
            return [FetchFailed(_("Could not read customers: {error}").format(error=exc))]
        self._more = len(page) == PAGE_SIZE
        return page

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        start = len(self._rows)
        page = self._fetch(start)
        if not page:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key, descending = COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder
        if self._loaded and (key, descending) == (self.sort_key, self.descending):
            return  # the header announcing the order already shown (e.g. restoring its state)
        self.sort_key, self.descending = key, descending
        if self._loaded:
            self.reload()

    # --- reading ---------------------------------------------------------------------------------

    def customer_at(self, row: int) -> CustomerRow | None:
        if 0 <= row < len(self._rows):
            item = self._rows[row]
            return item if isinstance(item, CustomerRow) else None
        return None

    def row_of(self, customer_id: int) -> int:
        """The row showing a customer among those loaded, else -1."""
        for i, item in enumerate(self._rows):
            if isinstance(item, CustomerRow) and item.id == customer_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return _NO_FLAGS
        return _ENABLED if type(self._rows[row]) is FetchFailed else _SELECTABLE

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Painting asks every visible cell for seven roles: unused roles leave first, and roles
        # are compared as plain ints (each Qt enum lookup costs about half a microsecond).
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        column = index.column()
        if isinstance(item, FetchFailed):
            if column == 0 and role in (_DISPLAY, _TOOLTIP):
                return item.message
            if role == _FOREGROUND:
                return QColor("#b00020")
            return None
        if role == _DISPLAY:
            return self._texts(row, item)[column]
        if role == _DECORATION:
            return outcome_icon(item.last_outcome) if column == 3 and item.last_outcome else None
        if role == _ALIGNMENT:
            return _CENTER if column == 5 else None
        if role == _TOOLTIP:
            return self._texts(row, item)[column] or None
        if role == _USER:
            return item.id
        return None

    def _texts(self, row: int, item: CustomerRow) -> tuple[str, ...]:
        """The shown texts of a row, formatted once (painting asks for them many times)."""
        texts = self._shown.get(row)
        if texts is None:
            texts = tuple(self._text(item, c) for c in range(len(COLUMNS)))
            self._shown[row] = texts
        return texts

    def _text(self, item: CustomerRow, column: int) -> str:
        if column == 0:
            return item.name
        if column == 1:
            return item.company
        if column == 2:
            return show_phone(item.phone)
        if column == 3:
            return self.ws.touchpoint_label(item.last_touchpoint) if item.last_touchpoint else ""
        if column == 4:
            return (
                formatting.format_date(formatting.to_local(item.last_event_at))
                if item.last_event_at
                else ""
            )
        return formatting.format_int(item.open_followups) if item.open_followups else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return formatting.format_int(section + 1)
        return None
