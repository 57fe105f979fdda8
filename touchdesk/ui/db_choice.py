"""Which database this computer opens, and who works at it in team mode — remembered per computer
(in the UI state file, never in a shared database), and never with a password in it: libpq finds
the password itself (``~/.pgpass``, ``PGPASSWORD``, a ``PGSERVICE`` entry).
"""

from __future__ import annotations

import os

from touchdesk.paths import ENV_DB, default_db_location, is_server_url
from touchdesk.ui import state

URL_KEY = "database/url"
USER_KEY = "database/user_name"


def without_password(url: str) -> str:
    """``url`` with any password left out (a path is returned unchanged)."""
    if "://" not in url:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=None).render_as_string(hide_password=False)


def remembered_url() -> str:
    """The database chosen in Settings → Database on this computer ("" when none)."""
    return str(state.read(URL_KEY, "") or "")


def remember_url(url: str) -> None:
    """Open ``url`` (its password left out) on the next start of this computer's TouchDesk."""
    state.write(URL_KEY, without_password(url))


def start_location(explicit: str | None) -> str:
    """The database to open: ``--db``, else ``TOUCHDESK_DB``, else the one chosen in Settings,
    else this computer's own file."""
    return explicit or os.environ.get(ENV_DB) or remembered_url() or default_db_location()


def team_user_name() -> str:
    """The name set for team databases on this computer ("" when none)."""
    return str(state.read(USER_KEY, "") or "")


def set_team_user_name(name: str) -> None:
    state.write(USER_KEY, name.strip()[:100])


def user_for(location: str) -> str | None:
    """Who opens ``location``: on a server database the name set on this computer (the database
    role otherwise); a local file keeps its own stored name."""
    return (team_user_name() or None) if is_server_url(location) else None
