"""Today: what needs doing now — overdue and due-today follow-ups, pending decisions, requests past
their reply deadline and customers losing touch — each with its action done from the list.
In a team, follow-ups show who they are assigned to, can be given to someone else, and the list
shows mine or everyone's. The lists are read off the UI thread, so a large database never freezes
the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import channel_label
from touchdesk.data.records import FollowUpRow, TodaySummary, UserRow
from touchdesk.i18n import N_, _, ngettext
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.operations import run_in_background
from touchdesk.ui.views.today_team import MineSwitch, assign_menu, is_team
from touchdesk.ui.widgets.icons import channel_icon, outcome_icon
from touchdesk.ui.widgets.tables import setup_table

VISIBLE_ROWS = 6
# A string, not a QColor: QColor objects in module globals outlive Qt at exit and can crash it.
LATE = "#b00020"


class Section(QGroupBox):
    """One Today list: a titled table with its count and the buttons acting on the chosen row."""

    def __init__(
        self,
        title: str,
        columns: Sequence[Column[Any]],
        actions: Sequence[tuple[str, Callable[[Any], None]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title = title
        self.model: RowsModel[Any] = RowsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, [150] + [180] * (len(columns) - 2))
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.addStretch(1)
        for label, handler in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, h=handler: self._act(h))
            row.addWidget(button)
            self.buttons.append(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.table.doubleClicked.connect(lambda _i: self._act(actions[0][1]) if actions else None)
        self.set_rows([])

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.setTitle(f"{self._title} ({formatting.format_int(len(rows))})")
        shown = min(max(len(rows), 1), VISIBLE_ROWS)
        self.table.setFixedHeight(
            shown * 26 + self.table.horizontalHeader().sizeHint().height() + 4
        )
        self.setVisible(bool(rows))
        if rows:
            # Through the selection model: selectRow() does nothing while the view is hidden.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update(self) -> None:
        for b in self.buttons:
            b.setEnabled(self.selected() is not None)

    def _act(self, handler: Callable[[Any], None]) -> None:
        row = self.selected()
        if row is not None:
            handler(row)


class TodayView(QWidget):
    badge_changed = Signal(int)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: TodaySummary | None = None
        tp = ctx.touchpoints
        self.people: list[UserRow] = []
        self.assign_popup: Any = None
        fu_columns = [
            Column(N_("Due"), lambda r: formatting.format_datetime(r.due_at)),
            Column(N_("Customer"), lambda r: r.customer_name),
            Column(N_("Assigned to"), lambda r: r.assignee),
            Column(N_("Follow-up"), lambda r: r.title),
        ]
        fu_actions: list[tuple[str, Callable[[Any], None]]] = [
            (_("Done"), lambda r: tp.complete_followup(r.id, r.title)),
            (
                _("Reschedule"),
                lambda r: tp.reschedule_followup(r.id, r.title, r.due_at, version=r.version),
            ),
            (_("Assign to…"), self.show_assign_menu),
            (_("Log touchpoint"), lambda r: tp.quick_log(r.customer_id)),
        ]
        label = ctx.ws.touchpoint_label
        late_due = Column(
            N_("Due"), lambda r: formatting.format_datetime(r.due_at), color=lambda r: QColor(LATE)
        )
        self.overdue = Section(_("Overdue follow-ups"), [late_due, *fu_columns[1:]], fu_actions)
        self.due_today = Section(_("Due today"), fu_columns, fu_actions)
        self.decisions = Section(
            _("Pending decisions"),
            [
                Column(
                    N_("Since"),
                    lambda r: formatting.format_date(formatting.to_local(r.occurred_at)),
                    icon=lambda r: outcome_icon("decision"),
                ),
                Column(N_("Customer"), lambda r: r.customer_name),
                Column(N_("Touchpoint"), lambda r: label(r.touchpoint)),
                Column(N_("Note"), lambda r: r.note.replace("\n", " ")),
            ],
            [
                (_("Positive"), lambda r: tp.resolve_decision(r.id, "positive")),
                (_("Negative"), lambda r: tp.resolve_decision(r.id, "negative")),
                (_("Log touchpoint"), lambda r: tp.quick_log(r.customer_id)),
            ],
        )
        self.late = Section(
            _("Unanswered requests past their deadline"),
            [
                Column(
                    N_("Reply was due"),
                    lambda r: formatting.format_datetime(r.reply_due_at),
                    color=lambda r: QColor(LATE),
                ),
                Column(N_("Customer"), lambda r: r.customer_name),
                Column(
                    N_("Channel"),
                    lambda r: channel_label(r.channel),
                    icon=lambda r: channel_icon(r.channel),
                ),
                Column(N_("Request"), lambda r: r.note.replace("\n", " ") or label(r.touchpoint)),
            ],
            [
                (_("Record reply"), lambda r: tp.record_reply(r.id)),
                (_("Log touchpoint"), lambda r: tp.quick_log(r.customer_id)),
            ],
        )
        self.losing = Section(
            _("Customers losing touch"),
            [
                Column(N_("Customer"), lambda r: r.customer_name),
                Column(
                    N_("Last contact"),
                    lambda r: formatting.format_date(formatting.to_local(r.last_event_at)),
                ),
                Column(
                    N_("Silent for"),
                    lambda r: ngettext("{n} day", "{n} days", r.days_silent).format(
                        n=formatting.format_int(r.days_silent)
                    ),
                ),
            ],
            [(_("Log touchpoint"), lambda r: tp.quick_log(r.customer_id))],
        )
        self.sections = (self.overdue, self.due_today, self.decisions, self.late, self.losing)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.switch = MineSwitch()
        self.switch.hide()
        self.switch.toggled.connect(lambda _mine: self.refresh())
        self.status = QLabel(_("Loading…"))
        self._show_team(False)
        content = QWidget()
        column = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.switch)
        column.addLayout(top)
        column.addWidget(self.status)
        for s in self.sections:
            column.addWidget(s)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._loading = False
        self._again = False
        self._timer = QTimer(self, singleShot=True, interval=100)
        self._timer.timeout.connect(self.refresh)
        ctx.bus.changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, what: str) -> None:
        if what in ("customers", "events", "followups", "settings", "user", "users"):
            self._timer.start()

    def refresh(self) -> None:
        """Read Today's lists on a worker; a refresh asked for meanwhile runs right after."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        ws = self.ctx.ws
        mine = self.switch.mine()

        def work() -> tuple[TodaySummary, list[UserRow]]:
            # The switch only counts in a team: alone, every follow-up is mine anyway.
            people = ws.users()
            return ws.today(mine=mine and is_team(people, ws.team_mode)), people

        run_in_background(work, self._show, self._failed, owner=self)

    def is_loaded(self) -> bool:
        return self.summary is not None

    def _finish(self) -> None:
        self._loading = False
        self.loaded.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, result: tuple[TodaySummary, list[UserRow]]) -> None:
        summary, self.people = result
        self.summary = summary
        self._show_team(is_team(self.people, self.ctx.ws.team_mode))
        self.heading.setText(
            _("Today, {date}").format(
                date=formatting.format_date(formatting.to_local(formatting.utc_now()), "long")
            )
        )
        self.overdue.set_rows(summary.overdue)
        self.due_today.set_rows(summary.due_today)
        self.decisions.set_rows(summary.pending_decisions)
        self.late.set_rows(summary.late_requests)
        self.losing.set_rows(summary.losing_touch)
        self.status.setVisible(summary.count == 0)
        self.status.setText(_("Nothing needs doing right now."))
        self.badge_changed.emit(summary.count)
        self._finish()

    def _failed(self, exc: Exception) -> None:
        self.status.setText(_("Could not read today's list: {error}").format(error=exc))
        self.status.show()
        self._finish()

    def _show_team(self, team: bool) -> None:
        """Show the switch, the "Assigned to" column and "Assign to…" only in a team."""
        self.switch.setVisible(team)
        for section in (self.overdue, self.due_today):
            section.table.setColumnHidden(2, not team)
            section.buttons[2].setVisible(team)

    def show_assign_menu(self, row: FollowUpRow) -> None:
        """The team members to give the follow-up to, in a menu under the button pressed."""
        tp = self.ctx.touchpoints
        self.assign_popup = assign_menu(
            self.people, row.assignee, lambda person: tp.assign_followup(row, person), self
        )
        button = QApplication.focusWidget()
        if isinstance(button, QPushButton):  # under the button (keyboard users too)
            self.assign_popup.popup(button.mapToGlobal(button.rect().bottomLeft()))
        else:
            self.assign_popup.popup(QCursor.pos())
