"""The workspace while the window starts: answers the first screen's reads from
:class:`~touchdesk.data.early.EarlyReader` (plain ``sqlite3``), and becomes the real
:class:`~touchdesk.data.workspace.Workspace` once the data layer has loaded.

Importing SQLAlchemy and the ORM models takes most of a second; the first frame with data does
not need them. The window gets a ``StartingWorkspace``; right after its first frame the app
imports the data layer on a worker and calls :meth:`StartingWorkspace.load` on the UI thread.
From then on every call goes to the real workspace. Anything not answered early (a write, a
search, another screen's read) loads the real workspace on the spot, so nothing ever waits for
the background import to be asked for — it only makes the wait shorter.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from touchdesk import settings as app_settings
from touchdesk.catalog import touchpoint_labels
from touchdesk.data.early import SORT_COLUMNS, EarlyReader
from touchdesk.data.identity import local_user_name
from touchdesk.data.records import CustomerRow, TodaySummary, TouchpointTypeRow, UserRow
from touchdesk.formatting import utc_now
from touchdesk.i18n import get_language

if TYPE_CHECKING:
    from touchdesk.data.db import Database
    from touchdesk.data.workspace import Workspace

# The data layer (SQLAlchemy, the ORM models, the workspace and what it opens a file with).
DATA_LAYER = (
    "sqlalchemy.dialects.sqlite",
    "touchdesk.data.automation",
    "touchdesk.data.backup",
    "touchdesk.data.connection",
    "touchdesk.data.migrate",
    "touchdesk.data.workspace",
)


def import_data_layer() -> None:
    """Import the data layer (on a worker while the window is already showing)."""
    import importlib

    for name in DATA_LAYER:
        importlib.import_module(name)


class _EarlyDatabase:
    """``Workspace.db`` before the real one is open: the file's path; anything else opens it."""

    def __init__(self, owner: StartingWorkspace, path: Path) -> None:
        self._owner = owner
        self.path: Path | None = path
        self.is_sqlite = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._owner.load().db, name)


class StartingWorkspace:
    """A :class:`Workspace` stand-in for the first frame (see the module docstring)."""

    def __init__(self, location: str, reader: EarlyReader, user: str | None = None) -> None:
        self._location = location
        self._reader = reader
        self._user = user
        self._real: Workspace | None = None
        self._lock = threading.RLock()
        self._listeners: list[Callable[[str], None]] = []
        self._raw_settings: dict[str, str | None] | None = None
        self._labels: tuple[str, dict[str, str]] | None = None
        self._early_db = _EarlyDatabase(self, reader.path)

    @classmethod
    def open(cls, location: str, *, user: str | None = None) -> StartingWorkspace | None:
        """A stand-in for the database file at ``location``, or ``None`` when it must be opened
        the usual way (see :meth:`EarlyReader.open`)."""
        reader = EarlyReader.open(location)
        return None if reader is None else cls(location, reader, user)

    # --- becoming the real workspace -------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self._real is not None

    def load(self) -> Workspace:
        """The real workspace, opened on first call (importing the data layer if need be)."""
        real = self._real
        if real is not None:
            return real
        with self._lock:
            if self._real is None:
                from touchdesk.data.workspace import Workspace

                ws = Workspace.open(self._location, user=self._user)
                for listener in self._listeners:
                    ws.subscribe(listener)
                self._real = ws
            return self._real

    def __getattr__(self, name: str) -> Any:
        # Only for what this class does not answer itself.
        return getattr(self.load(), name)

    # --- answered early ----------------------------------------------------------------------

    @property
    def db(self) -> Database:
        real = self._real
        return real.db if real is not None else self._early_db  # type: ignore[return-value]

    @property
    def team_mode(self) -> bool:
        return False if self._real is None else self._real.team_mode

    @property
    def location(self) -> str:
        return str(self._reader.path) if self._real is None else self._real.location

    @property
    def user_name(self) -> str:
        real = self._real
        return (
            real.user_name
            if real is not None
            else local_user_name(self._user, self.setting("user_name"))
        )

    def subscribe(self, listener: Callable[[str], None]) -> None:
        with self._lock:
            if self._real is not None:
                self._real.subscribe(listener)
            else:
                self._listeners.append(listener)

    def close(self) -> None:
        if self._real is not None:
            self._real.close()

    def setting(self, key: str) -> Any:
        real = self._real
        if real is not None:
            return real.setting(key)
        if self._raw_settings is None:
            self._raw_settings = self._reader.settings()
        value = self._raw_settings.get(key)
        return app_settings.default(key) if value is None else json.loads(value)

    def currency(self) -> str:
        value = self.setting("currency")
        if self._real is None and value and value != "auto":
            return str(value).upper()
        return self.load().currency()  # "automatic" is settled (and stored) by the workspace

    def touchpoint_types(self, *, include_inactive: bool = False) -> list[TouchpointTypeRow]:
        real = self._real
        if real is not None:
            return real.touchpoint_types(include_inactive=include_inactive)
        return self._reader.touchpoint_types(include_inactive=include_inactive)

    def touchpoint_label(self, key: str) -> str:
        real = self._real
        if real is not None:
            return real.touchpoint_label(key)
        lang = get_language()
        if self._labels is None or self._labels[0] != lang:
            rows = self._reader.touchpoint_types(include_inactive=True)
            self._labels = (lang, touchpoint_labels(rows, lang))
        return self._labels[1].get(key, key)

    def users(self, *, include_inactive: bool = False) -> list[UserRow]:
        real = self._real
        if real is not None:
            return real.users(include_inactive=include_inactive)
        return self._reader.users(include_inactive=include_inactive)

    def tags(self) -> list[str]:
        real = self._real
        return real.tags() if real is not None else self._reader.tags()

    def today(self, now: dt.datetime | None = None, *, mine: bool = False) -> TodaySummary:
        real = self._real
        if real is not None:
            return real.today(now, mine=mine)
        uid = (self._reader.user_id(self.user_name) or 0) if mine else None
        days = int(self.setting("losing_touch_days"))
        return self._reader.today(now or utc_now(), days=days, user_id=uid)

    def find_customers(self, query: str = "", **kwargs: Any) -> list[CustomerRow]:
        if self._real is not None or not _unfiltered(query, kwargs):
            return self.load().find_customers(query, **kwargs)
        return self._reader.first_customers(
            sort=kwargs.get("sort", "name"),
            descending=bool(kwargs.get("descending", False)),
            limit=int(kwargs.get("limit", 200)),
        )

    def count_customers(self, query: str = "", **kwargs: Any) -> int:
        if self._real is not None or not _unfiltered(query, kwargs):
            return self.load().count_customers(query, **kwargs)
        return self._reader.customer_count()


def _unfiltered(query: str, kwargs: dict[str, Any]) -> bool:
    """Whether a customer-list call asks for the first page of the whole list."""
    return (
        not query
        and not kwargs.get("tag")
        and not kwargs.get("stage")
        and not kwargs.get("needs_attention")
        and not kwargs.get("offset")
        and kwargs.get("sort", "name") in SORT_COLUMNS
    )
