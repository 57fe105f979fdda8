"""The Dashboard: a month at a glance — KPIs with their change against last month, outcomes by
stage, the top friction points (a click lists the touchpoints behind one), reply times by channel,
the stage funnel and the purchase heatmap by channel × weekday or channel × hour of the day.

Everything is computed by ``Workspace.analytics`` and ``Workspace.journey_mix`` on a worker thread
(a busy bar shows meanwhile), so the window stays responsive on a million touchpoints. QtCharts is
imported with this module, which the main window loads only when the Dashboard is first opened.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import (
    CHANNEL_KEYS,
    OUTCOME_COLORS,
    OUTCOME_KEYS,
    STAGE_KEYS,
    channel_label,
    outcome_label,
    stage_label,
)
from touchdesk.data.analytics import Analytics, FrictionItem
from touchdesk.formatting import Month
from touchdesk.i18n import N_, _
from touchdesk.journeymap_layout import TouchpointMix, outcomes_by_stage
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.operations import explain
from touchdesk.ui.views.dashboard_cards import HOUR, WEEKDAY, Heatmap, Kpi, KpiRow
from touchdesk.ui.views.dashboard_charts import ChartBox, no_data_text
from touchdesk.ui.views.dashboard_events import EventsDialog, show_events
from touchdesk.ui.views.dashboard_period import MonthPicker
from touchdesk.ui.views.dashboard_worker import LatestJob
from touchdesk.ui.views.journey import busy_bar, fill_tags, tag_combo
from touchdesk.ui.widgets.tables import setup_table

TOP_FRICTION = 10
EVENTS_LIMIT = 1000


def kpis(a: Analytics) -> list[Kpi]:
    """The headline figures of a period."""
    f = formatting
    t, change = a.volume.totals, a.volume.change
    median = a.responsiveness.overall.median_minutes
    return [
        Kpi(
            "touchpoints",
            _("Touchpoints"),
            f.format_int(t.touchpoints),
            change["touchpoints"],
            True,
        ),
        Kpi(
            "customers_contacted",
            _("Customers contacted"),
            f.format_int(t.customers_contacted),
            change["customers_contacted"],
            True,
        ),
        Kpi(
            "new_customers",
            _("New customers"),
            f.format_int(t.new_customers),
            change["new_customers"],
            True,
        ),
        Kpi("purchases", _("Purchases"), f.format_int(t.purchases), change["purchases"], True),
        Kpi(
            "revenue", _("Revenue"), f.format_money(t.revenue_cents), change["revenue_cents"], True
        ),
        Kpi("open_decisions", _("Decisions still open"), f.format_int(a.decisions.open)),
        Kpi(
            "conversion",
            _("New customers who bought"),
            f.format_percent(a.flow.conversion_rate) if a.flow.conversion_rate is not None else "—",
        ),
        Kpi("median_reply", _("Median first reply"), f.format_duration_minutes(median)),
    ]


class DashboardView(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.analytics: Analytics | None = None
        self.mixes: list[TouchpointMix] = []
        self.events_dialog: EventsDialog | None = None
        self._loaded = False
        self._stale = False
        self.job = LatestJob(self, self._done, self._failed)
        self.period = MonthPicker()
        self.tag = tag_combo(ctx)
        self.busy = busy_bar()
        self.status = QLabel()
        self.kpis = KpiRow()
        self.stages = ChartBox(_("Outcomes by stage"), no_data_text())
        self.funnel = ChartBox(_("Stage funnel of new customers"), no_data_text())
        self.funnel_note = QLabel()
        self.replies = ChartBox(_("First reply by channel"), _("No requests in this month."))
        self.friction: RowsModel[FrictionItem] = RowsModel(
            [
                Column("#", lambda i: formatting.digits(str(i.rank))),
                Column(N_("Touchpoint"), lambda i: ctx.ws.touchpoint_label(i.touchpoint)),
                Column(N_("Channel"), lambda i: channel_label(i.channel) if i.channel else ""),
                Column(N_("Touchpoints"), lambda i: formatting.format_int(i.events)),
                Column(N_("Negative"), lambda i: formatting.format_int(i.negative)),
                Column(N_("Open decisions"), lambda i: formatting.format_int(i.open_decisions)),
                Column(N_("Friction share"), lambda i: formatting.format_percent(i.share)),
            ],
            self,
        )
        self.friction_table = QTableView()
        self.friction_table.setObjectName("frictionTable")
        self.friction_table.setModel(self.friction)
        self.friction_table.setToolTip(_("Double-click to see the touchpoints behind a row"))
        setup_table(self.friction_table, (34, 260, 190, 110, 110, 130), stretch=1)
        self.friction_button = QPushButton(_("Show touchpoints"))
        self.friction_button.setEnabled(False)
        self.heatmap = Heatmap()
        self.heatmap_by = QButtonGroup(self)
        for by, label, name in (
            (WEEKDAY, _("By weekday"), "heatmapByWeekday"),
            (HOUR, _("By hour"), "heatmapByHour"),
        ):
            button = QPushButton(label)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setChecked(by == WEEKDAY)
            button.setProperty("by", by)
            self.heatmap_by.addButton(button)
        self.heatmap_note = QLabel()
        self.heatmap_note.setWordWrap(True)
        self.heatmap_note.setStyleSheet("color: #5b6673;")

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Month:")))
        top.addWidget(self.period)
        top.addWidget(self.tag)
        top.addWidget(self.busy)
        top.addStretch(1)
        top.addWidget(self.status)
        friction_box = QWidget()
        fl = QVBoxLayout(friction_box)
        fl.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<b>{}</b>".format(_("Top friction points"))))
        heading.addStretch(1)
        heading.addWidget(self.friction_button)
        fl.addLayout(heading)
        fl.addWidget(self.friction_table, 1)
        funnel_box = QWidget()
        fb = QVBoxLayout(funnel_box)
        fb.setContentsMargins(0, 0, 0, 0)
        fb.addWidget(self.funnel, 1)
        fb.addWidget(self.funnel_note)
        heat_box = QWidget()
        hb = QVBoxLayout(heat_box)
        hb.setContentsMargins(0, 0, 0, 0)
        heat_heading = QHBoxLayout()
        heat_heading.addWidget(
            QLabel("<b>{}</b>".format(_("Chance of a purchase by first contact")))
        )
        heat_heading.addStretch(1)
        for button in self.heatmap_by.buttons():
            heat_heading.addWidget(button)
        hb.addLayout(heat_heading)
        hb.addWidget(self.heatmap, 1)
        hb.addWidget(self.heatmap_note)
        body = QWidget()
        grid = QGridLayout(body)
        grid.addWidget(self.kpis, 0, 0, 1, 2)
        grid.addWidget(self.stages, 1, 0)
        grid.addWidget(funnel_box, 1, 1)
        grid.addWidget(friction_box, 2, 0, 1, 2)
        grid.addWidget(self.replies, 3, 0, 1, 2)
        grid.addWidget(heat_box, 4, 0, 1, 2)
        for row, height in ((1, 280), (2, 320)):
            grid.setRowMinimumHeight(row, height)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self._refresh_timer = QTimer(self, singleShot=True, interval=300)
        self._refresh_timer.timeout.connect(self.refresh)
        self.period.changed.connect(lambda _m: self.refresh())
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.heatmap_by.buttonToggled.connect(lambda _b, on: on and self._show_heatmap())
        self.friction_table.activated.connect(lambda index: self.open_friction(index.row()))
        self.friction_button.clicked.connect(self._open_selected)
        self.friction_table.selectionModel().selectionChanged.connect(
            lambda *_a: self.friction_button.setEnabled(self._selected_row() is not None)
        )
        ctx.bus.changed.connect(self._data_changed)
        self.refresh()

    def month(self) -> Month:
        return self.period.month()

    def is_loaded(self) -> bool:
        return self._loaded

    # --- computing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the month on a worker; only the newest request's answer is shown."""
        month, tag, ws = self.month(), self.tag.currentData(), self.ctx.ws
        self.busy.show()
        self.status.setText(_("Computing…"))
        self.job.request(lambda: (ws.analytics(month, tag), ws.journey_mix(month, tag)))

    def _done(self, result: tuple[Analytics, list[TouchpointMix]]) -> None:
        self.show_result(*result)

    def _failed(self, exc: Exception) -> None:
        self.busy.hide()
        self.status.setText(explain(exc))

    def show_result(self, a: Analytics, mixes: list[TouchpointMix]) -> None:
        """Fill every section from a computed period."""
        self.analytics, self.mixes = a, mixes
        self.busy.hide()
        self.status.setText(a.period.label)
        self.kpis.show_kpis(kpis(a))
        by_stage = outcomes_by_stage(mixes)
        self.stages.show_bars(
            [stage_label(s) for s in STAGE_KEYS],
            [
                (
                    _("Decision pending") if o == "decision" else outcome_label(o),
                    OUTCOME_COLORS[o],
                    [by_stage[s][o] for s in STAGE_KEYS],
                )
                for o in OUTCOME_KEYS
            ],
            stacked=True,
        )
        self.friction.set_rows(a.friction.ranked[:TOP_FRICTION])
        self._show_replies(a)
        self._show_funnel(a)
        self._show_heatmap()
        self._loaded = True
        self.loaded.emit()

    def heatmap_columns(self) -> str:
        """What the heatmap's columns are: ``WEEKDAY`` or ``HOUR`` (the checked button)."""
        button = self.heatmap_by.checkedButton()
        return str(button.property("by")) if button is not None else WEEKDAY

    def _show_heatmap(self) -> None:
        if self.analytics is None:
            return
        patterns, by = self.analytics.patterns, self.heatmap_columns()
        self.heatmap.show_patterns(patterns, by)
        n = formatting.format_int(patterns.min_sample)
        if by == HOUR:
            note = _(
                "Share of contact sequences that led to a purchase, by the channel and the hour "
                "of the day (local time) of their first contact; blank where fewer than {n} "
                "sequences started."
            )
        else:
            note = _(
                "Share of contact sequences that led to a purchase, by the channel and weekday of "
                "their first contact; blank where fewer than {n} sequences started."
            )
        self.heatmap_note.setText(note.format(n=n))

    def _show_replies(self, a: Analytics) -> None:
        answered = [
            (ch, s) for ch, s in a.responsiveness.by_channel.items() if s.median_minutes is not None
        ]
        order = {k: n for n, k in enumerate(CHANNEL_KEYS)}
        answered.sort(key=lambda cs: order.get(cs[0], len(order)))
        self.replies.show_bars(
            [channel_label(ch) for ch, _s in answered],
            [
                (_("Median"), "#3b6fd1", [(s.median_minutes or 0) / 60 for _c, s in answered]),
                (_("Slowest tenth"), "#9db7e8", [(s.p90_minutes or 0) / 60 for _c, s in answered]),
            ],
            value_title=_("hours"),
            decimals=1,
        )

    def _show_funnel(self, a: Analytics) -> None:
        flow = a.flow
        self.funnel.show_bars(
            [stage_label(s) for s in STAGE_KEYS],
            [(_("New customers"), "#2f8f9d", [flow.reached[s] for s in STAGE_KEYS])],
        )
        conversion = (
            formatting.format_percent(flow.conversion_rate)
            if flow.conversion_rate is not None
            else "—"
        )
        repeat = (
            formatting.format_percent(flow.repeat_rate) if flow.repeat_rate is not None else "—"
        )
        self.funnel_note.setText(
            _("{n} new customers; {conversion} bought; repeat buyers {repeat}").format(
                n=formatting.format_int(flow.cohort), conversion=conversion, repeat=repeat
            )
        )

    # --- click-through ---------------------------------------------------------------------------

    def _selected_row(self) -> int | None:
        rows = self.friction_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _open_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.open_friction(row)

    def open_friction(self, row: int) -> EventsDialog | None:
        """List the touchpoints behind friction point ``row`` (its touchpoint, channel, month and
        tag)."""
        item = self.friction.row_at(row)
        if item is None:
            return None
        month, tag = self.month(), self.tag.currentData()
        rows = self.ctx.ws.touchpoint_events(
            month, item.touchpoint, item.channel, tag, limit=EVENTS_LIMIT
        )
        title = _("{touchpoint} by {channel} in {period}").format(
            touchpoint=self.ctx.ws.touchpoint_label(item.touchpoint),
            channel=channel_label(item.channel) if item.channel else "",
            period=month.label,
        )
        self.events_dialog = show_events(self.ctx, title, rows, limit=EVENTS_LIMIT, parent=self)
        return self.events_dialog

    # --- refresh on data changes -----------------------------------------------------------------

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
