"""The Plan view's tasks: due date, task, touchpoint, owner and status (done, due, N days overdue),
ticked off or back on from the list; a task's follow-up under Today follows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from touchdesk import formatting
from touchdesk.i18n import N_, _, ngettext
from touchdesk.planner.records import PlanDetail, PlanProgress, PlanTaskRow
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.operations import run_op
from touchdesk.ui.widgets.tables import ROW_HEIGHT, setup_table

# Strings, not QColors: QColor objects in module globals outlive Qt at exit and can crash it.
LATE = "#b00020"
DONE = "#2e9d4f"
MAX_ROWS = 10
OWNER = 3  # column


def fit_rows(table: QTableView, rows: int) -> None:
    """Make a table exactly as tall as its rows (up to ``MAX_ROWS``): the view scrolls as a whole."""
    shown = min(max(rows, 1), MAX_ROWS)
    table.setFixedHeight(shown * ROW_HEIGHT + table.horizontalHeader().sizeHint().height() + 4)


class TasksSection(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Tasks"), parent)
        self.ctx = ctx
        self.today = dt.date.today()
        label = ctx.ws.touchpoint_label
        self.model: RowsModel[PlanTaskRow] = RowsModel(
            [
                Column(N_("Due"), lambda r: formatting.format_date(r.due), color=self._color),
                Column(N_("Task"), lambda r: r.title),
                Column(N_("Touchpoint"), lambda r: label(r.touchpoint) if r.touchpoint else ""),
                Column(N_("Owner"), lambda r: r.owner),
                Column(N_("Status"), self._status, color=self._color),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("planTasks")
        self.table.setModel(self.model)
        setup_table(self.table, [110, 360, 180, 110])
        self.done = QPushButton(_("Mark &done"))
        self.done.setObjectName("markDone")
        self.undone = QPushButton(_("Mark &not done"))
        self.done.clicked.connect(lambda: self.mark_done(True))
        self.undone.clicked.connect(lambda: self.mark_done(False))
        self.table.doubleClicked.connect(lambda _i: self.mark_done(True))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done)
        buttons.addWidget(self.undone)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_tasks(self, detail: PlanDetail, progress: PlanProgress, today: dt.date) -> None:
        """The plan's tasks (those superseded by a later version are left out) and the counts."""
        self.today = today
        selected = self.selected()
        tasks = [t for t in detail.tasks if t.followup_id is not None or t.done_at is not None]
        self.model.set_rows(tasks)
        self.table.setColumnHidden(OWNER, not any(t.owner for t in tasks))
        fit_rows(self.table, len(tasks))
        self.setTitle(
            _("Tasks: {done} done, {due} due, {overdue} overdue").format(
                done=formatting.format_int(progress.tasks_done),
                due=formatting.format_int(progress.tasks_due),
                overdue=formatting.format_int(progress.tasks_overdue),
            )
        )
        ids = [t.id for t in tasks]
        if selected is not None and selected.id in ids:
            self.table.selectRow(ids.index(selected.id))
        elif tasks:
            self.table.selectRow(0)
        self._buttons()

    def _status(self, task: PlanTaskRow) -> str:
        if task.done_at is not None:
            return _("done")
        late = (self.today - task.due).days
        if late > 0:
            return ngettext("{n} day overdue", "{n} days overdue", late).format(
                n=formatting.format_int(late)
            )
        return _("due")

    def _color(self, task: PlanTaskRow) -> QColor | None:
        if task.done_at is not None:
            return QColor(DONE)
        return QColor(LATE) if task.due < self.today else None

    def selected(self) -> PlanTaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _buttons(self) -> None:
        task = self.selected()
        usable = task is not None and task.followup_id is not None
        self.done.setEnabled(usable and task.done_at is None)  # type: ignore[union-attr]
        self.undone.setEnabled(usable and task.done_at is not None)  # type: ignore[union-attr]

    def mark_done(self, done: bool) -> None:
        """Tick the selected task off (or back on)."""
        task = self.selected()
        if task is None or task.followup_id is None or (task.done_at is not None) == done:
            return
        followup = task.followup_id
        run_op(self, lambda: self.ctx.ws.complete_followup(followup, done))
