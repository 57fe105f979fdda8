"""SQLite's table statistics are gathered when a database has none or they are old: without them
the planner chose plans 20-70x slower for Today and the customer list on the 100,000-customer
demo (figures in ``Database.refresh_statistics``)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.factories import customer
from touchdesk.data.early import stored
from touchdesk.data.workspace import Workspace

pytestmark = pytest.mark.sqlite_only

NOW = dt.datetime(2026, 5, 1, 12, 0)


def test_table_statistics_are_gathered_when_missing_or_old(db_path: Path) -> None:
    ws = Workspace.open(db_path)
    cid = customer(ws, "Sara")
    ws.close()

    def add_events(n: int) -> None:
        with sqlite3.connect(db_path) as conn:
            start = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            conn.executemany(
                "INSERT INTO events (customer_id, occurred_at, touchpoint, channel, stage,"
                " outcome, direction, note, logged_by, created_at, version_id)"
                " VALUES (?, ?, 'social_media', 'social', 'before_purchase', 'neutral',"
                " 'outbound', '', '', ?, 1)",
                [
                    (cid, stored(NOW - dt.timedelta(minutes=start + i)), stored(NOW))
                    for i in range(n)
                ],
            )

    def stats() -> str | None:
        with sqlite3.connect(db_path) as conn:
            found = conn.execute(
                "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_events_customer_time'"
            ).fetchone()
        return found[0] if found else None

    ws = Workspace.open(db_path)
    assert ws.db.refresh_statistics() is False  # a handful of rows: nothing to gain
    add_events(1200)
    assert ws.db.refresh_statistics() is True
    assert stats() == "1200 1200 1"  # 1,200 rows, all one customer, each its own time
    assert ws.db.refresh_statistics() is False  # still current
    add_events(250)  # 21 % more: close enough
    assert ws.db.refresh_statistics() is False
    add_events(100)  # 29 % more than when gathered
    assert ws.db.refresh_statistics() is True
    assert stats() is not None and stats().split()[0] == "1550"  # type: ignore[union-attr]
    ws.close()
