"""Keys in the wizard: Enter in a text field does the field's own action (add a step, remember
costs) instead of also pressing the wizard's default button; Space on a touchpoint switches it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterFilter(QObject):
    def __init__(self, action: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            self.action()
            return True
        return False


class _KeyFilter(QObject):
    def __init__(self, key: Qt.Key, action: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self.key = key
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == self.key
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            return self.action()
        return False


def on_key(widget: QWidget, key: Qt.Key, action: Callable[[], bool]) -> None:
    """Run ``action`` when ``key`` is pressed in ``widget``; it returns whether it handled it."""
    widget.installEventFilter(_KeyFilter(key, action, widget))


def on_enter(widget: QWidget, action: Callable[[], None]) -> None:
    """Run ``action`` when Enter is pressed in ``widget``, and nothing else."""
    widget.installEventFilter(_EnterFilter(action, widget))
