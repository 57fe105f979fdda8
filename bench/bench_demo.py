"""Benchmark: ``touchdesk demo`` at 100,000 customers (about a million touchpoints).

Prints the time of ``touchdesk.data.demo.generate`` into a fresh database file beside two floors
measured in the same run on the same machine:

- *bare*: one ``executemany`` of the same number of rows (every table's rows counted), of the
  width of an event row, into a table with no index: what SQLite needs just to store that much;
- *schema*: the same number of event-shaped rows inserted into the real ``events`` table with its
  indexes (foreign keys off, one transaction): what the schema costs before any generating.

Run: ``.venv/bin/python bench/bench_demo.py [--customers N] [--locale en|fa]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from touchdesk.cli.progress import ProgressBar
from touchdesk.data.demo import generate
from touchdesk.data.workspace import Workspace

NOW = dt.datetime(2026, 11, 25, 10, 0)
_EVENT_ROW = (
    "2026-01-01 10:00:00.000000", "sales_conversation", "phone", "during_purchase", "positive",
    "inbound", "Agreed on the order over the phone.", 125_000, None, None, None, None, None, None,
    "Alex Morgan", "2026-01-01 10:05:00.000000",
)  # fmt: skip


def _rows(count: int) -> list[tuple]:
    return [(i, i // 10 + 1, *_EVENT_ROW) for i in range(1, count + 1)]


def bare_floor(folder: Path, count: int) -> float:
    """Seconds to store ``count`` event-wide rows in an index-free table, committed."""
    con = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA cache_size = -1048576")
    con.execute("CREATE TABLE t (" + ", ".join(f"c{i}" for i in range(18)) + ")")
    rows = _rows(count)
    started = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO t VALUES (" + ",".join("?" * 18) + ")", rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def schema_floor(folder: Path, count: int) -> float:
    """Seconds to store ``count`` prepared rows in the real ``events`` table with its indexes."""
    path = folder / "schema.sqlite3"
    Workspace.open(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA cache_size = -1048576")
    rows = _rows(count)
    started = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.executemany(
        "INSERT INTO events (id, customer_id, occurred_at, touchpoint, channel, stage, outcome,"
        " direction, note, amount_cents, reply_due_at, replied_at, response_minutes, reply_to_id,"
        " resolution, resolved_at, logged_by, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--locale", choices=("en", "fa"), default="en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="touchdesk-bench-demo-") as tmp:
        folder = Path(tmp)
        path = folder / "demo.sqlite3"
        with Workspace.open(path) as ws:
            bar = ProgressBar("demo")
            started = time.perf_counter()
            stats = generate(
                ws, customers=args.customers, locale=args.locale, now=NOW, progress=bar.update
            )
            wall = time.perf_counter() - started
            bar.finish()
        con = sqlite3.connect(path)
        total_rows = sum(
            con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "customers", "customer_phones", "customer_emails", "customer_tags",
                "customer_fts", "events", "followups",
            )
        )  # fmt: skip
        con.close()
        size_mb = os.path.getsize(path) / 1e6
        os.remove(path)
        bare = bare_floor(folder, total_rows)
        schema = schema_floor(folder, stats.events)
    print(
        f"demo: {stats.customers:,} customers, {stats.events:,} touchpoints, "
        f"{stats.followups:,} follow-ups ({total_rows:,} rows, {size_mb:,.0f} MB) "
        f"in {wall:.1f} s"
    )
    print(f"floor bare:   {total_rows:,} rows executemany, no index: {bare:.1f} s")
    print(f"floor schema: {stats.events:,} rows into events with its indexes: {schema:.1f} s")
    print(f"ratio demo/bare: {wall / bare:.1f}x   demo/schema: {wall / schema:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
