"""Page 2, in the customer's shoes: the journey steps a typical customer takes, prefilled from the
template for the kind of business; the owner adds, removes, reorders and renames them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from touchdesk.catalog import STAGES, stage_label
from touchdesk.i18n import _
from touchdesk.planner.journeys import touchpoints_for_step
from touchdesk.planner.records import JourneyStep
from touchdesk.ui.wizard.describe import join_names
from touchdesk.ui.wizard.keys import on_enter
from touchdesk.ui.wizard.state import WizardState

KEY = Qt.ItemDataRole.UserRole
STAGE = Qt.ItemDataRole.UserRole + 1


class ReadOnlyDelegate(QStyledItemDelegate):
    """Keeps a column from being edited (only a step's name is)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> None:  # type: ignore[override]
        return None


class JourneyPage(QWizardPage):
    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(_("In the customer's shoes"))
        self.setSubTitle(
            _(
                "The steps a typical customer takes, from first hearing of you to coming back."
                " Rename a step with F2 or a double click; add your own, remove or reorder them."
            )
        )
        self.steps = QTreeWidget()
        self.steps.setObjectName("journeySteps")
        self.steps.setHeaderLabels([_("Step"), _("Stage"), _("Touchpoints that serve it")])
        self.steps.setRootIsDecorated(False)
        self.steps.setColumnWidth(0, 380)
        self.steps.setColumnWidth(1, 140)
        self.steps.setStyleSheet("QTreeWidget::item { padding: 3px 0; }")
        read_only = ReadOnlyDelegate(self.steps)
        self.steps.setItemDelegateForColumn(1, read_only)
        self.steps.setItemDelegateForColumn(2, read_only)
        self.steps.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.up = QPushButton(_("Move &up"))
        self.down = QPushButton(_("Move do&wn"))
        self.rename = QPushButton(_("Re&name"))
        self.remove = QPushButton(_("&Remove"))
        side = QVBoxLayout()
        for b in (self.up, self.down, self.rename, self.remove):
            side.addWidget(b)
        side.addStretch(1)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("A step of your own, e.g. “Asks a friend about us”"))
        self.new_stage = QComboBox()
        for stage in STAGES:
            self.new_stage.addItem(stage.label, stage.key)
        self.add = QPushButton(_("&Add step"))
        add_row = QHBoxLayout()
        add_label = QLabel(_("New ste&p:"))
        add_label.setBuddy(self.new_name)
        add_row.addWidget(add_label)
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.new_stage)
        add_row.addWidget(self.add)
        top = QHBoxLayout()
        top.addWidget(self.steps, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(add_row)
        self.up.clicked.connect(lambda: self.move_step(-1))
        self.down.clicked.connect(lambda: self.move_step(1))
        self.rename.clicked.connect(self._rename)
        self.remove.clicked.connect(self.remove_current)
        self.add.clicked.connect(self.add_step)
        on_enter(self.new_name, self.add_step)
        self.steps.itemChanged.connect(lambda *_a: self.completeChanged.emit())
        self.steps.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self._custom = 0

    def initializePage(self) -> None:
        """Fill the steps from the template, unless the kind of business is unchanged (then the
        edits stay); a revised plan starts from its own journey."""
        profile = self.state.profile
        assert profile is not None
        if self.state.steps_for == profile.business:
            return
        previous = self.state.previous
        if previous and previous.profile.business == profile.business and previous.profile.steps:
            steps = previous.profile.steps
        else:
            steps = self.state.knowledge.journey_template(profile.business)
        self.steps.clear()
        for step in steps:
            self._append(step)
        first = self.steps.topLevelItem(0)
        if first is not None:
            self.steps.setCurrentItem(first)
        self.state.steps_for = profile.business

    def _append(self, step: JourneyStep) -> QTreeWidgetItem:
        knowledge = self.state.knowledge
        served = join_names(
            knowledge.touchpoints[k].name.text for k in touchpoints_for_step(knowledge, step)
        )
        item = QTreeWidgetItem([step.name, stage_label(step.stage), served])
        item.setToolTip(2, served)
        item.setData(0, KEY, step.key)
        item.setData(0, STAGE, step.stage)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.steps.addTopLevelItem(item)
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.steps.topLevelItem(i) for i in range(self.steps.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _current_row(self) -> int:
        item = self.steps.currentItem()
        return -1 if item is None else self.steps.indexOfTopLevelItem(item)

    def current_steps(self) -> list[JourneyStep]:
        result = []
        for item in self._items():
            name = item.text(0).strip()
            if name:
                result.append(JourneyStep(item.data(0, KEY), item.data(0, STAGE), name))
        return result

    def move_step(self, delta: int) -> None:
        """Move the selected step up (-1) or down (+1)."""
        row = self._current_row()
        target = row + delta
        if row < 0 or not 0 <= target < self.steps.topLevelItemCount():
            return
        item = self.steps.takeTopLevelItem(row)
        if item is None:
            return
        self.steps.insertTopLevelItem(target, item)
        self.steps.setCurrentItem(item)

    def _rename(self) -> None:
        item = self.steps.currentItem()
        if item is not None:
            self.steps.editItem(item, 0)

    def remove_current(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.steps.takeTopLevelItem(row)
            self.completeChanged.emit()

    def add_step(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        keys = {item.data(0, KEY) for item in self._items()}
        while f"own_{self._custom}" in keys:
            self._custom += 1
        item = self._append(
            JourneyStep(f"own_{self._custom}", str(self.new_stage.currentData()), name)
        )
        self.steps.setCurrentItem(item)
        self.new_name.clear()
        self.completeChanged.emit()

    def _update_buttons(self) -> None:
        has = self.steps.currentItem() is not None
        for b in (self.up, self.down, self.rename, self.remove):
            b.setEnabled(has)

    def isComplete(self) -> bool:
        return bool(self.current_steps())

    def validatePage(self) -> bool:
        self.state.steps = self.current_steps()
        return True
