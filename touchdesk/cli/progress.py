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
        from touchdesk.formatting import format_int, format_number

        percent = format_number(share * 100, 1).rjust(5)
        counts = f"{format_int(done)}/{format_int(total)}"
        seconds = format_number(now - self._start, 1).rjust(5)
        self.stream.write(f"\r{self.label} [{bar}] {percent}% ({counts}) {seconds}s")
        self.stream.flush()
        self._shown = True

    def finish(self) -> float:
        elapsed = time.monotonic() - self._start
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
        return elapsed
