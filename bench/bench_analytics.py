"""Benchmark: month analytics over a 1,000,000-touchpoint database, beside the bare SQL aggregation.

Run with ``.venv/bin/python bench/bench_analytics.py`` (``--events N`` for another size,
``--rebuild`` to make the database again). The database is built once and cached under
``bench/.cache/``: customers with journeys spread over two years (stages in order, purchases,
decision points resolved both ways, support requests answered on time, late or not at all), written
with plain ``executemany`` so building a million rows takes seconds rather than minutes.

The figure that matters is the ratio: the full analytics of one month against
``SELECT stage, outcome, count(*) ... GROUP BY 1,2`` over the same month, both measured in this run
on this machine (median of several runs each). The bare query is also timed with the connection
settings the analytics use while they run (a larger page cache, which also keeps sorts in memory,
and memory mapping), so the ratio is not flattered by those settings alone.

The analytics run in two halves on two connections at once (``touchdesk.data.analytics.twin``), so
their CPU time (both threads) is above their wall time; "one connection" runs the halves in turn,
which is what a machine whose other cores are busy gets. The machine is shared: a run with other
work on it takes longer, most of all the two-connection figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from touchdesk.catalog import CHANNEL_KEYS, TOUCHPOINTS  # noqa: E402
from touchdesk.data.analytics.scope import tuned  # noqa: E402
from touchdesk.data.summary import utc_bounds  # noqa: E402
from touchdesk.data.workspace import Workspace  # noqa: E402
from touchdesk.formatting import Month  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
END = dt.datetime(2026, 11, 25, 12, 0)
SPAN_DAYS = 730
EVENTS_PER_CUSTOMER = 20
TAGS = ("wholesale", "vip", "newsletter")
STAMP = "%Y-%m-%d %H:%M:%S.%f"
BY_STAGE = {
    stage: [t.key for t in TOUCHPOINTS if t.stage == stage]
    for stage in ("before_purchase", "during_purchase", "after_purchase", "customer_service")
}
STAGE_ORDER = tuple(BY_STAGE)


def _stamp(value: dt.datetime) -> str:
    return value.strftime(STAMP)


def _journey(rng: random.Random, cid: int, start: dt.datetime, count: int) -> list[tuple]:
    """One customer's touchpoints: moving forward through the stages, sometimes stalling."""
    rows: list[tuple] = []
    when = start
    stage_index = 0
    for _n in range(count):
        if when >= END:
            break
        if rng.random() < 0.35 and stage_index < 3:
            stage_index += 1
        stage = STAGE_ORDER[stage_index]
        touchpoint = rng.choice(BY_STAGE[stage])
        channel = rng.choice(CHANNEL_KEYS)
        outcome = rng.choices(("positive", "neutral", "negative", "decision"), (5, 6, 2, 1.5))[0]
        direction = "inbound" if rng.random() < 0.4 else "outbound"
        amount = None
        if touchpoint in ("point_of_sale", "ecommerce") and rng.random() < 0.6:
            amount = rng.randrange(1_000, 500_000)
        due = replied = minutes = None
        if direction == "inbound" and (touchpoint == "support_channels" or outcome == "negative"):
            due = when + dt.timedelta(hours=24)
            if rng.random() < 0.9:
                minutes = int(rng.expovariate(1 / 600))
                replied = when + dt.timedelta(minutes=minutes)
        resolution = resolved = None
        if outcome == "decision" and rng.random() < 0.75:
            resolution = "positive" if rng.random() < 0.6 else "negative"
            resolved = when + dt.timedelta(hours=rng.expovariate(1 / 96))
        rows.append(
            (
                cid,
                _stamp(when),
                touchpoint,
                channel,
                stage,
                outcome,
                direction,
                "",
                amount,
                _stamp(due) if due else None,
                _stamp(replied) if replied else None,
                minutes,
                resolution,
                _stamp(resolved) if resolved else None,
                "bench",
                _stamp(when),
            )
        )
        gap_days = rng.expovariate(1 / 9) if rng.random() < 0.9 else rng.uniform(30, 120)
        when += dt.timedelta(days=gap_days, minutes=rng.randrange(0, 600))
    return rows


def build(path: Path, events: int, seed: int = 2026) -> None:
    """Make a migrated database at ``path`` holding about ``events`` touchpoints."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Workspace.open(path).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    customers = events // EVENTS_PER_CUSTOMER
    now = _stamp(END)
    conn.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", list(enumerate(TAGS, 1)))
    # Rows are staged per customer, then stored in time order, as logging them day by day would.
    conn.execute("CREATE TEMP TABLE staged AS SELECT * FROM events WHERE 0")
    written = 0
    batch: list[tuple] = []
    cid = 0
    while written < events:
        cid += 1
        start = END - dt.timedelta(days=rng.uniform(0, SPAN_DAYS), minutes=rng.randrange(1440))
        conn.execute(
            "INSERT INTO customers (id, name, company, phone, email, city, source, notes,"
            " created_at, updated_at, stage_reached) VALUES (?, ?, '', '', '', '', '', '', ?, ?, -1)",
            (cid, f"Customer {cid}", _stamp(start), now),
        )
        if rng.random() < 0.3:
            conn.execute(
                "INSERT INTO customer_tags (customer_id, tag_id) VALUES (?, ?)",
                (cid, rng.randrange(1, len(TAGS) + 1)),
            )
        rows = _journey(rng, cid, start, min(events - written, int(rng.expovariate(1 / 20)) + 1))
        batch.extend(rows)
        written += len(rows)
        if len(batch) >= 50_000:
            _insert(conn, batch)
            batch = []
        if cid > customers * 4:
            break
    _insert(conn, batch)
    conn.execute("INSERT INTO events SELECT * FROM staged ORDER BY occurred_at")
    conn.execute("DROP TABLE staged")
    conn.execute(
        "UPDATE customers SET last_event_at = (SELECT max(occurred_at) FROM events"
        " WHERE customer_id = customers.id)"
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def build_demo(path: Path, events: int) -> None:
    """Make the database with the demo generator (its own journeys, names and insert order)."""
    from touchdesk.data.demo import generate

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Workspace.open(path) as ws:
        generate(ws, customers=events // 10, months=24, seed=1, locale="en", now=END)
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO staged (customer_id, occurred_at, touchpoint, channel, stage, outcome,"
        " direction, note, amount_cents, reply_due_at, replied_at, response_minutes, resolution,"
        " resolved_at, logged_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


def _bigger_cache(ws: Workspace, mib: int) -> None:
    """Set ``PRAGMA cache_size`` on every new read connection (to try the setting before db.py)."""
    from sqlalchemy import event

    ws.db.read_engine.dispose()

    @event.listens_for(ws.db.read_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA cache_size = -{mib * 1024}")


def _median_time(func, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall-clock and median CPU seconds of ``runs`` calls (CPU time shows the work done
    even when other processes share the machine)."""
    walls, cpus = [], []
    for _n in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="fill with touchdesk.data.demo.generate (about 10 touchpoints a customer) instead",
    )
    parser.add_argument(
        "--cache-mib",
        type=int,
        default=0,
        help="give each connection a SQLite page cache of this many MiB (default: SQLite's 2 MiB)",
    )
    args = parser.parse_args()

    name = "analytics-demo" if args.demo else "analytics"
    path = CACHE / f"{name}-{args.events}.sqlite3"
    if args.rebuild or not path.exists():
        began = time.perf_counter()
        if args.demo:
            build_demo(path, args.events)
        else:
            build(path, args.events)
        print(f"built {path.name} in {time.perf_counter() - began:.1f} s")
    ws = Workspace.open(path)
    if args.cache_mib:
        _bigger_cache(ws, args.cache_mib)
    with ws.db.read() as s:
        total = s.connection().exec_driver_sql("SELECT count(*) FROM events").scalar_one()
    month = Month.parse(args.month)
    lo, hi = utc_bounds(month.start, month.end)
    bare_sql = (
        "SELECT stage, outcome, count(*) FROM events WHERE occurred_at >= ? AND occurred_at < ?"
        " GROUP BY 1, 2"
    )

    def bare() -> None:
        with ws.db.read() as s:
            s.connection().exec_driver_sql(bare_sql, (_stamp(lo), _stamp(hi))).all()

    def bare_tuned() -> None:
        with ws.db.read() as s, tuned(s):
            s.connection().exec_driver_sql(bare_sql, (_stamp(lo), _stamp(hi))).all()

    def full() -> None:
        ws.analytics(month)

    def alone() -> None:
        ws.analytics(month, compare=False)

    def one_connection() -> None:
        ws.analytics(month, parallel=False)

    def tagged() -> None:
        ws.analytics(month, tag=TAGS[0])

    def jalali() -> None:
        ws.analytics(Month(1405, 8, "jalali"))

    full()  # warm the page cache once so every figure below is measured the same way
    floor, floor_cpu = _median_time(bare, args.runs)
    in_month = ws.analytics(month).volume.touchpoints
    print(f"database: {total:,} touchpoints; month {month.key}: {in_month:,} touchpoints")
    print(f"{'':<35} {'wall':>9}  {'ratio':>6}   {'cpu':>9}  {'ratio':>6}")
    print(
        f"{'bare GROUP BY stage, outcome':<35} {floor * 1000:7.1f}ms  {'1.0x':>6}   "
        f"{floor_cpu * 1000:7.1f}ms  {'1.0x':>6}"
    )
    for name, func in (
        ("bare, analytics' cache and mmap", bare_tuned),
        ("analytics (month)", full),
        ("analytics (month, one connection)", one_connection),
        ("analytics (month, no comparison)", alone),
        ("analytics (month, tag)", tagged),
        ("analytics (Jalali Aban 1405)", jalali),
    ):
        took, took_cpu = _median_time(func, args.runs)
        print(
            f"{name:<35} {took * 1000:7.1f}ms  {took / floor:5.1f}x   "
            f"{took_cpu * 1000:7.1f}ms  {took_cpu / floor_cpu:5.1f}x"
        )
    ws.close()


if __name__ == "__main__":
    main()
