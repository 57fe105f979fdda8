"""Benchmark: importing 10,000 customers and 10,000 touchpoints from CSV, and exporting them again.

Run with ``.venv/bin/python bench/bench_import.py`` (``--rows N`` for another size). Files and
databases go to a temporary folder. Each import is set beside a floor measured in the same run on
the same machine: a bare ``executemany`` of the same rows into the same tables, so the ratio says
how much the checking, matching and logging cost on top of merely writing the rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from touchdesk.catalog import CHANNEL_KEYS, TOUCHPOINT_KEYS  # noqa: E402
from touchdesk.data import import_touchpoints  # noqa: E402
from touchdesk.data.workspace import Workspace  # noqa: E402
from touchdesk.planner.records import RuleDraft  # noqa: E402

# Rules of every trigger, so the import with rules pays for matching, first-purchase checks and
# follow-ups (the touchpoints run through 2026, so many dues are still ahead of "now").
RULES = (
    RuleDraft("complaint", "Call back", "event", 0, "support_channels", None, "negative"),
    RuleDraft("after sale", "Ask how it went", "purchase", 3),
    RuleDraft("welcome", "Welcome pack", "first_purchase", 7),
    RuleDraft("renewal", "Renewal due", "subscription_end", 5, period_days=30),
    RuleDraft("aftercare", "Check in", "event", 14, None, "after_purchase", "positive"),
)


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    rnd = random.Random(7)
    customers = folder / "customers.csv"
    with customers.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "email", "phone", "city", "tags", "notes"])
        for i in range(rows):
            out.writerow(
                [
                    f"Customer {i}",
                    f"c{i}@example.com",
                    f"0912{i:07d}",
                    rnd.choice(["Tehran", "Shiraz", "London"]),
                    rnd.choice(["vip", "vip;wholesale", ""]),
                    "first line\nsecond, line",
                ]
            )
    touchpoints = folder / "touchpoints.csv"
    start = dt.datetime(2026, 1, 1, 9, 0)
    with touchpoints.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(["date", "customer", "email", "touchpoint", "channel", "outcome", "amount"])
        for i in range(rows):
            # A tenth of the rows name a customer the database does not know yet.
            who = rnd.randrange(int(rows * 1.1))
            when = start + dt.timedelta(minutes=37 * i)
            out.writerow(
                [
                    when.strftime("%Y-%m-%d %H:%M"),
                    f"Customer {who}",
                    f"c{who}@example.com",
                    rnd.choice(TOUCHPOINT_KEYS),
                    rnd.choice(CHANNEL_KEYS),
                    rnd.choice(["positive", "neutral", "negative", "decision"]),
                    rnd.choice(["", "120.5", "۲۵۰۰"]),
                ]
            )
    return customers, touchpoints


def floor(path: Path, table: Path, rows: int) -> float:
    """Seconds for a bare executemany of ``rows`` rows of the same width (the floor)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS floor (a, b, c, d, e, f, g)")
    data = list(csv.reader(table.open(encoding="utf-8-sig")))[1 : rows + 1]
    data = [(row + [""] * 7)[:7] for row in data]
    began = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?, ?)", data)
    elapsed = time.perf_counter() - began
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="touchdesk-bench-import-"))
    customers, touchpoints = write_files(folder, args.rows)
    ws = Workspace.open(folder / "bench.sqlite3")

    began = time.perf_counter()
    report = ws.import_customers(customers)
    customer_seconds = time.perf_counter() - began
    customer_floor = floor(folder / "floor.sqlite3", customers, args.rows)
    print(
        f"customers: {report.imported} imported in {customer_seconds:.2f} s "
        f"(floor {customer_floor:.3f} s, ratio {customer_seconds / customer_floor:.0f}x)"
    )

    began = time.perf_counter()
    bare = import_touchpoints.import_touchpoints(ws, touchpoints, dry_run=True)
    bare_seconds = time.perf_counter() - began
    began = time.perf_counter()
    report = ws.import_touchpoints(touchpoints)
    touch_seconds = time.perf_counter() - began
    touch_floor = floor(folder / "floor.sqlite3", touchpoints, args.rows)
    print(
        f"touchpoints: {report.imported} imported ({report.customers_created} new customers) in "
        f"{touch_seconds:.2f} s with the workspace's after-log hooks, "
        f"{bare_seconds:.2f} s without them (dry run, {bare.imported} rows); "
        f"floor {touch_floor:.3f} s, ratio {touch_seconds / touch_floor:.0f}x"
    )

    ruled = Workspace.open(folder / "rules.sqlite3")
    ruled.import_customers(customers)
    for draft in RULES:
        ruled.save_rule(draft)
    began = time.perf_counter()
    report = ruled.import_touchpoints(touchpoints)
    print(
        f"touchpoints with {len(RULES)} automation rules: {report.imported} imported, "
        f"{report.followups_created} follow-ups created (dues already past are skipped) in {time.perf_counter() - began:.2f} s"
    )
    ruled.close()

    began = time.perf_counter()
    again = ws.import_touchpoints(touchpoints)
    print(
        f"same touchpoint file again: {again.duplicates} duplicates skipped in "
        f"{time.perf_counter() - began:.2f} s"
    )
    began = time.perf_counter()
    count = ws.export_customers(folder / "out-customers.csv")
    count += ws.export_touchpoints(folder / "out-touchpoints.csv")
    print(f"export: {count} rows in {time.perf_counter() - began:.2f} s")
    ws.close()


if __name__ == "__main__":
    main()
