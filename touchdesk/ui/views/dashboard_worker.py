"""One computation at a time for the Dashboard and Journey screens.

A period can take seconds on a large database. Paging through months quickly must not start a
pile of queries that compete for the same disk and cores: while one runs, a new request only
replaces the one waiting, which starts when the running one ends — and only the newest answer is
shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from touchdesk.ui.operations import run_in_background


class LatestJob:
    """Run ``request``-ed work on a worker thread, newest request wins."""

    def __init__(
        self,
        owner: QWidget,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self.owner = owner
        self.on_done = on_done
        self.on_error = on_error
        self._running = False
        self._waiting: Callable[[], Any] | None = None

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def request(self, work: Callable[[], Any]) -> None:
        """Compute ``work()``; if something is running, run this instead of any waiting request
        once it ends (the running one's answer is then dropped)."""
        if self._running:
            self._waiting = work
            return
        self._running = True
        run_in_background(work, self._done, self._failed, owner=self.owner)

    def _next(self) -> bool:
        self._running = False
        work, self._waiting = self._waiting, None
        if work is None:
            return False
        self.request(work)
        return True

    def _done(self, result: Any) -> None:
        if not self._next():
            self.on_done(result)

    def _failed(self, exc: Exception) -> None:
        if not self._next():
            self.on_error(exc)
