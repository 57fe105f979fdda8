"""Benchmark: the monthly report of a 10,000-touchpoint month with its appendix (target < 3 s) and
the journey summary of a 1,000-touchpoint customer (target < 1 s), each beside a bare ReportLab
document of the same page count made in the same run (the ratio is the figure that travels).

Run with ``.venv/bin/python bench/bench_reports.py`` (``--lang fa`` for the Persian reports,
``--rebuild`` to make the database again). The database is cached under ``bench/.cache/`` and
written with plain ``executemany``. Times are medians of ``--runs`` runs, from reading the
workspace to the finished PDF bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from touchdesk.catalog import CHANNEL_KEYS, TOUCHPOINTS  # noqa: E402
from touchdesk.data.workspace import Workspace  # noqa: E402
from touchdesk.formatting import Month  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
MONTH = Month(2026, 10)
STAMP = "%Y-%m-%d %H:%M:%S"
NOTES_EN = (
    "Asked about delivery times.",
    "Sent the catalogue and the price list.",
    "",
    "Happy with the order; wants a follow-up next month about the new range.",
    "",
)
NOTES_FA = (
    "درباره زمان ارسال پرسید.",
    "کاتالوگ و لیست قیمت ارسال شد.",
    "",
    "از سفارش راضی بود؛ ماه بعد درباره محصولات جدید تماس بگیریم.",
    "",
)


def build(path: Path, month_events: int, journey_events: int, seed: int = 7) -> int:
    """A database with ``month_events`` touchpoints in the benchmark month and one customer with
    ``journey_events`` touchpoints over two years; returns that customer's id."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Workspace.open(path).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    customers = max(1, month_events // 8)
    now = dt.datetime(2026, 11, 25).strftime(STAMP)
    names = [(i, f"Customer {i}", "2026-01-01 09:00:00", now) for i in range(1, customers + 2)]
    conn.executemany(
        "INSERT INTO customers (id, name, company, phone, email, city, source, notes, created_at,"
        " updated_at, stage_reached) VALUES (?, ?, '', '', '', '', '', '', ?, ?, -1)",
        names,
    )
    rows = []
    start = dt.datetime.combine(MONTH.start, dt.time())
    seconds = (MONTH.end - MONTH.start).days * 86400 + 86399
    for _n in range(month_events):
        rows.append(
            _row(
                rng,
                rng.randrange(1, customers + 1),
                start + dt.timedelta(seconds=rng.randrange(seconds)),
            )
        )
    heavy = customers + 1
    first = dt.datetime(2024, 11, 1)
    for _n in range(journey_events):
        rows.append(_row(rng, heavy, first + dt.timedelta(minutes=rng.randrange(730 * 1440))))
    rows.sort(key=lambda r: r[1])
    conn.executemany(
        "INSERT INTO events (customer_id, occurred_at, touchpoint, channel, stage, outcome,"
        " direction, note, amount_cents, logged_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute(
        "UPDATE customers SET last_event_at = (SELECT max(occurred_at) FROM events"
        " WHERE customer_id = customers.id)"
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return heavy


def _row(rng: random.Random, cid: int, when: dt.datetime) -> tuple:
    tp = rng.choice(TOUCHPOINTS)
    outcome = rng.choices(("positive", "neutral", "negative", "decision"), (5, 6, 2, 1.5))[0]
    amount = (
        rng.randrange(1_000, 500_000)
        if tp.key in ("point_of_sale", "ecommerce") and rng.random() < 0.6
        else None
    )
    note = rng.choice(NOTES_EN if rng.random() < 0.5 else NOTES_FA)
    stamp = when.strftime(STAMP)
    return (
        cid,
        stamp,
        tp.key,
        rng.choice(CHANNEL_KEYS),
        tp.stage,
        outcome,
        "outbound",
        note,
        amount,
        "bench",
        stamp,
    )


def bare_document(pages: int) -> float:
    """Seconds to make a plain ReportLab document of ``pages`` pages of text lines (the floor)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from touchdesk.reports import fonts

    fonts.register()
    began = time.perf_counter()
    canv = Canvas(io.BytesIO(), pagesize=A4)
    for page in range(pages):
        canv.setFont(fonts.REGULAR, 8)
        for line in range(55):
            canv.drawString(
                50,
                780 - line * 13,
                f"Line {line} of page {page}: 2026-10-01 10:00 Customer Social media Phone Positive",
            )
        canv.showPage()
    canv.save()
    return time.perf_counter() - began


def _median(func, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _n in range(runs):
        began = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month-events", type=int, default=10_000)
    parser.add_argument("--journey-events", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=("en", "fa"), default="en")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    from pypdf import PdfReader

    from touchdesk.reports import journey, monthly, monthly_model
    from touchdesk.reports.base import report_language

    path = CACHE / f"reports-{args.month_events}-{args.journey_events}.sqlite3"
    if args.rebuild or not path.exists():
        began = time.perf_counter()
        build(path, args.month_events, args.journey_events)
        print(f"built {path.name} in {time.perf_counter() - began:.1f} s")
    with Workspace.open(path) as ws, report_language(args.lang):
        heavy = max(c.id for c in ws.find_customers("", limit=1_000_000))

        def make_monthly() -> bytes:
            return monthly.render(monthly_model.build_model(ws, MONTH, appendix=True))

        def make_journey() -> bytes:
            return journey.render(journey.build_model(ws, heavy))

        make_journey()  # warm caches (fonts, imports) once, as a running app would have
        for name, func, target in (
            ("monthly + appendix", make_monthly, 3.0),
            ("journey summary", make_journey, 1.0),
        ):
            seconds, pdf = _median(func, args.runs)
            assert isinstance(pdf, bytes)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            floor = statistics.median(bare_document(pages) for _n in range(args.runs))
            verdict = "within" if seconds < target else "OVER"
            print(
                f"{name:20s} [{args.lang}] {seconds:6.2f} s for {pages:4d} pages ({len(pdf) / 1e6:.1f} MB);"
                f" bare ReportLab {floor:5.2f} s; ratio {seconds / floor:5.1f}x; target {target:.0f} s: {verdict}"
            )


if __name__ == "__main__":
    main()
