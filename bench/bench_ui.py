"""Benchmark: the daily-driver window on 100,000 customers and about 1,000,000 touchpoints.

Run: ``.venv/bin/python bench/bench_ui.py [--customers N] [--rebuild]`` (offscreen Qt). The
database is made once with the demo generator and cached under ``bench/.cache/``.

Every figure stands beside a floor measured in the same run on the same machine:

- search keystroke: typing into the Customers search box until the list model holds the new first
  page and the table has painted, beside the very SELECTs the list sent for that keystroke (the
  plan's probes of the search index, then the page of 200 rows with each row's open follow-ups,
  ordered by name), captured as sent and run again through ``sqlite3``: p50 / p95 and the ratio.
  The one statement the list ran before (every match read and sorted) is timed beside them for
  reference;
- quick-log save: ``Workspace.log_touchpoint`` committed (WAL, synchronous=FULL), beside a raw
  ``INSERT`` into ``events`` + ``COMMIT`` on the same file with the same pragmas;
- scrolling: rows loaded after scrolling the list to the end ten times (never all 100,000);
- peak RSS of this process after all of the above.

Start-up (a new process to the first frame with data) is ``bench_startup.py``, on the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TOUCHDESK_HOME"] = tempfile.mkdtemp(prefix="touchdesk-bench-ui-")

from touchdesk.data.workspace import Workspace  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
NOW = dt.datetime(2026, 11, 25, 10, 0)


def database(customers: int, rebuild: bool) -> Path:
    """The cached demo database (built with ``touchdesk.data.demo.generate`` when missing)."""
    from touchdesk.data.demo import generate

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"ui-{customers}.sqlite3"
    if path.exists() and not rebuild:
        return path
    part = path.with_suffix(".part.sqlite3")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    started = time.perf_counter()
    ws = Workspace.open(part)
    generate(ws, customers=customers, months=12, seed=1, locale="en", now=NOW)
    ws.close()
    part.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s")
    return path


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


BEFORE_SQL = (
    "SELECT c.id, c.name, c.company, c.phone, c.email, c.last_event_at, c.last_outcome,"
    " c.last_touchpoint, (SELECT count(*) FROM followups f WHERE f.customer_id = c.id"
    " AND coalesce(f.done_at, 0) = 0) FROM customers c WHERE c.deleted_at IS NULL AND c.id IN"
    " (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)"
    " ORDER BY c.name, c.id LIMIT 200"
)


def raw_search(con: sqlite3.Connection, statements: list[tuple[str, Any]]) -> float:
    """The SELECTs the list ran for one keystroke, as it sent them, again through ``sqlite3``."""
    started = time.perf_counter()
    for statement, parameters in statements:
        con.execute(statement, parameters).fetchall()
    return time.perf_counter() - started


def from_matches(con: sqlite3.Connection, expression: str) -> float:
    """The one statement the list ran before: every match read and sorted for the page."""
    started = time.perf_counter()
    con.execute(BEFORE_SQL, (expression,)).fetchall()
    return time.perf_counter() - started


def bench_search(view, app, path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from touchdesk.data.search import match_expression

    names = [r.name for r in view.model.ws.find_customers(limit=400, sort="last_event_at")][::20]
    typed: list[str] = []
    for name in names:
        word = name.split()[-1].lower()
        typed += [word[: i + 1] for i in range(min(len(word), 5))]
    typed += ["0", "07", "077", "0770", "۰۷۷۰", "+44", "gmail", "vip"]
    sent: list[tuple[str, Any]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    engine = view.model.ws.db.read_engine
    con = sqlite3.connect(path)
    ui, raw, before = [], [], []
    for text in typed:
        sent.clear()
        event.listen(engine, "before_cursor_execute", keep)
        started = time.perf_counter()
        view.search.setText(text)
        view.apply_filter()
        view.table.viewport().repaint()
        app.processEvents()
        ui.append(time.perf_counter() - started)
        event.remove(engine, "before_cursor_execute", keep)
        raw.append(raw_search(con, list(sent)))
        before.append(from_matches(con, match_expression(text) or '""'))
    con.close()
    p50, p95 = statistics.median(ui), pct(ui, 0.95)
    r50, r95 = statistics.median(raw), pct(raw, 0.95)
    print(f"search keystroke ({len(typed)} keystrokes, list + paint)")
    slowest = typed[ui.index(max(ui))], typed[raw.index(max(raw))]
    print(f"  UI   p50 {ms(p50)}  p95 {ms(p95)}  max {ms(max(ui))} ({slowest[0]!r})")
    print(
        f"  raw  p50 {ms(r50)}  p95 {ms(r95)}  max {ms(max(raw))} ({slowest[1]!r}; sqlite3, same statements)"
    )
    print(f"  ratio p50 {p50 / r50:5.2f}x  p95 {p95 / r95:5.2f}x")
    print(
        f"  (one statement from every match, as before: p50 {ms(statistics.median(before))}"
        f"  p95 {ms(pct(before, 0.95))}  max {ms(max(before))})"
    )
    counts = []
    for text in ("s", "sa", "077", "vip"):
        started = time.perf_counter()
        view.model.ws.count_customers(text)
        counts.append(time.perf_counter() - started)
    print(f"  (deferred count label, run 250 ms after typing stops: max {ms(max(counts))})")


def bench_scroll(view, app) -> None:  # type: ignore[no-untyped-def]
    view.search.setText("")
    view.apply_filter()
    bar = view.table.verticalScrollBar()
    for _ in range(10):
        bar.setValue(bar.maximum())
        app.processEvents()
    total = view.model.ws.count_customers()
    print(
        f"scrolling: {view.model.rowCount():,} of {total:,} rows loaded after 10 scrolls to the end"
    )


def forget_saves(ws: Workspace, customer_id: int, event_ids: list[int]) -> None:
    """Delete the benchmark's quick-log saves and put the customer's list columns back, so the
    cached database is the same for every run (runs used to add 200 touchpoints each)."""
    from sqlalchemy import text

    from touchdesk.data.customers import refresh_summary

    with ws.db.write() as session:
        for event_id in event_ids:
            session.execute(text("DELETE FROM events WHERE id = :id"), {"id": event_id})
        refresh_summary(session, customer_id)


def bench_save(ws: Workspace, path: Path, saves: int = 200) -> None:
    """Quick-log saves interleaved with raw INSERT + COMMITs on the same file, so both see the
    same disk (the fsync of a commit varies a lot on a shared machine)."""
    from touchdesk.data.records import TouchpointInput

    cid = ws.find_customers(limit=1)[0].id
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    ui, raw, saved = [], [], []
    stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
    for i in range(saves):
        data = TouchpointInput(cid, "sales_conversation", "phone", note=f"bench {i}")
        started = time.perf_counter()
        saved.append(ws.log_touchpoint(data))
        ui.append(time.perf_counter() - started)
        started = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "INSERT INTO events (customer_id, occurred_at, touchpoint, channel, stage, outcome,"
            " direction, note, logged_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                cid,
                stamp,
                "sales_conversation",
                "phone",
                "during_purchase",
                "neutral",
                "outbound",
                f"raw {i}",
                "bench",
                stamp,
            ),
        )
        con.execute("COMMIT")
        raw.append(time.perf_counter() - started)
    con.execute("DELETE FROM events WHERE customer_id = ? AND note LIKE 'raw %'", (cid,))
    con.close()
    forget_saves(ws, cid, saved)
    p50, p95, r50, r95 = (
        statistics.median(ui),
        pct(ui, 0.95),
        statistics.median(raw),
        pct(raw, 0.95),
    )
    print(f"quick-log save (commit, WAL, synchronous=FULL; {saves} saves, window open)")
    print(f"  UI   p50 {ms(p50)}  p95 {ms(p95)}")
    print(f"  raw  p50 {ms(r50)}  p95 {ms(r95)}  (INSERT + COMMIT, interleaved)")
    print(f"  ratio p50 {p50 / r50:5.2f}x  p95 {p95 / r95:5.2f}x  extra p50 {ms(p50 - r50)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = database(args.customers, args.rebuild)
    con = sqlite3.connect(path)
    n_customers, n_events = (
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("customers", "events")
    )
    con.close()
    print(
        f"database: {n_customers:,} customers, {n_events:,} touchpoints ({path.stat().st_size / 1e6:.0f} MB)"
    )

    from PySide6.QtWidgets import QApplication

    from touchdesk.ui.context import AppContext
    from touchdesk.ui.mainwindow import MainWindow

    app = QApplication([sys.argv[0]])
    ws = Workspace.open(path)
    window = MainWindow(AppContext(ws))
    window.show()
    view = window.show_view("customers")
    app.processEvents()
    bench_search(view, app, path)
    bench_scroll(view, app)
    bench_save(ws, path)
    window.close()
    ws.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (window, list, searches, saves): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
