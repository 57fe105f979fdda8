"""Logging and crash reports: a rotating log file and crash logs in the data folder.

Crash logs hold the traceback (file, line, function) and the exception's type, never the values of
variables or SQL parameters, so no customer note ends up in a file someone may e-mail to support.
The UI adds a dialog with "copy details" on top of ``write_crash_log``.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from touchdesk import __version__
from touchdesk.paths import logs_dir

_fault_file: IO[str] | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data folder (5 files of 1 MB); returns the file."""
    path = logs_dir() / "touchdesk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def enable_faulthandler() -> Path:
    """Write a Python stack to ``logs/fault.log`` if the process dies in native code."""
    global _fault_file
    path = logs_dir() / "fault.log"
    _fault_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - must stay open for the process
    faulthandler.enable(_fault_file)
    return path


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The crash report text: versions, exception type and the stack — no messages or values,
    which could quote customer data."""
    frames = traceback.extract_tb(tb)
    lines = [
        f"TouchDesk {__version__} crash report",
        f"time: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"python: {sys.version.split()[0]} on {platform.platform()}",
        f"exception: {exc_type.__module__}.{exc_type.__qualname__}",
        "stack (most recent call last):",
    ]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"caused by: {type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines) + "\n"


def write_crash_log(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> tuple[Path, str]:
    """Write a crash report into the logs folder; returns its path and text."""
    report = describe(exc_type, exc, tb)
    path = logs_dir() / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text(report, encoding="utf-8")
    logging.getLogger(__name__).error("crash report written to %s", path)
    return path, report
