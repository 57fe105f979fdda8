"""The Journey screen: the whole business's customer journey for a month on one screen — every
touchpoint in its stage with its volume, outcome mix and friction rank (seed 002's journey map of
all customers). Optional tag filter; computed off the UI thread; a card opens the touchpoints
behind it."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import OUTCOME_COLORS, OUTCOME_KEYS, outcome_label
from touchdesk.data.analytics import Analytics
from touchdesk.data.analytics.friction import DEFAULT_MIN_SAMPLE
from touchdesk.formatting import Month
from touchdesk.i18n import _, ngettext
from touchdesk.journeymap_layout import TouchpointMix, aggregate_map
from touchdesk.ui.context import AppContext
from touchdesk.ui.journeymap.aggregate import AggregateMapView
from touchdesk.ui.operations import explain
from touchdesk.ui.views.dashboard_events import EventsDialog, show_events
from touchdesk.ui.views.dashboard_period import MonthPicker
from touchdesk.ui.views.dashboard_worker import LatestJob

EVENTS_LIMIT = 1000


def busy_bar() -> QProgressBar:
    """An indeterminate progress bar shown while a period is computed."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setMaximumWidth(140)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def tag_combo(ctx: AppContext) -> QComboBox:
    combo = QComboBox()
    combo.setToolTip(_("Only customers with this tag"))
    fill_tags(combo, ctx)
    return combo


def fill_tags(combo: QComboBox, ctx: AppContext) -> None:
    """Refill a tag filter keeping its choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(_("Any tag"), None)
    for name in ctx.ws.tags():
        combo.addItem(name, name)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


class JourneyView(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period = MonthPicker()
        self.tag = tag_combo(ctx)
        self.unused = QCheckBox(_("Show unused touchpoints"))
        self.unused.setChecked(True)
        self.unused.setToolTip(_("Also show the touchpoints nobody used this month"))
        self.busy = busy_bar()
        self.summary = QLabel()
        self.map = AggregateMapView()
        self.mixes: list[TouchpointMix] = []
        self.analytics: Analytics | None = None
        self.events_dialog: EventsDialog | None = None
        self._loaded = False
        self._stale = False
        self.job = LatestJob(self, self._done, self._failed)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Month:")))
        top.addWidget(self.period)
        top.addWidget(self.tag)
        top.addWidget(self.unused)
        top.addWidget(self.busy)
        top.addStretch(1)
        top.addWidget(self.summary)
        legend = QLabel(
            "   ".join(
                f"<span style='color:{OUTCOME_COLORS[k]}'>■</span> "
                + (_("Decision pending") if k == "decision" else outcome_label(k))
                for k in OUTCOME_KEYS
            )
            + "   "
            + _("<b>#n</b> friction rank (negative or undecided, at least {n} touchpoints)").format(
                n=formatting.format_int(DEFAULT_MIN_SAMPLE)
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.map, 1)
        layout.addWidget(legend)

        self._refresh_timer = QTimer(self, singleShot=True, interval=300)
        self._refresh_timer.timeout.connect(self.refresh)
        self.period.changed.connect(lambda _m: self.refresh())
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.unused.toggled.connect(lambda _c: self._draw())
        self.map.touchpoint_activated.connect(self.open_touchpoint)
        ctx.bus.changed.connect(self._data_changed)
        self.refresh()

    def month(self) -> Month:
        return self.period.month()

    def is_loaded(self) -> bool:
        return self._loaded

    def refresh(self) -> None:
        """Compute the month's map on a worker; only the newest request's answer is shown."""
        month, tag, ws = self.month(), self.tag.currentData(), self.ctx.ws
        self.busy.show()
        self.summary.setText(_("Computing…"))
        self.job.request(
            lambda: (ws.journey_mix(month, tag), ws.analytics(month, tag, compare=False))
        )

    def _done(self, result: tuple[list[TouchpointMix], Analytics]) -> None:
        self.mixes, self.analytics = result
        self._finish()

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(explain(exc))
        self.busy.hide()

    def _finish(self) -> None:
        self.busy.hide()
        self._draw()
        self._loaded = True
        self.loaded.emit()

    def _draw(self) -> None:
        ranks = {}
        customers = 0
        if self.analytics is not None:
            ranks = {
                i.touchpoint: i.rank
                for i in self.analytics.friction.ranked_touchpoints
                if i.rank is not None
            }
            customers = self.analytics.volume.totals.customers_contacted
        laid = aggregate_map(
            self.mixes, ranks, rtl=self.isRightToLeft(), include_unused=self.unused.isChecked()
        )
        self.map.set_map(laid, self.ctx.ws.touchpoint_label)
        touchpoints = ngettext("{n} touchpoint", "{n} touchpoints", laid.total).format(
            n=formatting.format_int(laid.total)
        )
        people = ngettext("{n} customer", "{n} customers", customers).format(
            n=formatting.format_int(customers)
        )
        self.summary.setText(f"{touchpoints}{_(', ')}{people}")

    def open_touchpoint(self, touchpoint: str) -> EventsDialog:
        """List the month's touchpoints of one kind (in the chosen tag)."""
        month, tag = self.month(), self.tag.currentData()
        rows = self.ctx.ws.touchpoint_events(month, touchpoint, None, tag, limit=EVENTS_LIMIT)
        title = _("{touchpoint} in {period}").format(
            touchpoint=self.ctx.ws.touchpoint_label(touchpoint), period=month.label
        )
        self.events_dialog = show_events(self.ctx, title, rows, limit=EVENTS_LIMIT, parent=self)
        return self.events_dialog

    def _data_changed(self, what: str) -> None:
        if what in ("customers", "events"):
            fill_tags(self.tag, self.ctx)
            if self.isVisible():
                self._refresh_timer.start()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
