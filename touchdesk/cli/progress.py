"""A text progress bar for long commands (demo data, imports), written to standard error."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """Call ``update(done, total)`` as work advances; redraws at most ten times a second."""

    def __init__(self, label: str, *, stream=None, width: int = 30) -> None:  # type: ignore[no-untyped-def]
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self._last = 0.0
        self._start = time.monotonic()
        self._shown = False

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        share = done / total if total else 1.0
        filled = int(share * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {share * 100:5.1f}% ({done}/{total}) {now - self._start:5.1f}s"
        )
        self.stream.flush()
        self._shown = True

    def finish(self) -> float:
        elapsed = time.monotonic() - self._start
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
        return elapsed
