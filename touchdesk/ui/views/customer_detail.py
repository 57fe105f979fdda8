"""One customer at a glance: the contact card, quick actions, the timeline of every touchpoint on
every channel (newest first, coloured by outcome) and the open follow-ups — so whoever picks up the
phone sees the whole history at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import STAGES
from touchdesk.data.records import CustomerDetail, EventRow, FollowUpRow, NotFound
from touchdesk.i18n import N_, _
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.models.timeline import TimelineModel
from touchdesk.ui.widgets.tables import setup_table
from touchdesk.ui.widgets.text import show_phone

if TYPE_CHECKING:  # the map and its layout load when its tab is first shown
    from touchdesk.ui.journeymap.widget import JourneyMapPanel


def card_html(c: CustomerDetail, team: bool = False) -> str:
    """The contact card; phones and e-mails keep left-to-right order inside Persian text. In a
    team (``team``) it says who changed the customer last."""
    from html import escape

    lines = [f"<b style='font-size:15pt'>{escape(c.name)}</b>"]
    if c.company:
        lines.append(escape(c.company))
    contacts = [show_phone(p) for p in c.phones] + [formatting.isolate(e) for e in c.emails]
    if contacts:
        lines.append(" · ".join(escape(x) for x in contacts))
    facts = []
    if c.city:
        facts.append(escape(c.city))
    if c.stage_reached >= 0:
        facts.append(_("Reached: {stage}").format(stage=STAGES[c.stage_reached].label))
    if c.last_event_at:
        facts.append(
            _("Last contact: {date}").format(
                date=formatting.format_date(formatting.to_local(c.last_event_at))
            )
        )
    if facts:
        lines.append(" · ".join(facts))
    if c.tags:
        lines.append(_("Tags: {tags}").format(tags=escape(", ".join(c.tags))))
    if c.notes:
        lines.append(f"<i>{escape(c.notes)}</i>".replace("\n", "<br>"))
    if team and c.updated_by:
        changed = _("Changed by {name} on {date}").format(
            name=c.updated_by, date=formatting.format_date(formatting.to_local(c.updated_at))
        )
        lines.append(f"<span style='color:#666'>{escape(changed)}</span>")
    return "<br>".join(lines)


class CustomerDetailPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self._map_customer: int | None = None
        self.card = QLabel()
        self.card.setObjectName("customerCard")
        self.card.setWordWrap(True)
        self.log_button = QPushButton(_("Log touchpoint"))
        self.log_button.setToolTip(_("Log a touchpoint for this customer (Ctrl+L)"))
        self.followup_button = QPushButton(_("Add follow-up"))
        self.resolve_button = QPushButton(_("Resolve decision"))
        resolve_menu = QMenu(self.resolve_button)
        resolve_menu.addAction(_("Positive (they said yes)"), lambda: self._resolve("positive"))
        resolve_menu.addAction(_("Negative (they said no)"), lambda: self._resolve("negative"))
        self.resolve_button.setMenu(resolve_menu)
        self.reply_button = QPushButton(_("Record reply"))
        self.reply_button.setToolTip(_("Mark the selected request as answered now"))
        self.report_button = QPushButton(_("Journey report"))
        self.report_button.setToolTip(_("Make this customer's journey summary as a PDF"))
        self.timeline = TimelineModel(ctx.ws, self)
        self.timeline_view = QTableView()
        self.timeline_view.setObjectName("timeline")
        self.timeline_view.setModel(self.timeline)
        # Narrow fixed columns so the note — what the seeds are about — gets the room.
        setup_table(self.timeline_view, (110, 140, 112, 96, 160, 72), stretch=4)
        self.followups: RowsModel[FollowUpRow] = RowsModel(
            [
                Column(N_("Due"), lambda r: formatting.format_datetime(r.due_at)),
                Column(N_("Follow-up"), lambda r: r.title),
                Column(N_("Assigned to"), lambda r: r.assignee),
            ],
            self,
        )
        self.followups_view = QTableView()
        self.followups_view.setModel(self.followups)
        self.followups_view.setMaximumHeight(130)
        setup_table(self.followups_view, (125,), stretch=1)
        self.done_button = QPushButton(_("Done"))
        self.reschedule_button = QPushButton(_("Reschedule"))
        self.message = QLabel(_("Select a customer to see their history."))
        self.message.setStyleSheet("color: #666;")

        actions = QHBoxLayout()
        for b in (
            self.log_button,
            self.followup_button,
            self.resolve_button,
            self.reply_button,
            self.report_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        fu_actions = QHBoxLayout()
        fu_actions.addWidget(QLabel(_("Open follow-ups")))
        fu_actions.addStretch(1)
        fu_actions.addWidget(self.done_button)
        fu_actions.addWidget(self.reschedule_button)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.card)
        body.addLayout(actions)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline_view, _("Timeline"))
        # An empty page holds the map's tab until it is first shown (start-up skips the map).
        self._journey_map: JourneyMapPanel | None = None
        self._map_page = QWidget()
        self._map_tab = self.tabs.addTab(self._map_page, _("Journey map"))
        body.addWidget(self.tabs, 1)
        body.addLayout(fu_actions)
        body.addWidget(self.followups_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)

        self.log_button.clicked.connect(lambda: self.ctx.touchpoints.quick_log(self.customer_id))
        self.followup_button.clicked.connect(
            lambda: self.ctx.touchpoints.add_followup(self.customer_id)
        )
        self.reply_button.clicked.connect(self._reply)
        self.report_button.clicked.connect(self.journey_report)
        self.tabs.currentChanged.connect(lambda _i: self._update_map())
        self.done_button.clicked.connect(self._done)
        self.reschedule_button.clicked.connect(self._reschedule)
        self.timeline_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.followups_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.refresh()

    def show_customer(self, customer_id: int | None) -> None:
        if customer_id != self.customer_id:
            self.customer_id = customer_id
            self.refresh()

    def refresh(self) -> None:
        """Read the card, timeline and follow-ups of the shown customer again."""
        cid = self.customer_id
        detail = None
        if cid is not None:
            try:
                detail = self.ctx.ws.customer(cid)
            except NotFound:
                detail = None
        self.body.setVisible(detail is not None)
        self.message.setVisible(detail is None)
        if detail is None:
            self.customer_id = None
            self.timeline.set_customer(None)
            self.followups.set_rows([])
            return
        ws = self.ctx.ws
        team = ws.team_mode or len(ws.users()) > 1
        self.card.setText(card_html(detail, team))
        self.followups_view.setColumnHidden(2, not team)
        self.timeline.set_customer(detail.id)
        if self.timeline.error:
            self.message.setText(self.timeline.error)
            self.message.show()
        self.followups.set_rows(self.ctx.ws.open_followups(detail.id))
        self._map_customer = None
        self._update_map()
        self._update_buttons()

    def journey_report(self) -> None:
        """One click from the customer's page to their journey summary in the Reports view."""
        cid = self.customer_id
        window = self.ctx.window
        if cid is None or window is None or not hasattr(window, "show_view"):
            return
        try:
            reports = window.show_view("reports")
        except StopIteration:  # a build without the Reports view
            return
        reports.journey_of(cid, self.ctx.ws.customer(cid).name)

    @property
    def journey_map(self) -> JourneyMapPanel:
        """The journey map, built (and its modules imported) when first needed; it takes the
        place of the empty page in its tab."""
        if self._journey_map is None:
            from touchdesk.ui.journeymap.widget import JourneyMapPanel

            panel = JourneyMapPanel()
            panel.view.event_activated.connect(self.show_event)
            current = self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            self.tabs.removeTab(self._map_tab)
            self.tabs.insertTab(self._map_tab, panel, _("Journey map"))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            self._map_page.deleteLater()
            self._journey_map = panel
        return self._journey_map

    def _update_map(self) -> None:
        """Draw the journey map when its tab is shown (the whole history is read only then)."""
        cid = self.customer_id
        if self.tabs.currentIndex() != self._map_tab or cid == self._map_customer:
            return
        from touchdesk.journeymap_layout import MapEvent

        self._map_customer = cid
        rows = self.ctx.ws.timeline(cid) if cid is not None else []
        self.journey_map.view.set_events(
            [
                MapEvent(
                    r.id,
                    r.occurred_at,
                    r.stage,
                    r.touchpoint,
                    r.channel,
                    r.outcome,
                    r.resolution,
                    r.note,
                )
                for r in rows
            ],
            self.ctx.ws.touchpoint_label,
        )

    def show_event(self, event_id: int) -> None:
        """Select a touchpoint in the timeline (loading older pages as needed) and show it."""
        row = 0
        while True:
            for n in range(row, self.timeline.rowCount()):
                event = self.timeline.event_at(n)
                if event is not None and event.id == event_id:
                    self.tabs.setCurrentWidget(self.timeline_view)
                    self.timeline_view.selectRow(n)
                    self.timeline_view.scrollTo(self.timeline.index(n, 0))
                    return
            row = self.timeline.rowCount()
            if not self.timeline.canFetchMore():
                return
            self.timeline.fetchMore()

    def selected_event(self) -> EventRow | None:
        rows = self.timeline_view.selectionModel().selectedRows()
        return self.timeline.event_at(rows[0].row()) if rows else None

    def selected_followup(self) -> FollowUpRow | None:
        rows = self.followups_view.selectionModel().selectedRows()
        return self.followups.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        event = self.selected_event()
        self.resolve_button.setEnabled(
            event is not None and event.outcome == "decision" and event.resolution is None
        )
        self.reply_button.setEnabled(
            event is not None and event.reply_due_at is not None and event.replied_at is None
        )
        has_fu = self.selected_followup() is not None
        self.done_button.setEnabled(has_fu)
        self.reschedule_button.setEnabled(has_fu)

    def _resolve(self, resolution: str) -> None:
        event = self.selected_event()
        if event is not None:
            self.ctx.touchpoints.resolve_decision(event.id, resolution)

    def _reply(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.ctx.touchpoints.record_reply(event.id)

    def _done(self) -> None:
        fu = self.selected_followup()
        if fu is not None:
            self.ctx.touchpoints.complete_followup(fu.id, fu.title)

    def _reschedule(self) -> None:
        fu = self.selected_followup()
        if fu is not None:
            self.ctx.touchpoints.reschedule_followup(fu.id, fu.title, fu.due_at, version=fu.version)
