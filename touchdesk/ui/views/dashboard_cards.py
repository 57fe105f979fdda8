"""The Dashboard's plain widgets: KPI cards with their month-over-month change, and the heatmap of
purchase probability by channel × weekday or channel × hour (blank where too few sequences started
to mean anything)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import channel_label
from touchdesk.data.analytics import PatternCell, Patterns
from touchdesk.i18n import _, ngettext

GOOD, BAD, MUTED = "#2e9d4f", "#d1453b", "#5b6673"
WEEKDAY, HOUR = "weekday", "hour"  # the heatmap's columns


@dataclass(frozen=True, slots=True)
class Kpi:
    """One headline figure: its title, value and change against last month (``None``: no change
    to show); ``higher_is_better`` picks the change's colour."""

    key: str
    title: str
    value: str
    change: float | None = None
    compared: bool = False
    higher_is_better: bool = True


class KpiCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("kpiCard")
        self.title = QLabel()
        self.title.setStyleSheet(f"color: {MUTED};")
        self.value = QLabel()
        self.value.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.delta = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.delta)

    def show_kpi(self, kpi: Kpi) -> None:
        self.title.setText(kpi.title)
        self.value.setText(kpi.value)
        if not kpi.compared:
            self.delta.setText("")
            return
        text = _("{change} vs last month").format(change=formatting.format_delta(kpi.change))
        colour = MUTED
        if kpi.change:
            colour = GOOD if (kpi.change > 0) == kpi.higher_is_better else BAD
        self.delta.setText(text)
        self.delta.setStyleSheet(f"color: {colour};")
        self.delta.setToolTip(_("Change against the previous month of the same calendar"))


class KpiRow(QWidget):
    """The KPI cards side by side; ``cards[key]`` reads one back."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.cards: dict[str, KpiCard] = {}

    def show_kpis(self, kpis: list[Kpi]) -> None:
        for n, kpi in enumerate(kpis):
            card = self.cards.get(kpi.key)
            if card is None:
                card = self.cards[kpi.key] = KpiCard()
                self.grid.addWidget(card, n // self.COLUMNS, n % self.COLUMNS)
            card.show_kpi(kpi)


class Heatmap(QTableWidget):
    """Channels down and, across, either the weekdays (the week starts on Saturday with the Jalali
    calendar) or the 24 local hours of the day; a cell shows the share of sequences started there
    that led to a purchase, shaded by it, and is blank below the minimum sample."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmap")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(30)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.by = WEEKDAY
        self.slots: list[int] = []  # weekday (0 = Monday) or hour of each column
        self.channels: list[str] = []

    def show_patterns(self, patterns: Patterns, by: str = WEEKDAY) -> None:
        """Fill from ``patterns`` by weekday (``WEEKDAY``) or by hour of the day (``HOUR``)."""
        self.by = by
        if by == HOUR:
            self.slots = list(range(24))
            cells, find = patterns.by_hour, patterns.hour
            labels = [formatting.digits(f"{hour:02d}") for hour in self.slots]
        else:
            first = formatting.first_weekday()
            self.slots = [(first + n) % 7 for n in range(7)]
            cells, find = patterns.by_weekday, patterns.weekday
            labels = [formatting.weekday_name(d) for d in self.slots]
        self.channels = list(dict.fromkeys(c.channel for c in cells))
        self.clear()
        self.setColumnCount(len(self.slots))
        self.setRowCount(len(self.channels))
        self.setHorizontalHeaderLabels(labels)
        self.setVerticalHeaderLabels([channel_label(c) for c in self.channels])
        for row, channel in enumerate(self.channels):
            for column, slot in enumerate(self.slots):
                self.setItem(row, column, _cell_item(find(channel, slot)))
        # Tall enough for every channel: the page scrolls, not the table.
        rows = self.verticalHeader().defaultSectionSize() * len(self.channels)
        self.setFixedHeight(max(120, rows + self.horizontalHeader().sizeHint().height() + 4))

    def cell_text(self, channel: str, slot: int) -> str:
        """The text shown for a channel and weekday (0 = Monday) or hour; blank when too few."""
        if channel not in self.channels:
            return ""
        item = self.item(self.channels.index(channel), self.slots.index(slot))
        return item.text() if item is not None else ""


def _cell_item(cell: PatternCell | None) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if cell is None:
        return item
    item.setToolTip(
        ngettext(
            "{n} sequence started, {m} with a purchase",
            "{n} sequences started, {m} with a purchase",
            cell.sequences,
        ).format(n=formatting.format_int(cell.sequences), m=formatting.format_int(cell.purchases))
    )
    if cell.probability is not None:
        item.setText(formatting.format_percent(cell.probability))
        shade = QColor(GOOD)
        shade.setAlpha(int(30 + 200 * cell.probability))
        item.setBackground(QBrush(shade))
    return item
