"""What every analytics query shares: the period's UTC bounds, the optional tag, soft-deleted
customers left out, the period's rows gathered once, and the small statistics done in Python.

Once per analysis, temporary tables are gathered that the topic modules read instead of scanning
``events`` again and again. ``period_rows`` gathers:

- ``td_period_rows``: the period's touchpoints, with an index by customer, time and id that also
  holds the columns the per-customer queries read (so they seldom visit the table);
- ``td_period_customers``: one row per customer of the period with what the per-customer figures
  need (first and last touchpoint, purchases, first touchpoint of each stage) and ``before``, the
  time of their last one before the period (one index seek in ``events``).

``window`` gathers ``td_window``: for each customer with touchpoints in the stretch just before the
period (the previous period and the silence that makes a drop-off, whichever reaches further back),
their count, purchases and revenue in the previous period and the time of their last one. It reads
``events`` alone, so it may be gathered on the second connection of ``twin``.

The tables live in their read transaction's connection and are dropped at the end (a rollback would
drop them too).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.catalog import STAGE_KEYS
from touchdesk.data.analytics.sqlfuncs import SqlFuncs

ROWS = "td_period_rows"
WINDOW = "td_window"
CUSTOMERS = "td_period_customers"
PER_CUSTOMER_COLUMNS = "e.id, e.customer_id, e.occurred_at, e.channel, e.stage, e.amount_cents"
THROUGH_COLUMNS = (
    f"{PER_CUSTOMER_COLUMNS}, e.touchpoint, e.outcome, e.reply_due_at, e.replied_at,"
    " e.response_minutes, e.resolution, e.resolved_at"
)
MMAP_BYTES = 1 << 30  # the most of the database file mapped while analysing (an upper bound)
CACHE_KIB = 64 * 1024  # page cache and sort memory of the connection while analysing (upper bound)


@dataclass(frozen=True, slots=True)
class Scope:
    """The touchpoints an analysis looks at: a UTC interval, maybe one tag's customers, and never
    the touchpoints of customers deleted (softly) by the user."""

    lo: dt.datetime
    hi: dt.datetime
    tag: str | None = None
    skip_deleted: bool = True
    fn: SqlFuncs = field(default=SqlFuncs(True), compare=False)

    @classmethod
    def make(
        cls, session: Session, lo: dt.datetime, hi: dt.datetime, tag: str | None = None
    ) -> Scope:
        """A scope; the deleted-customer filter is only added when someone is deleted (it costs)."""
        deleted = session.execute(
            text("SELECT EXISTS (SELECT 1 FROM customers WHERE deleted_at IS NOT NULL)")
        ).scalar_one()
        tag = tag.strip() if tag and tag.strip() else None
        return cls(lo, hi, tag, bool(deleted), SqlFuncs.of(session))

    def shifted(self, lo: dt.datetime, hi: dt.datetime) -> Scope:
        return Scope(lo, hi, self.tag, self.skip_deleted, self.fn)

    def stamp(self, value: dt.datetime) -> str | dt.datetime:
        """``value`` as a bound parameter for this database (see ``SqlFuncs.stamp``)."""
        return self.fn.stamp(value)

    @property
    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"lo": self.stamp(self.lo), "hi": self.stamp(self.hi)}
        if self.tag is not None:
            params["tag"] = self.tag
        return params

    def customers(self, alias: str) -> str:
        """SQL conditions on ``alias.customer_id`` (always true when there is nothing to filter)."""
        parts = [self.fn.true]
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


def period_source(scope: Scope | None, alias: str) -> tuple[str, dict[str, Any]]:
    """``FROM``/``WHERE`` SQL (and its parameters) for the period's touchpoints as ``alias``: the
    gathered ``td_period_rows`` when ``scope`` is ``None``, else ``scope``'s touchpoints straight
    from ``events`` (as cheap to read through as the gathered rows when the period is read in time
    order, with no tag to seek customer by customer)."""
    if scope is None:
        return f"{ROWS} {alias} WHERE 1 = 1", {}
    return f"events {alias} WHERE {scope.where(alias)}", scope.params


@contextmanager
def tuned(session: Session) -> Iterator[None]:
    """On SQLite, read the database file memory-mapped (``PRAGMA mmap_size``) and give the
    connection's page cache, which also bounds how much a sort keeps in memory, room for a month
    of a large log (``PRAGMA cache_size``) for the length of the block; then go back to the
    connection's settings (so the mapping and the memory are let go). Nothing to do elsewhere.

    When histories were written customer by customer (the demo generator, imports) a period's
    touchpoints are spread over the whole file, and each analysis reads tens of thousands of pages;
    through SQLite's page cache every one is a system call and a copy (on the 1M-touchpoint demo
    database a fifth of the CPU time and two fifths of the wall time of a month). With the default
    2 MiB, sorting a month's rows (every GROUP BY) spills to temporary files. Memory mapping is
    skipped when SQLite was built without it."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    mapped = session.execute(text("PRAGMA mmap_size")).scalar()
    cache = session.execute(text("PRAGMA cache_size")).scalar_one()
    if mapped is not None:
        session.execute(text(f"PRAGMA mmap_size = {MMAP_BYTES}"))
    session.execute(text(f"PRAGMA cache_size = -{CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(cache)}"))
        if mapped is not None:
            session.execute(text(f"PRAGMA mmap_size = {int(mapped)}"))


@contextmanager
def period_rows(
    session: Session,
    scope: Scope,
    *,
    through: bool = True,
    reach_back: dt.datetime | None = None,
) -> Iterator[None]:
    """Gather the scope's touchpoints into ``td_period_rows``, index them by customer and gather
    the period's customers into ``td_period_customers`` with ``first`` and ``last``, the times of
    their first and last touchpoints in the period, ``purchases`` (touchpoints with an amount
    above zero) and ``first_purchase`` the time of the first of them, ``first_0`` … ``first_3``
    the time of their first touchpoint of each stage (in ``STAGE_KEYS`` order; ``NULL`` for a
    stage not reached) and ``before``, the time of their last one before the period (``NULL`` for
    a customer first contacted in it).

    Without ``through`` the rows only hold what the per-customer figures read (id, customer, time,
    channel, stage and amount: less to copy when the cube, decisions and replies read ``events``
    on the second connection of ``twin``). ``reach_back``: this
    connection already holds ``td_window`` from there on (see ``window``), where ``before`` is
    looked up first (the seek in ``events`` is left for customers quiet since before it)."""
    fn = scope.fn
    _drop(session, fn, (CUSTOMERS, ROWS))
    if fn.sqlite:
        # A month of a million-touchpoint log is several MiB: with the default 2 MiB cache the
        # temporary tables spill to their file and are read back by every query. (``temp_store =
        # MEMORY`` does that too but slows SQLite's sorts down, so it is not used.)
        session.execute(text(f"PRAGMA temp.cache_size = -{CACHE_KIB}"))
    # A plain table and an index: writing a month into a table clustered by customer (WITHOUT
    # ROWID) cost four times as much as this on SQLite.
    session.execute(
        text(
            f"""CREATE TEMP TABLE {ROWS} AS
            SELECT {THROUGH_COLUMNS if through else PER_CUSTOMER_COLUMNS}
            FROM events e WHERE {scope.where("e")}"""
        ),
        scope.params,
    )
    _per_customer(session, scope, reach_back)
    try:
        yield
    finally:
        _drop(session, fn, (CUSTOMERS, ROWS))


def _per_customer(session: Session, scope: Scope, reach_back: dt.datetime | None) -> None:
    """Index ``td_period_rows`` by customer and gather ``td_period_customers`` from it."""
    session.execute(
        text(
            f"""CREATE INDEX td_period_rows_order
            ON {ROWS} (customer_id, occurred_at, id, amount_cents, stage, channel)"""
        )
    )
    # One pass over the index (in customer order, no sort) gathers what the volume, the cohort and
    # the patterns need of each customer; ``before`` is one seek in ``events`` a customer.
    stages = ", ".join(
        f"min(occurred_at) FILTER (WHERE stage = :stage{n}) AS first_{n}"
        for n in range(len(STAGE_KEYS))
    )
    before = """(SELECT max(p.occurred_at) FROM events p
        WHERE p.customer_id = c.customer_id AND p.occurred_at < :before)"""
    if reach_back is not None:
        before = f"""coalesce((SELECT w.last FROM {WINDOW} w WHERE w.customer_id = c.customer_id),
            {before})"""
    session.execute(
        text(
            f"""CREATE TEMP TABLE {CUSTOMERS} AS
            SELECT c.*, {before} AS before
            FROM (SELECT customer_id, min(occurred_at) AS first, max(occurred_at) AS last,
                    count(*) FILTER (WHERE amount_cents > 0) AS purchases,
                    min(occurred_at) FILTER (WHERE amount_cents > 0) AS first_purchase, {stages}
                FROM {ROWS} GROUP BY customer_id) c"""
        ),
        {
            "before": scope.stamp(scope.lo if reach_back is None else reach_back),
            **{f"stage{n}": k for n, k in enumerate(STAGE_KEYS)},
        },
    )
    session.execute(
        text(f"CREATE UNIQUE INDEX td_period_customers_id ON {CUSTOMERS} (customer_id)")
    )
    if not scope.fn.sqlite:
        for table in (ROWS, CUSTOMERS):
            session.execute(text(f"ANALYZE {table}"))


@contextmanager
def window(
    session: Session, scope: Scope, *, previous_lo: dt.datetime, reach_back: dt.datetime
) -> Iterator[None]:
    """Gather each customer with touchpoints in ``[reach_back, scope.lo)`` into ``td_window`` with
    ``n``, ``purchases`` and ``revenue`` (of amounts above zero) of their touchpoints from
    ``previous_lo`` on (the previous period's start, or ``scope.lo`` when none is compared) and
    ``last``, the time of their last one. ``reach_back`` must not be later than ``previous_lo``.

    It reads ``events`` only, so it can be gathered on another connection than the period rows."""
    fn = scope.fn
    _drop(session, fn, (WINDOW,))
    if fn.sqlite:
        session.execute(text(f"PRAGMA temp.cache_size = -{CACHE_KIB}"))
    stretch = scope.shifted(reach_back, scope.lo)
    # From the previous period's start on when the stretch reaches back further (sums ignore the
    # NULL and zero amounts, so the revenue needs no condition on the amount).
    since = "" if reach_back == previous_lo else "e.occurred_at >= :plo"
    session.execute(
        text(
            f"""CREATE TEMP TABLE {WINDOW} AS
            SELECT e.customer_id, {_where("count(*)", since)} AS n,
                {_where("count(*)", " AND ".join(filter(None, (since, "e.amount_cents > 0"))))}
                    AS purchases,
                coalesce({_where("sum(e.amount_cents)", since)}, 0) AS revenue,
                max(e.occurred_at) AS last
            FROM events e WHERE {stretch.where("e")} GROUP BY e.customer_id"""
        ),
        {**stretch.params, "plo": scope.stamp(previous_lo)},
    )
    session.execute(text(f"CREATE UNIQUE INDEX td_window_customer ON {WINDOW} (customer_id)"))
    if not fn.sqlite:
        session.execute(text(f"ANALYZE {WINDOW}"))
    try:
        yield
    finally:
        _drop(session, fn, (WINDOW,))


def _where(aggregate: str, condition: str) -> str:
    """``aggregate`` over the rows meeting ``condition`` (all rows when it is empty)."""
    return f"{aggregate} FILTER (WHERE {condition})" if condition else aggregate


def _drop(session: Session, fn: SqlFuncs, tables: Iterable[str]) -> None:
    for table in tables:
        session.execute(text(fn.drop_temp(table)))


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
