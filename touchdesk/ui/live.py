"""Other people's changes appear without restarting: every couple of seconds the workspace's change
feed is asked whether someone else committed, and if so the workspace tells its listeners — the
same "data changed" notices the views already refresh on after one's own saves.

The poll itself runs on a worker thread: on SQLite it is one PRAGMA, but on PostgreSQL a lost
connection is reopened inside the poll, and a server that does not answer must never freeze the
window. The topics found are handed to the workspace on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer

from touchdesk.ui.operations import run_in_background

if TYPE_CHECKING:
    from touchdesk.data.team import ChangeFeed
    from touchdesk.data.workspace import Workspace

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 2000


class _SharedFeed:
    """A change feed a worker polls while the UI thread may close it at any moment.

    Closing never waits for a slow poll: when a poll is running, that poll closes the feed as it
    finishes."""

    def __init__(self, feed: ChangeFeed) -> None:
        self.feed = feed
        self.lock = threading.Lock()
        self.closed = False

    def poll(self) -> set[str]:
        with self.lock:
            topics = set() if self.closed else self.feed.poll()
        if self.closed:
            self._close_now()
            return set()
        return topics

    def close(self) -> None:
        self.closed = True
        if self.lock.acquire(blocking=False):
            try:
                self.feed.close()
            finally:
                self.lock.release()

    def _close_now(self) -> None:
        with self.lock:
            self.feed.close()


class LiveChanges(QObject):
    """Polls ``ws``'s change feed every :data:`POLL_INTERVAL_MS` until :meth:`stop`."""

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._feed: _SharedFeed | None = _SharedFeed(ws.change_feed())
        self._busy = False
        self.timer = QTimer(self, interval=POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        # Deleted with its window: the feed's connection closes then too.
        self.destroyed.connect(self._feed.close)
        # The first poll opens the feed's connection and notes where the database stands.
        self.poll()

    @property
    def running(self) -> bool:
        return self._feed is not None

    def poll(self) -> None:
        """Ask the feed on a worker (skipped while the previous poll has not come back)."""
        feed = self._feed
        if feed is None or self._busy:
            return
        self._busy = True
        run_in_background(feed.poll, self._deliver, self._failed, owner=self)

    def _deliver(self, topics: set[str]) -> None:
        self._busy = False
        if topics and self._feed is not None:
            self.ws.relay_changes(topics)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        log.info("checking for others' changes failed: %s", exc)

    def stop(self) -> None:
        """Stop polling and close the feed's connection (the workspace is closing or switching)."""
        if shiboken6.isValid(self.timer):
            self.timer.stop()
        feed, self._feed = self._feed, None
        if feed is not None:
            feed.close()
