"""Today in a team: the "Mine / Everyone's" switch (remembered on this computer) and the
"Assign to…" menu listing the team members."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QMenu, QPushButton, QWidget

from touchdesk.data.records import UserRow
from touchdesk.i18n import _
from touchdesk.ui import state

MINE_KEY = "today/mine"


def is_team(people: Sequence[UserRow], team_mode: bool) -> bool:
    """Whether to show who follow-ups belong to: a shared database, or more than one person."""
    return team_mode or len(people) > 1


class MineSwitch(QWidget):
    """Two toggle buttons: only my follow-ups, or everyone's. ``toggled(mine)`` on a change."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mine_button = QPushButton(_("Mine"))
        self.mine_button.setObjectName("todayMine")
        self.mine_button.setToolTip(_("Follow-ups assigned to you (or to nobody)"))
        self.everyone_button = QPushButton(_("Everyone's"))
        self.everyone_button.setObjectName("todayEveryone")
        self.everyone_button.setToolTip(_("Every team member's follow-ups"))
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for button in (self.mine_button, self.everyone_button):
            button.setCheckable(True)
            self.group.addButton(button)
            row.addWidget(button)
        self.set_mine(bool(state.read(MINE_KEY, True, bool)))
        self.group.buttonClicked.connect(lambda _b: self._clicked())

    def mine(self) -> bool:
        return self.mine_button.isChecked()

    def set_mine(self, mine: bool) -> None:
        (self.mine_button if mine else self.everyone_button).setChecked(True)

    def _clicked(self) -> None:
        state.write(MINE_KEY, self.mine())
        self.toggled.emit(self.mine())


def assign_menu(
    people: Sequence[UserRow],
    current_label: str,
    pick: Callable[[UserRow], None],
    parent: QWidget | None = None,
) -> QMenu:
    """A menu of the team members; the one it is assigned to now is ticked."""
    menu = QMenu(parent)
    menu.setObjectName("assignMenu")
    for person in people:
        action = menu.addAction(person.label)
        action.setCheckable(True)
        action.setChecked(person.label == current_label)
        action.setData(person.name)
        action.triggered.connect(lambda _checked=False, p=person: pick(p))
    if not people:
        menu.addAction(_("No team members yet")).setEnabled(False)
    return menu
