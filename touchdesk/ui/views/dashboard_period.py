"""The period picker of the Dashboard and Journey screens: a month of the user's calendar (Jalali
months when the calendar is Jalali), with previous/next buttons and the recent months in a list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from touchdesk import formatting
from touchdesk.formatting import Month
from touchdesk.i18n import _

RECENT_MONTHS = 36


class MonthPicker(QWidget):
    """Pick a month; ``changed`` fires with the new ``Month``."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        calendar = formatting.options().calendar
        today = formatting.to_local(formatting.utc_now()).date()
        self.current = Month.containing(today, calendar)
        self.combo = QComboBox()
        self.combo.setObjectName("monthPicker")
        self.combo.setToolTip(_("The month shown"))
        self._months: dict[str, Month] = {}
        month = self.current
        for _n in range(RECENT_MONTHS):
            self._add(month)
            month = month.previous()
        rtl = self.isRightToLeft()
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(
            Qt.ArrowType.RightArrow if rtl else Qt.ArrowType.LeftArrow
        )
        self.previous_button.setToolTip(_("Previous month"))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.LeftArrow if rtl else Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(_("Next month"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.combo)
        layout.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda: self.step(1))
        self.next_button.clicked.connect(lambda: self.step(-1))
        self.combo.currentIndexChanged.connect(self._picked)
        self._update_buttons()

    def _add(self, month: Month) -> None:
        self._months[month.key] = month
        self.combo.addItem(month.label, month.key)

    def month(self) -> Month:
        return self._months[self.combo.currentData()]

    def set_month(self, month: Month) -> None:
        """Show ``month`` (added to the list if it is older than the recent ones)."""
        index = self.combo.findData(month.key)
        if index < 0:
            self._add(month)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def step(self, older: int) -> None:
        """Move ``older`` months back (negative: forward), within the list."""
        index = self.combo.currentIndex() + older
        if 0 <= index < self.combo.count():
            self.combo.setCurrentIndex(index)

    def _picked(self, _index: int) -> None:
        self._update_buttons()
        self.changed.emit(self.month())

    def _update_buttons(self) -> None:
        index = self.combo.currentIndex()
        self.next_button.setEnabled(index > 0)
        self.previous_button.setEnabled(index < self.combo.count() - 1)
