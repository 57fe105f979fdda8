"""``touchdesk demo``: fill a database with realistic, deterministic demo data, fast.

Customers come from ``demo_people`` and their journeys from ``demo_journeys``; this module writes
them. A hundred thousand customers with a million touchpoints must take about a minute, so rows go
in as prepared tuples through the raw SQLite connection (``executemany``) in one transaction, with
the customer list's summary columns and the search index computed on the way instead of by the
per-row service code. The result is what the service would have stored had every contact been
logged by hand: same normalised phones and e-mails, same index text, same summary columns.

On PostgreSQL (team mode) the same tuples go through the raw psycopg connection the same way,
and the id sequences are moved past the ids written.

The same seed and the same ``now`` give byte-for-byte the same database content (on SQLite; the
same rows on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from touchdesk.data.demo_journeys import JourneyMaker, ts_text
from touchdesk.data.demo_people import PeopleMaker
from touchdesk.data.demo_pools import POOLS
from touchdesk.formatting import to_local, to_utc, utc_now
from touchdesk.i18n import _, get_language

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

LOCALES = tuple(POOLS)
CHUNK = 2_000  # customers generated and written per step (progress is reported per step)
CACHE_KIB = (
    1024 * 1024
)  # SQLite page cache while writing (KiB): the new pages stay in memory until commit
_EPOCH = dt.datetime(1970, 1, 1)

_INSERT_CUSTOMER = (
    "INSERT INTO customers (id, name, company, phone, email, city, source, notes, created_at,"
    " updated_at, last_event_at, last_outcome, last_touchpoint, stage_reached)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_PHONE = (
    "INSERT INTO customer_phones (customer_id, number, normalized, label, position)"
    " VALUES (?,?,?,'',?)"
)
_INSERT_EMAIL = (
    "INSERT INTO customer_emails (customer_id, address, normalized, label, position)"
    " VALUES (?,?,?,'',?)"
)
_INSERT_TAG = "INSERT INTO customer_tags (customer_id, tag_id) VALUES (?,?)"
_INSERT_FTS = "INSERT INTO customer_fts (rowid, body) VALUES (?,?)"
_INSERT_EVENT = (
    "INSERT INTO events (id, customer_id, occurred_at, touchpoint, channel, stage, outcome,"
    " direction, note, amount_cents, reply_due_at, replied_at, response_minutes, reply_to_id,"
    " resolution, resolved_at, logged_by, created_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_FOLLOWUP = (
    "INSERT INTO followups (id, customer_id, title, due_at, done_at, origin, event_id,"
    " assigned_to, created_at) VALUES (?,?,?,?,?,?,?,?,?)"
)


@dataclass(slots=True)
class _Chunk:
    """Rows for one step, per table, as tuples in column order."""

    customers: list[tuple] = field(default_factory=list)
    phones: list[tuple] = field(default_factory=list)
    emails: list[tuple] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)
    index: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    followups: list[tuple] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DemoStats:
    """What a demo run made, and how long it took (seconds)."""

    customers: int
    events: int
    followups: int
    elapsed: float


class NotEmpty(ValueError):
    """The database already has customers and appending was not asked for."""

    def __init__(self, customers: int) -> None:
        self.customers = customers
        super().__init__(
            _(
                "the database already has {count} customers; demo data goes into an empty one"
            ).format(count=customers)
        )


def _seconds(value: dt.datetime) -> int:
    return int((value - _EPOCH).total_seconds())


def _check(customers: int, months: int, locale: str) -> None:
    errors = []
    if customers < 1:
        errors.append(_("the number of customers must be at least 1"))
    if not 1 <= months <= 240:
        errors.append(_("the number of months must be between 1 and 240"))
    if locale not in LOCALES:
        errors.append(_("unknown demo locale: {value}").format(value=locale))
    if errors:
        raise ValueError("; ".join(errors))


def generate(
    ws: Workspace,
    *,
    customers: int = 500,
    months: int = 12,
    seed: int = 1,
    locale: str | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    append: bool = False,
) -> DemoStats:
    """Add ``customers`` demo customers with journeys spread over the ``months`` before ``now``.

    ``locale`` picks English or Iranian names, places, phones and amounts (default: the current
    language). Refuses a database that already has customers unless ``append`` is true. ``now``
    (naive UTC, default the current time) fixes the clock so output is reproducible.
    """
    started = time.perf_counter()
    locale = locale or ("fa" if get_language() == "fa" else "en")
    _check(customers, months, locale)
    now = (now or utc_now()).replace(microsecond=0)
    local_midnight = to_local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    deadline_hours = float(ws.setting("reply_deadline_hours"))
    region = ws.setting("phone_region") or None
    rng = random.Random(f"touchdesk-demo:{seed}:{locale}")
    pools = POOLS[locale]
    people = PeopleMaker(rng, pools, locale, region)
    journeys = JourneyMaker(
        rng,
        pools,
        locale,
        now=_seconds(now),
        window=months * 30 * 86_400,
        deadline_hours=deadline_hours,
        today_start=_seconds(to_utc(local_midnight)),
    )
    write = _write_sqlite if ws.db.is_sqlite else _write_postgres
    counts = write(ws, lambda con: _write(con, people, journeys, customers, append, progress))
    ws.db.refresh_statistics()  # so a large demo database is quick from its first opening
    return DemoStats(customers, counts[0], counts[1], time.perf_counter() - started)


def _write_sqlite(ws: Workspace, write: Callable[[Any], tuple[int, int]]) -> tuple[int, int]:
    """Run ``write`` on the raw SQLite connection in one write transaction, with a page cache big
    enough to hold the new pages until commit."""
    raw = ws.db.write_engine.raw_connection()
    try:
        con: Any = raw.driver_connection
        old_cache = con.execute("PRAGMA cache_size").fetchone()[0]
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                counts = write(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.execute(f"PRAGMA cache_size = {int(old_cache)}")
        # Merge the index's segments written chunk by chunk: faster searching from the start.
        con.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
    finally:
        raw.close()
    return counts


class _QmarkConnection:
    """A psycopg connection answering the calls ``_write`` makes of a sqlite3 one (``?``
    placeholders, ``execute`` and ``executemany``), so one writer serves both engines."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def execute(self, sql: str, params: tuple = ()) -> Any:
        return self._con.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        with self._con.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)


def _write_postgres(ws: Workspace, write: Callable[[Any], tuple[int, int]]) -> tuple[int, int]:
    """Run ``write`` on the raw PostgreSQL connection in one transaction; the rows carry their
    ids, so the id sequences are moved past them before the commit."""
    from touchdesk.data.move import reset_sequences

    with ws.db.write_engine.begin() as conn:
        counts = write(_QmarkConnection(conn.connection.driver_connection))
        reset_sequences(conn)
    return counts


def _write(
    con: Any,
    people: PeopleMaker,
    journeys: JourneyMaker,
    total: int,
    append: bool,
    progress: Callable[[int, int], None] | None,
) -> tuple[int, int]:
    """Insert every row inside the caller's transaction; returns (events, follow-ups) written."""
    existing = con.execute("SELECT count(*) FROM customers").fetchone()[0]
    if existing and not append:
        raise NotEmpty(existing)

    def next_id(table: str) -> int:
        return int(con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])

    first_customer = next_id("customers") + 1
    journeys.event_id = next_id("events")
    journeys.followup_id = next_id("followups")
    tag_ids = _tag_ids(con, [tag for tag, _share in people.pools.tags])

    def make(start: int) -> _Chunk:
        chunk = _Chunk()
        for cid in range(first_customer + start, first_customer + min(total, start + CHUNK)):
            journey = journeys.make(cid)
            person = people.make(cid)
            created = ts_text(journey.first_at - int(people.rng.random() * 600))
            chunk.customers.append(
                (
                    cid, person.name, person.company,
                    person.phones[0][0] if person.phones else "",
                    person.emails[0][0] if person.emails else "",
                    person.city, person.source, person.notes, created, created,
                    journey.last_at, journey.last_outcome, journey.last_touchpoint,
                    journey.stage_reached,
                )
            )  # fmt: skip
            chunk.phones.extend((cid, d, n, i) for i, (d, n) in enumerate(person.phones))
            chunk.emails.extend((cid, a, n, i) for i, (a, n) in enumerate(person.emails))
            chunk.tags.extend((cid, tag_ids[tag]) for tag in person.tags)
            chunk.index.append((cid, person.index_body))
            chunk.events.extend(journey.events)
            chunk.followups.extend(journey.followups)
        return chunk

    events_written = followups_written = 0
    if progress:
        progress(0, total)
    # One worker makes the next chunk while this thread writes the current one: SQLite lets go of
    # the GIL while it works, so the two overlap. Chunks are still made one after another, in
    # order, so the output does not depend on timing.
    starts = range(0, total, CHUNK)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo") as pool:
        pending = pool.submit(make, 0)
        for position, start in enumerate(starts):
            chunk = pending.result()
            if position + 1 < len(starts):
                pending = pool.submit(make, starts[position + 1])
            con.executemany(_INSERT_CUSTOMER, chunk.customers)
            con.executemany(_INSERT_PHONE, chunk.phones)
            con.executemany(_INSERT_EMAIL, chunk.emails)
            con.executemany(_INSERT_TAG, chunk.tags)
            con.executemany(_INSERT_FTS, chunk.index)
            con.executemany(_INSERT_EVENT, chunk.events)
            con.executemany(_INSERT_FOLLOWUP, chunk.followups)
            events_written += len(chunk.events)
            followups_written += len(chunk.followups)
            if progress:
                progress(min(total, start + CHUNK), total)
    return events_written, followups_written


def _tag_ids(con: Any, names: list[str]) -> dict[str, int]:
    """Ids of the demo tags, creating missing ones (matched without regard to case, as the service
    matches tags)."""
    known = {name.casefold(): tid for tid, name in con.execute("SELECT id, name FROM tags")}
    ids = {}
    for name in names:
        if name.casefold() not in known:
            cursor = con.execute("INSERT INTO tags (name) VALUES (?) RETURNING id", (name,))
            known[name.casefold()] = cursor.fetchone()[0]
        ids[name] = known[name.casefold()]
    return ids
