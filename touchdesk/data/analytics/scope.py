"""What every analytics query shares: the period's UTC bounds, the optional tag, soft-deleted
customers left out, the period's rows gathered once, and the small statistics done in Python.

The period's touchpoints are copied once into a temporary table (``td_period_rows``, clustered by
customer, time and id, so one customer's rows are read together), and its
customers into another (``td_period_customers``) with the time of each one's last touchpoint before
the period (one index seek per customer). Volume, friction,
decisions, responsiveness, flow and patterns then read that small table instead of scanning the
``events`` table six times; the temporary table lives in the read transaction's connection and is
dropped at the end (a rollback would drop it too).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

# The text form SQLAlchemy stores DateTime columns in on SQLite; bounds are compared as text.
STAMP = "%Y-%m-%d %H:%M:%S.%f"
ROWS = "td_period_rows"
CUSTOMERS = "td_period_customers"
MMAP_BYTES = 1 << 30  # the most of the database file mapped while analysing (an upper bound)
TEMP_CACHE_KIB = 64 * 1024  # the page cache of the connection's temporary tables (an upper bound)


def stamp(value: dt.datetime) -> str:
    """A naive UTC datetime in the stored text form, for comparisons in hand-written SQL."""
    return value.strftime(STAMP)


def parse_stamp(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Scope:
    """The touchpoints an analysis looks at: a UTC interval, maybe one tag's customers, and never
    the touchpoints of customers deleted (softly) by the user."""

    lo: dt.datetime
    hi: dt.datetime
    tag: str | None = None
    skip_deleted: bool = True

    @classmethod
    def make(
        cls, session: Session, lo: dt.datetime, hi: dt.datetime, tag: str | None = None
    ) -> Scope:
        """A scope; the deleted-customer filter is only added when someone is deleted (it costs)."""
        deleted = session.execute(
            text("SELECT EXISTS (SELECT 1 FROM customers WHERE deleted_at IS NOT NULL)")
        ).scalar_one()
        return cls(lo, hi, tag.strip() if tag and tag.strip() else None, bool(deleted))

    def shifted(self, lo: dt.datetime, hi: dt.datetime) -> Scope:
        return Scope(lo, hi, self.tag, self.skip_deleted)

    @property
    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"lo": stamp(self.lo), "hi": stamp(self.hi)}
        if self.tag is not None:
            params["tag"] = self.tag
        return params

    def customers(self, alias: str) -> str:
        """SQL conditions on ``alias.customer_id`` (always true when there is nothing to filter)."""
        parts = ["1"]
        if self.tag is not None:
            parts.append(
                f"{alias}.customer_id IN (SELECT ct.customer_id FROM customer_tags ct"
                " JOIN tags t ON t.id = ct.tag_id WHERE lower(t.name) = lower(:tag))"
            )
        if self.skip_deleted:
            parts.append(
                f"{alias}.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)"
            )
        return " AND ".join(parts)

    def where(self, alias: str) -> str:
        """SQL conditions selecting ``alias``'s touchpoints in the scope."""
        return (
            f"{alias}.occurred_at >= :lo AND {alias}.occurred_at < :hi AND {self.customers(alias)}"
        )


@contextmanager
def memory_mapped(session: Session) -> Iterator[None]:
    """Read the database file memory-mapped (``PRAGMA mmap_size``) for the length of the block,
    then go back to the connection's setting (so the mapping and its pages are let go).

    When histories were written customer by customer (the demo generator, imports) a period's
    touchpoints are spread over the whole file, and each analysis reads tens of thousands of pages;
    through SQLite's page cache every one is a system call and a copy (on the 1M-touchpoint demo
    database a fifth of the CPU time and two fifths of the wall time of a month). Nothing changes
    when SQLite was built without memory mapping."""
    was = session.execute(text("PRAGMA mmap_size")).scalar()
    if was is None:
        yield
        return
    session.execute(text(f"PRAGMA mmap_size = {MMAP_BYTES}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA mmap_size = {int(was)}"))


@contextmanager
def period_rows(session: Session, scope: Scope) -> Iterator[None]:
    """Gather the scope's touchpoints into ``td_period_rows`` (kept in customer, time, id order) and
    their customers into ``td_period_customers`` with ``before``, the time of each one's last
    touchpoint before the period (``NULL`` for a customer first contacted in it)."""
    _drop(session)
    # A month of a million-touchpoint log is several MiB: with the default 2 MiB cache the temporary
    # table spills to its file and is read back by every query. (``temp_store = MEMORY`` does that
    # too but slows SQLite's sorts down, so it is not used.)
    session.execute(text(f"PRAGMA temp.cache_size = -{TEMP_CACHE_KIB}"))
    # Stored in (customer, time, id) order (WITHOUT ROWID): each customer's rows sit together, so
    # the per-customer passes and seeks below read them in place instead of one table lookup a
    # row. The columns keep the affinities ``CREATE TABLE ... AS SELECT`` would give them.
    session.execute(
        text(
            f"""CREATE TEMP TABLE {ROWS} (id INT, customer_id INT, occurred_at NUM,
                touchpoint TEXT, channel TEXT, stage TEXT, outcome TEXT, amount_cents INT,
                reply_due_at NUM, replied_at NUM, response_minutes INT, reply_to_id INT,
                resolution TEXT, resolved_at NUM, PRIMARY KEY (customer_id, occurred_at, id))
                WITHOUT ROWID"""
        )
    )
    session.execute(
        text(
            f"""INSERT INTO {ROWS}
            SELECT e.id, e.customer_id, e.occurred_at, e.touchpoint, e.channel, e.stage, e.outcome,
                e.amount_cents, e.reply_due_at, e.replied_at, e.response_minutes, e.reply_to_id,
                e.resolution, e.resolved_at
            FROM events e WHERE {scope.where("e")}"""
        ),
        scope.params,
    )
    session.execute(
        text(f"CREATE TEMP TABLE {CUSTOMERS} (customer_id INTEGER PRIMARY KEY, before TEXT)")
    )
    session.execute(
        text(
            f"""INSERT INTO {CUSTOMERS}
            SELECT c.customer_id, (SELECT max(p.occurred_at) FROM events p
                WHERE p.customer_id = c.customer_id AND p.occurred_at < :lo)
            FROM (SELECT DISTINCT customer_id FROM {ROWS}) c"""
        ),
        {"lo": scope.params["lo"]},
    )
    try:
        yield
    finally:
        _drop(session)


def _drop(session: Session) -> None:
    session.execute(text(f"DROP TABLE IF EXISTS temp.{CUSTOMERS}"))
    session.execute(text(f"DROP TABLE IF EXISTS temp.{ROWS}"))


# --- small statistics on already filtered values --------------------------------------------------


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to divide by."""
    return part / whole if whole else None


def change(current: int, previous: int) -> float | None:
    """Relative change against the previous period; ``None`` when the previous value is 0."""
    return (current - previous) / previous if previous else None


def median(values: Iterable[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); ``None`` if empty."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of the values at
    or below it (p90 of 1..10 is 9); ``None`` if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(fraction * len(ordered)))
    return float(ordered[rank - 1])
