"""Benchmark: ``touchdesk move-to`` of a 10,000-customer demo database into PostgreSQL.

Prints the time of ``touchdesk.data.move.move_to`` (migrate the target, copy every table and the
search index, reset the sequences, compare every table on both sides, commit) beside two floors
measured in the same run on the same machine:

- *read*: reading every row of every copied table from the SQLite file through the models' column
  types, once: what any copy has to do, and what the check does once more on each side;
- *copy*: PostgreSQL's COPY of the same rows into index-free, constraint-free tables of the same
  columns: what the server needs just to store that much.

Needs the loopback test server (``tools/test-postgres``; its URL in TOUCHDESK_TEST_PG_URL, or
``--server``); says so and stops without one.

Run: ``.venv/bin/python bench/bench_move.py [--customers N] [--server URL]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from touchdesk.data.demo import generate
from touchdesk.data.move import copied_tables, move_to
from touchdesk.data.workspace import Workspace

NOW = dt.datetime(2026, 11, 25, 10, 0)


def read_floor(ws: Workspace) -> tuple[float, int, dict[str, list[tuple]]]:
    """Seconds to read every copied table once; the row count and the rows themselves."""
    rows: dict[str, list[tuple]] = {}
    started = time.perf_counter()
    with ws.db.read_engine.connect() as conn:
        for table in copied_tables():
            rows[table.name] = [tuple(r) for r in conn.execute(select(*table.columns))]
    return time.perf_counter() - started, sum(len(r) for r in rows.values()), rows


def copy_floor(url: str, rows: dict[str, list[tuple]]) -> float:
    """Seconds to COPY the rows into bare tables (text columns, no index, no constraint)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        con = conn.connection.driver_connection
        for table in copied_tables():
            columns = ", ".join(f'"c{i}" text' for i in range(len(table.columns)))
            con.execute(f'CREATE TABLE "bare_{table.name}" ({columns})')
        started = time.perf_counter()
        for table in copied_tables():
            with con.cursor() as cursor:
                names = ", ".join(f'"c{i}"' for i in range(len(table.columns)))
                with cursor.copy(f'COPY "bare_{table.name}" ({names}) FROM STDIN') as copy:
                    for row in rows[table.name]:
                        copy.write_row(row)
        elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def fresh_database(server: str, name: str) -> str:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, name: str) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--server", default=os.environ.get("TOUCHDESK_TEST_PG_URL", ""))
    args = parser.parse_args()
    if not args.server:
        print(
            "skipped: no PostgreSQL server (start tools/test-postgres, set TOUCHDESK_TEST_PG_URL)"
        )
        return 0
    names = (f"bench_move_{os.getpid()}", f"bench_move_floor_{os.getpid()}")
    with tempfile.TemporaryDirectory(prefix="touchdesk-bench-move-") as tmp:
        path = Path(tmp) / "demo.sqlite3"
        try:
            with Workspace.open(path) as ws:
                stats = generate(ws, customers=args.customers, locale="en", now=NOW)
                read, total_rows, rows = read_floor(ws)
                report = move_to(ws.db, fresh_database(args.server, names[0]))
            copy = copy_floor(fresh_database(args.server, names[1]), rows)
        finally:
            for name in names:
                drop_database(args.server, name)
    assert report.ok, report.differing
    print(
        f"move-to: {stats.customers:,} customers, {stats.events:,} touchpoints, "
        f"{stats.followups:,} follow-ups ({total_rows:,} rows, {len(report.tables)} tables) "
        f"copied and checked in {report.elapsed:.1f} s ({total_rows / report.elapsed:,.0f} rows/s)"
    )
    print(f"floor read: every row read once from SQLite: {read:.1f} s")
    print(f"floor copy: COPY of the same rows into bare tables: {copy:.1f} s")
    print(
        f"ratio move/read: {report.elapsed / read:.1f}x   move/(read+copy): "
        f"{report.elapsed / (read + copy):.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
