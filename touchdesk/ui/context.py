"""What every screen of the main window shares: the workspace, the data-changed bus, the undo
stack and the controllers that carry out user actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from touchdesk.ui.controllers.customers import CustomerActions
from touchdesk.ui.controllers.touchpoints import TouchpointActions
from touchdesk.ui.live import LiveChanges
from touchdesk.ui.operations import DataBus

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace


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
        # Set by the app: open another database (Settings → Database) and rebuild the window.
        self.switch_database: Callable[[str], None] | None = None
        self.live: LiveChanges | None = None
        ws.subscribe(self.bus.changed.emit)

    def start_live_updates(self, window: QWidget) -> None:
        """Show other people's (and other windows') changes as they are saved, for as long as
        ``window`` lives (a rebuilt window takes over; the watcher is deleted with its window on
        the UI thread, never by the garbage collector on a worker)."""
        if self.live is not None and self.live.parent() is window:
            return
        if not getattr(self.ws, "loaded", True):
            return  # the first frame of the window: called again once the workspace is open
        self.close()
        self.live = LiveChanges(self.ws, window)

    def close(self) -> None:
        """Stop watching for others' changes; the caller closes the workspace."""
        if self.live is not None:
            self.live.stop()
            self.live = None

    def parent_widget(self) -> QWidget | None:
        """The widget dialogs belong to: the active window, else the main window."""
        return QApplication.activeWindow() or self.window

    def status(self, message: str) -> None:
        """A short note in the main window's status bar (e.g. "Deleted … — Ctrl+Z undoes it")."""
        window = self.window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 6000)
