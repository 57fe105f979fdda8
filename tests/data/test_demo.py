"""Demo data: deterministic for a seed, covers the whole catalog, believable mixes, and stores what
the service would have stored (normalised phones and e-mails, index text, summary columns)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from touchdesk.catalog import CHANNEL_KEYS, STAGE_KEYS, TOUCHPOINT_BY_KEY, TOUCHPOINT_KEYS
from touchdesk.cli import main
from touchdesk.data import customers as customer_data
from touchdesk.data import search
from touchdesk.data.demo import NotEmpty, generate
from touchdesk.data.models import Customer
from touchdesk.data.move import copied_tables
from touchdesk.data.move_check import digest
from touchdesk.data.records import CustomerInput
from touchdesk.data.validation import normalize_email, normalize_phone
from touchdesk.data.workspace import Workspace

NOW = dt.datetime(2026, 11, 25, 10, 0)
PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def demo_en(workspace: Workspace, db_path: Path) -> Path:
    stats = generate(workspace, customers=200, months=12, seed=7, locale="en", now=NOW)
    assert stats.customers == 200
    return db_path


def test_same_seed_and_now_give_identical_databases(workspace: Workspace, db_path: Path) -> None:
    twin = db_path.with_name("twin.sqlite3")
    shutil.copyfile(db_path, twin)
    first = generate(workspace, customers=120, seed=3, locale="fa", now=NOW)
    with Workspace.open(twin) as other:
        second = generate(other, customers=120, seed=3, locale="fa", now=NOW)
    assert (first.customers, first.events, first.followups) == (
        second.customers,
        second.events,
        second.followups,
    )
    assert _dump(db_path) == _dump(twin)
    third = db_path.with_name("third.sqlite3")
    shutil.copyfile(twin, third)
    with Workspace.open(third) as other:
        other_seed = generate(other, customers=120, seed=4, locale="fa", now=NOW, append=True)
    assert other_seed.customers == 120
    names = _rows(third, "SELECT name FROM customers ORDER BY id")
    assert names[:120] != names[120:]


def test_every_touchpoint_stage_and_channel_appears(demo_en: Path) -> None:
    touchpoints = {r[0] for r in _rows(demo_en, "SELECT DISTINCT touchpoint FROM events")}
    stages = {r[0] for r in _rows(demo_en, "SELECT DISTINCT stage FROM events")}
    channels = {r[0] for r in _rows(demo_en, "SELECT DISTINCT channel FROM events")}
    assert touchpoints == set(TOUCHPOINT_KEYS)
    assert stages == set(STAGE_KEYS)
    assert channels == set(CHANNEL_KEYS)
    mismatched = [
        (tp, stage)
        for tp, stage in _rows(demo_en, "SELECT DISTINCT touchpoint, stage FROM events")
        if TOUCHPOINT_BY_KEY[tp].stage != stage
    ]
    assert mismatched == []


def test_rows_are_consistent_and_in_time_order(demo_en: Path) -> None:
    assert _rows(demo_en, "PRAGMA foreign_key_check") == []
    assert _rows(demo_en, "PRAGMA integrity_check") == [("ok",)]
    latest = _rows(demo_en, "SELECT max(occurred_at), max(created_at) FROM events")[0]
    assert latest[0] <= "2026-11-25 10:00:00.000000" and latest[1] <= "2026-11-25 10:00:00.000000"
    # Within each customer, events were made in journey order: ids and times rise together.
    out_of_order = _rows(
        demo_en,
        "SELECT count(*) FROM events a JOIN events b ON a.customer_id = b.customer_id "
        "AND a.id < b.id AND a.occurred_at >= b.occurred_at",
    )
    assert out_of_order == [(0,)]
    journeys = _rows(
        demo_en,
        "SELECT stage FROM events WHERE customer_id = (SELECT customer_id FROM events "
        "GROUP BY customer_id ORDER BY count(DISTINCT stage) DESC, customer_id LIMIT 1) "
        "ORDER BY occurred_at",
    )
    assert journeys[0] == ("before_purchase",) or journeys[0] == ("during_purchase",)
    purchases = _rows(
        demo_en, "SELECT DISTINCT touchpoint FROM events WHERE amount_cents IS NOT NULL"
    )
    assert {p[0] for p in purchases} == {"point_of_sale", "ecommerce", "sales_conversation"}


def _negative_share(path: Path, touchpoint: str) -> float:
    ((total, negative),) = _rows(
        path,
        "SELECT count(*), sum(coalesce(resolution, outcome) = 'negative') FROM events "
        f"WHERE touchpoint = '{touchpoint}'",
    )
    return negative / total


def test_friction_touchpoints_go_wrong_more_often(demo_en: Path) -> None:
    for friction in ("billing", "support_channels", "product_reviews"):
        for friendly in ("thank_you", "loyalty_program", "peer_referral"):
            assert _negative_share(demo_en, friction) > 3 * _negative_share(demo_en, friendly)


def test_decisions_requests_and_followups_cover_every_state(
    demo_en: Path, workspace: Workspace
) -> None:
    ((open_, resolved, bad_times),) = _rows(
        demo_en,
        "SELECT sum(resolution IS NULL), sum(resolution IS NOT NULL), "
        "sum(resolved_at < occurred_at OR resolved_at > '2026-11-25 10:00:00.000000') "
        "FROM events WHERE outcome = 'decision'",
    )
    assert open_ > 0 and resolved > 0 and bad_times == 0
    assert _rows(demo_en, "SELECT count(*) FROM events WHERE resolution IS NOT NULL "
                 "AND outcome != 'decision'") == [(0,)]  # fmt: skip
    requests = _rows(
        demo_en,
        "SELECT occurred_at, reply_due_at, replied_at, response_minutes FROM events "
        "WHERE reply_due_at IS NOT NULL",
    )
    parse = dt.datetime.fromisoformat
    answered = [r for r in requests if r[2] is not None]
    assert all(parse(r[1]) - parse(r[0]) == dt.timedelta(hours=4) for r in requests)
    assert all(parse(r[2]) - parse(r[0]) == dt.timedelta(minutes=r[3]) for r in answered)
    assert any(r[3] > 240 for r in answered)  # late replies
    assert any(r[3] <= 240 for r in answered)
    assert len(answered) < len(requests)  # some still unanswered
    ((done, open_followups),) = _rows(
        demo_en, "SELECT sum(done_at IS NOT NULL), sum(done_at IS NULL) FROM followups"
    )
    assert done > 0 and open_followups > 0
    today = workspace.today(NOW)
    assert today.overdue and today.due_today and today.pending_decisions and today.late_requests
    later = _rows(demo_en, "SELECT count(*) FROM followups WHERE done_at IS NULL "
                  "AND due_at >= '2026-11-26'")  # fmt: skip
    assert later[0][0] > 0
    assert {r[0] for r in _rows(demo_en, "SELECT DISTINCT logged_by FROM events")} >= {
        "Alex Morgan"
    }


def test_stored_forms_match_the_service(demo_en: Path, workspace: Workspace) -> None:
    phones = _rows(demo_en, "SELECT number, normalized FROM customer_phones")
    emails = _rows(demo_en, "SELECT address, normalized FROM customer_emails")
    assert phones and emails
    assert all(normalize_phone(d).normalized == n for d, n in phones)
    assert all(normalize_email(a) == n for a, n in emails)
    with workspace.db.read() as s:
        for cid in (1, 2, 50, 123, 200):
            c = customer_data.load(s, cid)
            expected = search.index_body(
                c.name,
                c.company,
                c.city,
                [t.name for t in c.tags],
                [e.address for e in c.emails],
                [(p.number, p.normalized) for p in c.phones],
            )
            (body,) = _rows(demo_en, f"SELECT body FROM customer_fts WHERE rowid = {cid}")[0]
            assert body == expected
    several = _rows(demo_en, "SELECT count(*) FROM (SELECT customer_id FROM customer_phones "
                    "GROUP BY customer_id HAVING count(*) > 1)")  # fmt: skip
    assert several[0][0] > 0
    assert len(workspace.tags()) >= 5


def test_summary_columns_agree_with_refresh_summary(demo_en: Path, workspace: Workspace) -> None:
    sample = [1, 7, 33, 64, 99, 150, 200]
    columns = "id, last_event_at, last_outcome, last_touchpoint, stage_reached"
    before = _rows(demo_en, f"SELECT {columns} FROM customers WHERE id IN {tuple(sample)}")
    with workspace.db.write() as s:
        for cid in sample:
            customer_data.refresh_summary(s, cid)
        s.flush()
        after = [
            (c.id, c.last_event_at, c.last_outcome, c.last_touchpoint, c.stage_reached)
            for c in (s.get(Customer, cid) for cid in sample)
            if c is not None
        ]
    parse = dt.datetime.fromisoformat
    assert [(r[0], parse(r[1]) if r[1] else None, *r[2:]) for r in before] == after


def test_persian_demo_is_iranian_and_searchable(workspace: Workspace, db_path: Path) -> None:
    generate(workspace, customers=60, seed=2, locale="fa", now=NOW)
    rows = _rows(db_path, "SELECT id, name, city, phone FROM customers ORDER BY id")
    assert all(PERSIAN_LETTERS.search(name) for _id, name, _city, _phone in rows)
    cities = {city for _id, _name, city, _phone in rows}
    assert "تهران" in cities
    normalized = [r[0] for r in _rows(db_path, "SELECT normalized FROM customer_phones")]
    assert all(re.fullmatch(r"989\d{9}", n) for n in normalized)
    amounts = [r[0] for r in _rows(db_path, "SELECT amount_cents FROM events "
                                   "WHERE amount_cents IS NOT NULL")]  # fmt: skip
    assert min(amounts) >= 150_000 * 100 and all(a % 100_000 == 0 for a in amounts)
    cid, name, _city, phone = next(r for r in rows if r[3])
    digits = re.sub(r"\D", "", phone.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
    persian_prefix = digits[:7].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert cid in {c.id for c in workspace.find_customers(persian_prefix, limit=1000)}
    by_name = workspace.find_customers(name.replace("ی", "ي").replace("ک", "ك"), limit=1000)
    assert cid in {c.id for c in by_name}


def test_phone_region_setting_is_honoured(workspace: Workspace, db_path: Path) -> None:
    # With region GB the service reads 0912... as a British number; demo data must agree.
    workspace.set_setting("phone_region", "GB")
    generate(workspace, customers=30, seed=5, locale="fa", now=NOW)
    phones = _rows(db_path, "SELECT number, normalized FROM customer_phones")
    assert all(normalize_phone(d, "GB").normalized == n for d, n in phones)
    assert all(n.startswith("44") for _d, n in phones)


def test_refuses_a_database_with_customers_unless_appending(
    workspace: Workspace, db_path: Path
) -> None:
    generate(workspace, customers=10, seed=1, locale="en", now=NOW)
    with pytest.raises(NotEmpty) as refused:
        generate(workspace, customers=10, seed=1, locale="en", now=NOW)
    assert refused.value.customers == 10
    assert _rows(db_path, "SELECT count(*) FROM customers") == [(10,)]
    more = generate(workspace, customers=5, seed=1, locale="en", now=NOW, append=True)
    assert _rows(db_path, "SELECT count(*), max(id) FROM customers") == [(15, 15)]
    assert _rows(db_path, "SELECT count(*) FROM events")[0][0] > more.events
    assert _rows(db_path, "PRAGMA foreign_key_check") == []
    with pytest.raises(ValueError):
        generate(workspace, customers=0, locale="en", append=True)


def test_cli_demo_end_to_end(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", str(db_path), "demo", "--customers", "50", "--months", "3", "--seed", "9"]
    assert main([*argv, "--locale", "en"]) == 0
    out = capsys.readouterr().out
    (events,) = _rows(db_path, "SELECT count(*) FROM events")[0]
    assert f"Created 50 customers, {events:,} touchpoints" in out
    oldest = _rows(db_path, "SELECT min(occurred_at) FROM events")[0][0]
    assert oldest >= str(dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=92))
    assert main(argv) == 1
    assert "--append" in capsys.readouterr().err
    assert main([*argv, "--append"]) == 0
    assert _rows(db_path, "SELECT count(*) FROM customers") == [(100,)]


def test_postgresql_gets_the_same_rows_as_sqlite(
    workspace: Workspace, db_path: Path, pg_database: str
) -> None:
    """The demo writes through the raw connection of either engine; the same seed and clock give
    the same rows, and new rows on PostgreSQL get fresh ids afterwards."""
    here = generate(workspace, customers=150, seed=5, locale="en", now=NOW)
    with Workspace.open(pg_database) as pg:
        there = generate(pg, customers=150, seed=5, locale="en", now=NOW)
        assert (here.customers, here.events, here.followups) == (
            there.customers,
            there.events,
            there.followups,
        )
        with workspace.db.read_engine.connect() as a, pg.db.read_engine.connect() as b:
            for table in copied_tables():
                assert digest(a, table) == digest(b, table), table.name
        assert [c.id for c in pg.find_customers(pg.customer(1).name)][:1] == [1]
        new = pg.create_customer(CustomerInput(name="Neda"))
        assert new == 151
        with pytest.raises(NotEmpty):
            generate(pg, customers=10, seed=5, locale="en", now=NOW)
