"""The first screen's reads, with nothing but the standard library's ``sqlite3``.

Opening the window on a database file needs a handful of reads — the settings, the touchpoint
names, the people, Today's lists or the first page of customers — while importing SQLAlchemy and
the ORM models costs most of a second. So the window is painted from these plain SQL reads, and
the data layer loads right after (see :mod:`touchdesk.data.starting`).

These are the same reads as :class:`~touchdesk.data.workspace.Workspace`'s, written once more in
SQL: ``tests/data/test_early.py`` holds every one equal to the workspace's answer on the same file.
Only a file already at the current schema with the built-in touchpoints is read this way; anything
else (a new or older database, a server URL, a file SQLite cannot read) goes the usual way, which
creates, upgrades or reports it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from touchdesk.catalog import TOUCHPOINTS
from touchdesk.data.records import (
    CustomerRow,
    EventRow,
    FollowUpRow,
    LosingTouchRow,
    TodaySummary,
    TouchpointTypeRow,
    UserRow,
)
from touchdesk.data.revision import HEAD
from touchdesk.formatting import local_day_bounds

T = TypeVar("T")

# The customer list's sort keys and the SQL each sorts by (``customer_list.SORT_KEYS``).
_OPEN_FOLLOWUPS = (
    "(SELECT count(*) FROM followups AS f"
    " WHERE f.customer_id = c.id AND coalesce(f.done_at, 0) = 0)"
)
SORT_COLUMNS = {
    "name": "c.name",
    "company": "c.company",
    "phone": "c.phone",
    "last_touchpoint": "c.last_touchpoint",
    "last_event_at": "c.last_event_at",
    "open_followups": _OPEN_FOLLOWUPS,
}
_NULLS_SORTED = ("last_event_at", "last_touchpoint")

_FOLLOWUPS = """
SELECT f.id, f.customer_id, coalesce(c.name, ''), f.title, f.due_at, f.done_at, f.origin,
       f.event_id, coalesce(a.display_name, ''), coalesce(w.display_name, ''), f.version_id
FROM followups AS f
LEFT OUTER JOIN customers AS c ON c.id = f.customer_id
LEFT OUTER JOIN users AS a ON a.id = f.assignee_id
LEFT OUTER JOIN users AS w ON w.id = f.author_id
WHERE f.done_at IS NULL AND (f.customer_id IS NULL OR c.deleted_at IS NULL)
  AND f.due_at < :before {since} {mine}
ORDER BY f.due_at, f.id
LIMIT 1000
"""
_MINE = (
    "AND (f.assignee_id = :me"
    " OR (f.assignee_id IS NULL AND (f.author_id IS NULL OR f.author_id = :me)))"
)
_EVENTS = """
SELECT e.id, e.customer_id, c.name, e.occurred_at, e.touchpoint, e.channel, e.stage, e.outcome,
       e.direction, e.note, e.amount_cents, e.reply_due_at, e.replied_at, e.response_minutes,
       e.resolution, e.resolved_at, e.logged_by
FROM events AS e JOIN customers AS c ON c.id = e.customer_id
WHERE c.deleted_at IS NULL AND {where}
ORDER BY {order}
LIMIT 500
"""
_LOSING_TOUCH = """
SELECT c.id, c.name, c.last_event_at FROM customers AS c
WHERE c.deleted_at IS NULL AND c.last_event_at < :cutoff
  AND EXISTS (SELECT 1 FROM events AS e WHERE e.customer_id = c.id AND e.amount_cents > 0)
ORDER BY c.last_event_at DESC
LIMIT 200
"""
_CUSTOMERS = """
SELECT c.id, c.name, c.company, c.phone, c.email, c.last_event_at, c.last_outcome,
       c.last_touchpoint, {open_followups}
FROM customers AS c
WHERE c.deleted_at IS NULL
ORDER BY {order}, c.id {direction}
LIMIT :limit
"""


def stored(value: dt.datetime) -> str:
    """A datetime as SQLAlchemy keeps it in SQLite (so comparisons match the stored text)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _when(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


class EarlyReader:
    """Plain-SQL reads of one SQLite file (a connection per call: Today reads on a worker)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._uri = "file:" + quote(str(path)) + "?mode=rw"

    @classmethod
    def open(cls, location: str) -> EarlyReader | None:
        """A reader for the file at ``location``, or ``None`` when the usual way must open it: a
        server URL, a missing or unreadable file, another schema version, or built-in
        touchpoints still to be added."""
        if "://" in location:
            return None
        path = Path(location).expanduser().resolve()
        if not path.is_file():
            return None
        reader = cls(path)
        try:
            version = reader._query("SELECT version_num FROM alembic_version", lambda r: r[0])
            builtin = set(
                reader._query("SELECT key FROM touchpoint_types WHERE builtin", lambda r: r[0])
            )
        except sqlite3.Error:
            return None
        if version != [HEAD] or any(t.key not in builtin for t in TOUCHPOINTS):
            return None
        return reader

    def _query(self, sql: str, row: Callable[[Sequence[Any]], T], **params: Any) -> list[T]:
        conn = sqlite3.connect(self._uri, uri=True, timeout=5.0)
        try:
            return [row(r) for r in conn.execute(sql, params)]
        finally:
            conn.close()

    def settings(self) -> dict[str, str | None]:
        """Every stored setting's raw (JSON) value by key."""
        return dict(self._query("SELECT key, value FROM settings", tuple))

    def touchpoint_types(self, *, include_inactive: bool = False) -> list[TouchpointTypeRow]:
        where = "" if include_inactive else "WHERE active"
        return self._query(
            "SELECT key, stage, name_en, name_fa, builtin, active FROM touchpoint_types "
            f"{where} ORDER BY position, key",
            lambda r: TouchpointTypeRow(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5])),
        )

    def users(self, *, include_inactive: bool = False) -> list[UserRow]:
        where = "" if include_inactive else "WHERE active"
        return self._query(
            f"SELECT id, name, display_name, active FROM users {where} ORDER BY name",
            lambda r: UserRow(r[0], r[1], r[2], bool(r[3])),
        )

    def user_id(self, name: str) -> int | None:
        found = self._query("SELECT id FROM users WHERE name = :name", lambda r: r[0], name=name)
        return found[0] if found else None

    def tags(self) -> list[str]:
        return self._query("SELECT name FROM tags ORDER BY name", lambda r: r[0])

    def today(self, now: dt.datetime, *, days: int, user_id: int | None) -> TodaySummary:
        """``Workspace.today``: overdue and due-today follow-ups, pending decisions, late
        replies and customers losing touch."""
        start_today, start_tomorrow = local_day_bounds(now)
        mine = _MINE if user_id is not None else ""
        overdue = _FOLLOWUPS.format(since="", mine=mine)
        due_today = _FOLLOWUPS.format(since="AND f.due_at >= :since", mine=mine)
        return TodaySummary(
            overdue=self._query(overdue, _followup, before=stored(start_today), me=user_id),
            due_today=self._query(
                due_today,
                _followup,
                since=stored(start_today),
                before=stored(start_tomorrow),
                me=user_id,
            ),
            pending_decisions=self._query(
                _EVENTS.format(
                    where="e.outcome = 'decision' AND e.resolution IS NULL",
                    order="e.occurred_at",
                ),
                _event,
            ),
            late_requests=self._query(
                _EVENTS.format(
                    where="e.reply_due_at IS NOT NULL AND e.replied_at IS NULL"
                    " AND e.reply_due_at < :now",
                    order="e.reply_due_at",
                ),
                _event,
                now=stored(now),
            ),
            losing_touch=[
                LosingTouchRow(cid, name, last, (now - last).days)
                for cid, name, last in self._query(
                    _LOSING_TOUCH,
                    lambda r: (r[0], r[1], _when(r[2])),
                    cutoff=stored(now - dt.timedelta(days=days)),
                )
                if last is not None
            ],
        )

    def customer_count(self) -> int:
        """How many customers the unfiltered list holds (``Workspace.count_customers``)."""
        sql = "SELECT count(*) FROM customers WHERE deleted_at IS NULL"
        return self._query(sql, lambda r: int(r[0]))[0]

    def first_customers(self, *, sort: str, descending: bool, limit: int) -> list[CustomerRow]:
        """The first page of the unfiltered customer list (``Workspace.find_customers``); the
        sort key is one of :data:`SORT_COLUMNS`."""
        column = SORT_COLUMNS[sort]
        direction = "DESC" if descending else "ASC"
        order = f"{column} {direction}"
        if sort in _NULLS_SORTED:
            order += " NULLS LAST" if descending else " NULLS FIRST"
        sql = _CUSTOMERS.format(open_followups=_OPEN_FOLLOWUPS, order=order, direction=direction)
        return self._query(
            sql,
            lambda r: CustomerRow(*_dated(r, 5)),
            limit=limit,
        )


def _dated(row: Sequence[Any], *columns: int) -> list[Any]:
    """``row`` with the stored text of its datetime ``columns`` read back as datetimes."""
    values = list(row)
    for i in columns:
        values[i] = _when(values[i])
    return values


def _followup(row: Sequence[Any]) -> FollowUpRow:
    return FollowUpRow(*_dated(row, 4, 5))


def _event(row: Sequence[Any]) -> EventRow:
    return EventRow(*_dated(row, 3, 11, 12, 15))
