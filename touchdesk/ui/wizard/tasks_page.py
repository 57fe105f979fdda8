"""Page 4, touchpoint tasks: dated tasks for every chosen touchpoint over the coming weeks (the
planner's task templates), each with an owner when the team has several people. Every cell can be
edited (dates with the user's calendar); tasks can be added and removed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from touchdesk import formatting
from touchdesk.i18n import _
from touchdesk.planner.records import TaskDraft
from touchdesk.planner.tasks import generate_tasks
from touchdesk.ui.language import from_qdate, setup_date_edit, to_qdate
from touchdesk.ui.widgets.tables import setup_table
from touchdesk.ui.wizard.state import WizardState

VALUE = Qt.ItemDataRole.UserRole
DUE, TITLE, TOUCHPOINT, OWNER = range(4)
NEW_TASK_DAYS = 7
Index = QModelIndex | QPersistentModelIndex


class DateDelegate(QStyledItemDelegate):
    """Edits a cell's date (kept in ``UserRole`` as a day ordinal) with the user's calendar."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QDateEdit(parent)
        setup_date_edit(edit, with_time=False)
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        editor.setDate(to_qdate(dt.date.fromordinal(index.data(VALUE))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        day = from_qdate(editor.date())
        model.setData(index, day.toordinal(), VALUE)
        model.setData(index, formatting.format_date(day), Qt.ItemDataRole.DisplayRole)


class TouchpointDelegate(QStyledItemDelegate):
    """Picks which chosen touchpoint a task belongs to (or none)."""

    def __init__(
        self, choices: list[tuple[str, str | None]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for label, key in self.choices:
            combo.addItem(label, key)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(VALUE))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), VALUE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class TasksPage(QWizardPage):
    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(_("Touchpoint tasks"))
        self.setSubTitle(
            _(
                "What to do to set up each touchpoint, with dates over the coming weeks. They"
                " appear under Today when they are due. Double-click a cell to change it."
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("taskTable")
        self.table.setHorizontalHeaderLabels([_("Due"), _("Task"), _("Touchpoint"), _("Owner")])
        setup_table(self.table, [120, 380, 200], stretch=TITLE)
        self.table.setItemDelegateForColumn(DUE, DateDelegate(self.table))
        self.touchpoints = TouchpointDelegate([], self.table)
        self.table.setItemDelegateForColumn(TOUCHPOINT, self.touchpoints)
        self.add = QPushButton(_("&Add task"))
        self.remove = QPushButton(_("&Remove task"))
        self.add.clicked.connect(self.add_task)
        self.remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        """Generate the tasks when the chosen touchpoints or the team changed; else keep edits."""
        inputs = (tuple(sorted(self.state.choices.items())), tuple(self.state.owners))
        label = self.state.ws.touchpoint_label
        self.touchpoints.choices = [(_("(none)"), None)] + [
            (label(k), k) for k in self.state.knowledge.touchpoints if k in self.state.choices
        ]
        self.table.setColumnHidden(OWNER, not self.state.owners and self.state.previous is None)
        if self.state.tasks_for == inputs:
            return
        self.state.tasks_for = inputs
        self.set_tasks(self._drafts())

    def _drafts(self) -> list[TaskDraft]:
        choices, owners = self.state.choices, self.state.owners
        previous = self.state.previous
        start = self.state.today
        if previous is None:
            return generate_tasks(self.state.knowledge, choices, start, owners)
        # A revision carries over the unfinished tasks of touchpoints still in the plan and adds
        # tasks only for the touchpoints that are new in it.
        kept = [
            TaskDraft(t.title, t.due, t.touchpoint, t.owner)
            for t in previous.tasks
            if t.done_at is None
            and t.followup_id is not None
            and (t.touchpoint is None or t.touchpoint in choices)
        ]
        old = {t.touchpoint for t in previous.chosen}
        new = {k: v for k, v in choices.items() if k not in old}
        drafts = kept + generate_tasks(self.state.knowledge, new, start, owners)
        return sorted(drafts, key=lambda t: t.due)

    def set_tasks(self, tasks: list[TaskDraft]) -> None:
        self.table.setRowCount(0)
        for task in tasks:
            self._append(task)
        if tasks:
            self.table.selectRow(0)

    def _append(self, task: TaskDraft) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = self.state.ws.touchpoint_label
        values: list[tuple[str, Any]] = [
            (formatting.format_date(task.due), task.due.toordinal()),
            (task.title, None),
            (label(task.touchpoint) if task.touchpoint else _("(none)"), task.touchpoint),
            (task.owner, None),
        ]
        for column, (text, value) in enumerate(values):
            item = QTableWidgetItem(text)
            if value is not None or column == TOUCHPOINT:
                item.setData(VALUE, value)
            self.table.setItem(row, column, item)
        return row

    def tasks(self) -> list[TaskDraft]:
        """The tasks as shown (edits included), in table order."""
        result = []
        for row in range(self.table.rowCount()):
            title = self._cell(row, TITLE).text().strip()
            if not title:
                continue
            result.append(
                TaskDraft(
                    title,
                    dt.date.fromordinal(self._cell(row, DUE).data(VALUE)),
                    self._cell(row, TOUCHPOINT).data(VALUE),
                    self._cell(row, OWNER).text().strip(),
                )
            )
        return result

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell gets an item in _append
        return item

    def add_task(self) -> None:
        """A new task a week from today for the selected task's touchpoint, its title selected
        for typing over (F2)."""
        current = self.table.currentRow()
        touchpoint = self._cell(current, TOUCHPOINT).data(VALUE) if current >= 0 else None
        owner = self.state.owners[0] if self.state.owners else ""
        due = self.state.today + dt.timedelta(days=NEW_TASK_DAYS)
        row = self._append(TaskDraft(_("New task"), due, touchpoint, owner))
        self.table.setCurrentCell(row, TITLE)
        self.table.setFocus()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def validatePage(self) -> bool:
        self.state.tasks = self.tasks()
        return True
