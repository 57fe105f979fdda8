"""Who works at this computer's own database file: the name given (``--user``), else
``TOUCHDESK_USER``, else the name stored in the database's settings, else the operating-system
login (see :mod:`touchdesk.data.team` for team databases, where the server login comes first).
Standard library only: the window's first reads need it before the data layer has loaded."""

from __future__ import annotations

import getpass
import os


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): the caller falls back further
        return ""


def given_name(explicit: str | None) -> str:
    """The name given for this session (``--user``, else ``TOUCHDESK_USER``), "" when none."""
    for candidate in (explicit, os.environ.get("TOUCHDESK_USER")):
        if candidate and candidate.strip():
            return candidate.strip()[:100]
    return ""


def local_user_name(explicit: str | None, stored: str | None) -> str:
    """The name of the person using a database file."""
    return given_name(explicit) or (stored or "").strip()[:100] or os_login() or "owner"
