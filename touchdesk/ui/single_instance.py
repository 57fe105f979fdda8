"""One window per database: a second TouchDesk started on the same database asks the first to
come forward and exits, instead of opening the same file twice."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

TIMEOUT_MS = 500


def server_name(location: str) -> str:
    """A per-user, per-database name for the local socket."""
    import getpass

    digest = hashlib.sha1(f"{getpass.getuser()}:{location}".encode()).hexdigest()[:16]
    return f"touchdesk-{digest}"


def ask_running_instance(location: str) -> bool:
    """Tell a running instance on ``location`` to show itself; True if one answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(location))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(b"raise\n")
    socket.flush()
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later instances and calls ``on_raise`` when one asks."""

    def __init__(
        self, location: str, on_raise: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.on_raise = on_raise
        self.server = QLocalServer(self)
        name = server_name(location)
        if not self.server.listen(name):
            # A stale socket left by a crashed instance (nobody answered above): take it over.
            QLocalServer.removeServer(name)
            if not self.server.listen(name):
                log.warning("single-instance socket unavailable: %s", self.server.errorString())
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).strip() == b"raise":
            self.on_raise()
