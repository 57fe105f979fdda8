"""Where TouchDesk keeps its files: the database, backups and logs, all in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DB = "TOUCHDESK_DB"
ENV_HOME = "TOUCHDESK_HOME"


def data_dir() -> Path:
    """The folder for the database, backups and logs (``TOUCHDESK_HOME`` overrides it)."""
    override = os.environ.get(ENV_HOME)
    path = Path(override) if override else Path(user_data_dir("TouchDesk", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_db_location() -> str:
    """The database to open when none is given: ``TOUCHDESK_DB`` or the data folder's file."""
    return os.environ.get(ENV_DB) or str(data_dir() / "touchdesk.sqlite3")


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def is_server_url(location: str) -> bool:
    """A server database (as opposed to a file on this computer)."""
    return "://" in location and not location.startswith("sqlite")
