"""The few SQL expressions the analytics write differently on SQLite and on PostgreSQL.

The analytics are hand-written SQL; everything in them is common to both engines except what is
here: how a timestamp is bound and read back (SQLite stores naive UTC as text, PostgreSQL as
``timestamp``), the milliseconds between two timestamps, the local weekday and hour of a stored UTC
timestamp, and the temporary-table statements. ``SqlFuncs.of(session)`` picks the engine's forms.

Local time: SQLite keeps its ``'localtime'`` modifier (the C library's zone, the one
``formatting.to_local`` uses too). PostgreSQL's own zone belongs to the server, not to the user, so
there the expression adds the user's UTC offset, taken from ``to_local`` for each stretch of the
period with one offset (a month has at most a daylight-saving change or two).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from touchdesk.formatting import to_local

# The text form SQLAlchemy stores DateTime columns in on SQLite; bounds are compared as text.
STAMP = "%Y-%m-%d %H:%M:%S.%f"
_DAY = dt.timedelta(days=1)
_SECOND = dt.timedelta(seconds=1)


def as_datetime(value: str | dt.datetime) -> dt.datetime:
    """A stored timestamp as read back (text on SQLite, ``datetime`` on PostgreSQL)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def utc_offset(when: dt.datetime) -> dt.timedelta:
    """The user's UTC offset at the naive UTC instant ``when``."""
    return to_local(when) - when


def offset_changes(lo: dt.datetime, hi: dt.datetime) -> list[tuple[dt.datetime, dt.timedelta]]:
    """The user's UTC offsets over ``[lo, hi)`` (whole seconds): ``(from, offset)`` pairs, the
    first from ``lo``. Offsets are looked at once a day and a change is pinned down to the second
    by bisection (no zone changes its offset twice in a day)."""
    last = hi - _SECOND
    changes = [(lo, utc_offset(lo))]
    a = lo
    while a < last:
        b = min(a + _DAY, last)
        if utc_offset(b) != changes[-1][1]:
            old, new = a, b  # the old offset holds at ``old``, the new one at ``new``
            while new - old > _SECOND:
                mid = old + _SECOND * ((new - old) // _SECOND // 2)
                if utc_offset(mid) == changes[-1][1]:
                    old = mid
                else:
                    new = mid
            changes.append((new, utc_offset(new)))
        a = b
    return changes


@dataclass(frozen=True, slots=True)
class SqlFuncs:
    """The engine-specific SQL of one session's database."""

    sqlite: bool

    @classmethod
    def of(cls, session: Session) -> SqlFuncs:
        return cls(session.get_bind().dialect.name == "sqlite")

    def stamp(self, value: dt.datetime) -> str | dt.datetime:
        """A naive UTC datetime as a bound parameter compared with stored timestamps."""
        return value.strftime(STAMP) if self.sqlite else value

    @property
    def true(self) -> str:
        return "1" if self.sqlite else "TRUE"

    def millis_between(self, later: str, earlier: str) -> str:
        """Whole milliseconds from timestamp ``earlier`` to ``later`` (SQL, may be NULL)."""
        if self.sqlite:
            return f"round((julianday({later}) - julianday({earlier})) * 86400000)"
        return f"round(extract(epoch FROM ({later}) - ({earlier})) * 1000)"

    def _local(self, column: str, lo: dt.datetime, hi: dt.datetime) -> str:
        """PostgreSQL: the local wall-clock timestamp of ``column`` (which lies in ``[lo, hi)``)."""
        changes = offset_changes(lo, hi)
        shifted = [
            f"{column} + INTERVAL '{int(offset.total_seconds())} seconds'" for _, offset in changes
        ]
        if len(shifted) == 1:
            return f"({shifted[0]})"
        arms = " ".join(
            f"WHEN {column} < TIMESTAMP '{start.isoformat(sep=' ')}' THEN {expr}"
            for (start, _), expr in zip(changes[1:], shifted[:-1], strict=True)
        )
        return f"(CASE {arms} ELSE {shifted[-1]} END)"

    def local_slot(self, column: str, lo: dt.datetime, hi: dt.datetime) -> str:
        """The local weekday and hour of a stored UTC timestamp in ``[lo, hi)`` as one integer,
        ``weekday * 100 + hour`` (weekday 0 = Sunday … 6 = Saturday, hour 0–23): one conversion
        and one grouping key instead of two."""
        if self.sqlite:
            return f"CAST(strftime('%w%H', {column}, 'localtime') AS INTEGER)"
        local = self._local(column, lo, hi)
        return (
            f"(CAST(extract(dow FROM {local}) AS INTEGER) * 100"
            f" + CAST(extract(hour FROM {local}) AS INTEGER))"
        )

    def drop_temp(self, table: str) -> str:
        return f"DROP TABLE IF EXISTS {'temp.' if self.sqlite else ''}{table}"
