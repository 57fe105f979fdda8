"""``touchdesk move-to``: a local database copied into an empty PostgreSQL database, checked row
by row, and usable there afterwards; a non-empty target is refused and a copy that lost or changed
a row is caught and rolled back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.helpers.factories import customer, touch
from touchdesk.cli import main
from touchdesk.data import move
from touchdesk.data.models import Base, Customer, Event
from touchdesk.data.records import FollowUpRequest, TouchpointInput
from touchdesk.data.workspace import Workspace
from touchdesk.planner.knowledge import load
from touchdesk.planner.records import JourneyStep, PlanProfile
from touchdesk.planner.tasks import generate_tasks, suggested_rules

T0 = dt.datetime(2026, 3, 2, 9, 30)
PROFILE = PlanProfile(
    "online_shop",
    2,
    50_000,
    "USD",
    40,
    ("after_purchase", "customer_service"),
    (JourneyStep("buy", "during_purchase", "خرید"),),
)


def fill(ws: Workspace) -> dict[str, int]:
    """A small database with a bit of everything, Persian text included."""
    old = customer(ws, "Bob S.", email="bob.old@example.com")
    sara = customer(
        ws,
        "سارا احمدی",
        phones=("0912 345 6789", "021 8888 1234"),
        emails=("sara@example.com",),
        tags=("VIP", "عمده"),
        city="تهران",
        notes="مشتری قدیمی؛ «ساعت ۱۰» تماس بگیرید",
    )
    bob = customer(ws, "Bob Stone", company="Stone Ltd", email="bob@stone.example", tags=("VIP",))
    ws.merge_customers(bob, old)  # the merged row points forward, at a later id
    decision = touch(ws, sara, "sales_conversation", outcome="decision", at=T0)
    ws.resolve_decision(decision, "positive")
    request = touch(
        ws, sara, "support_channels", "chat", direction="inbound", at=T0 + dt.timedelta(days=1)
    )
    ws.log_touchpoint(
        TouchpointInput(
            sara,
            "support_channels",
            "chat",
            "positive",
            occurred_at=T0 + dt.timedelta(days=1, hours=2),
            note="پاسخ داده شد",
            reply_to_id=request,
        )
    )
    touch(
        ws,
        bob,
        "ecommerce",
        "website",
        "positive",
        at=T0 + dt.timedelta(days=3),
        amount_cents=125_000,
        follow_up=FollowUpRequest("Ask how the order went", days=7),
    )
    ws.add_followup("پیگیری فاکتور", T0 + dt.timedelta(days=10), customer_id=sara)
    ws.set_setting("business_name", "فروشگاه نیک")
    ws.save_snippet("Thanks", "ممنون از خرید شما")
    choices = {"thank_you": "lean", "support_channels": "full"}
    ws.save_plan(
        ws.evaluate_plan(PROFILE, choices),
        generate_tasks(load(), choices, dt.date(2026, 4, 1), ()),
        suggested_rules(load(), list(choices)),
        name="بهار",
    )
    return {"sara": sara, "bob": bob, "old": old}


def _table_lines(out: str) -> dict[str, list[str]]:
    """The per-table summary: table name → [rows here, rows there, check]."""
    rows = (line.split() for line in out.splitlines())
    return {r[0]: r[1:] for r in rows if len(r) == 4 and r[3] in ("same", "DIFFERENT")}


def test_everything_arrives_and_the_team_database_carries_on(
    db_path: Path, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(db_path) as ws:
        ids = fill(ws)
        timelines = {cid: ws.timeline(cid) for cid in ids.values()}
        followups = ws.followups()
        plans = ws.plans()
        snippets = ws.snippets()
        sara_detail = ws.customer(ids["sara"])
        events_before = len(ws.timeline(ids["sara"])) + len(ws.timeline(ids["bob"]))

    assert main(["--db", str(db_path), "move-to", pg_database]) == 0

    lines = _table_lines(capsys.readouterr().out)
    assert lines["customers"] == ["3", "3", "same"]
    assert lines["events"] == [str(events_before), str(events_before), "same"]
    assert lines["customer_phones"] == ["2", "2", "same"]
    assert lines["customer_fts"] == ["2", "2", "same"]  # the merged-away customer is not indexed
    assert lines["touchpoint_types"] == ["20", "20", "same"]
    assert set(lines) >= {t.name for t in Base.metadata.sorted_tables}
    assert "alembic_version" not in lines
    with Workspace.open(pg_database) as pg:
        assert [c.id for c in pg.find_customers("سارا")] == [ids["sara"]]
        assert [c.id for c in pg.find_customers("0912345")] == [ids["sara"]]
        assert [c.id for c in pg.find_customers("stone")] == [ids["bob"]]
        assert {cid: pg.timeline(cid) for cid in ids.values()} == timelines
        assert pg.followups() == followups
        assert pg.plans() == plans
        assert pg.snippets() == snippets
        assert pg.customer(ids["sara"]) == sara_detail
        assert pg.setting("business_name") == "فروشگاه نیک"
        with pg.db.read() as session:
            merged = session.get(Customer, ids["old"])
            assert merged is not None and merged.merged_into_id == ids["bob"]
        # The sequences were moved past the copied ids.
        assert customer(pg, "Neda Karimi") == 4
        assert touch(pg, 4, at=T0) == events_before + 1


def test_a_target_that_holds_data_is_refused_by_name(
    db_path: Path, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(db_path) as ws:
        customer(ws, "Sara")
    with Workspace.open(pg_database) as pg:
        pg.save_snippet("Hello", "Hi there")
    assert main(["--db", str(db_path), "move-to", pg_database]) == 1
    err = capsys.readouterr().err
    assert "not empty" in err
    assert "snippets" in err
    with Workspace.open(pg_database) as pg:
        assert pg.count_customers() == 0


def test_a_target_with_its_own_touchpoints_is_refused(
    db_path: Path, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The built-in catalog a fresh database has is replaced; a touchpoint someone added is data."""
    with Workspace.open(pg_database) as pg:
        pg.add_touchpoint_type("repair_visit", "customer_service", "Repair visit")
    assert main(["--db", str(db_path), "move-to", pg_database]) == 1
    assert "touchpoint_types" in capsys.readouterr().err


def test_a_sqlite_target_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "move-to", str(tmp_path / "other.sqlite3")]) == 1
    assert "PostgreSQL" in capsys.readouterr().err
    assert not (tmp_path / "other.sqlite3").exists()


def _count(url: str, table: type[Base]) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    engine.dispose()
    return n


def test_a_lost_row_is_caught_and_nothing_is_committed(
    db_path: Path, pg_database: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    with Workspace.open(db_path) as ws:
        fill(ws)
    real = move.insert_batch

    def lossy(conn, table, rows):  # type: ignore[no-untyped-def]
        real(conn, table, rows[1:] if table.name == "customer_phones" else rows)

    monkeypatch.setattr(move, "insert_batch", lossy)
    assert main(["--db", str(db_path), "move-to", pg_database]) == 1
    captured = capsys.readouterr()
    lines = _table_lines(captured.out)
    assert lines["customer_phones"] == ["2", "1", "DIFFERENT"]
    assert lines["customers"] == ["3", "3", "same"]
    assert "customer_phones" in captured.err
    assert "nothing was committed" in captured.err
    assert _count(pg_database, Customer) == 0
    assert _count(pg_database, Event) == 0


def test_a_changed_value_is_caught_by_the_checksum(
    db_path: Path, pg_database: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    with Workspace.open(db_path) as ws:
        fill(ws)
    real = move.insert_batch

    def tampering(conn, table, rows):  # type: ignore[no-untyped-def]
        if table.name == "events":
            rows = [dict(r) for r in rows]
            rows[0]["note"] += " "
        real(conn, table, rows)

    monkeypatch.setattr(move, "insert_batch", tampering)
    assert main(["--db", str(db_path), "move-to", pg_database]) == 1
    captured = capsys.readouterr()
    lines = _table_lines(captured.out)
    here, there, _check = lines["events"]
    assert here == there  # the same count, different content
    assert [name for name, (*_counts, check) in lines.items() if check != "same"] == ["events"]
    assert "events did not arrive unchanged" in captured.err
    assert _count(pg_database, Event) == 0


def test_the_password_is_used_but_never_printed(
    db_path: Path, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The test server trusts loopback, so any password works; it must not appear anywhere."""
    with Workspace.open(db_path) as ws:
        customer(ws, "Sara")
    with_password = pg_database.replace("postgres@", "postgres:s3cr3t-pw@", 1)
    assert with_password != pg_database
    assert main(["--db", str(db_path), "move-to", with_password]) == 0
    captured = capsys.readouterr()
    assert "s3cr3t-pw" not in captured.out + captured.err
    assert "***" in captured.out
    engine = create_engine(pg_database)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM customers")).scalars().all() == ["Sara"]
    engine.dispose()
