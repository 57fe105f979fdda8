"""What every screen of the main window shares: the workspace, the data-changed bus, the undo
stack and the controllers that carry out user actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from touchdesk.data.workspace import Workspace
from touchdesk.ui.controllers.customers import CustomerActions
from touchdesk.ui.controllers.touchpoints import TouchpointActions
from touchdesk.ui.operations import DataBus


class AppContext:
    """One per open database; views get it in their constructor."""

    def __init__(self, ws: Workspace, bus: DataBus | None = None) -> None:
        self.ws = ws
        self.bus = bus or DataBus()
        self.undo = QUndoStack(self.bus)
        self.window: QWidget | None = None
        # Set by the app: re-read language, calendar and currency and rebuild the window.
        self.relocalize: Callable[[], None] | None = None
        self.customers = CustomerActions(self)
        self.touchpoints = TouchpointActions(self)
        ws.subscribe(self.bus.changed.emit)

    def parent_widget(self) -> QWidget | None:
        """The widget dialogs belong to: the active window, else the main window."""
        return QApplication.activeWindow() or self.window

    def status(self, message: str) -> None:
        """A short note in the main window's status bar (e.g. "Deleted … — Ctrl+Z undoes it")."""
        window = self.window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 6000)
