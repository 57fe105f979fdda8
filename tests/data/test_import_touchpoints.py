"""Touchpoint import from CSV: customer matching, keys and names, Jalali dates, Persian digits,
duplicates against the database and within the file, strict and dry runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.data.test_import_customers import fixture_copy
from tests.helpers.factories import customer, touch
from touchdesk.cli import main
from touchdesk.data.workspace import Workspace

EXPECTED_ERRORS = [
    "row 5: date: no such date: 2026-11-31",
    "row 8: touchpoint: unknown touchpoint: teleportation",
    "row 9: channel: unknown channel: pigeon",
    "row 9: amount: not a number: 12x",
]


def seeded(db_url: str) -> int:
    """Sara with one stored touchpoint that row 11 of the fixture repeats."""
    with Workspace.open(db_url) as ws:
        sara = customer(ws, "Sara Ahmadi", email="sara@example.com", phone="09121234567")
        touch(ws, sara, "thank_you", "email", at=dt.datetime(2026, 11, 20, 9, 0))
    return sara


def test_mixed_touchpoint_file(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sara = seeded(db_url)
    source = fixture_copy(tmp_path, "touchpoints_mixed.csv")

    code = main(["--db", db_url, "import", "touchpoints", str(source)])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:5] == [
        "Imported: 4",
        "Duplicates skipped: 3",
        "Rejected rows: 3",
        "Customers created: 1",
        "Unknown columns (ignored): mood",
    ]
    assert out[-4:] == EXPECTED_ERRORS
    with Workspace.open(db_url) as ws:
        timeline = ws.timeline(sara)
        assert [
            (e.occurred_at, e.touchpoint, e.channel, e.outcome, e.direction) for e in timeline
        ] == [
            (dt.datetime(2026, 11, 27, 12, 0), "point_of_sale", "phone", "decision", "outbound"),
            (
                dt.datetime(2026, 11, 26, 10, 0),
                "point_of_sale",
                "in_person",
                "positive",
                "outbound",
            ),
            (
                dt.datetime(2026, 11, 25, 14, 30),
                "sales_conversation",
                "phone",
                "positive",
                "outbound",
            ),
            (dt.datetime(2026, 11, 20, 9, 0), "thank_you", "email", "neutral", "outbound"),
        ]
        # Jalali date and Persian digits in the amount: ۱٬۲۵۰٫۵۰ is 1250.50.
        assert timeline[1].amount_cents == 125050
        assert timeline[2].note == 'Asked for the "big" catalog, twice'
        # The list's summary columns follow, as when logging in the app.
        row = ws.find_customers("Sara")[0]
        assert (row.last_event_at, row.last_outcome, row.last_touchpoint) == (
            dt.datetime(2026, 11, 27, 12, 0),
            "decision",
            "point_of_sale",
        )
        assert ws.customer(sara).stage_reached == 2
        created = ws.find_customer_id(email="new@example.com")
        assert created is not None and ws.customer(created).name == "Unknown Person"
        [request] = ws.timeline(created)
        assert (request.touchpoint, request.direction, request.response_minutes) == (
            "support_channels",
            "inbound",
            45,
        )
        assert request.replied_at == dt.datetime(2026, 11, 26, 9, 45)
    rejected = source.with_name("touchpoints_mixed.csv.rejected.csv").read_text("utf-8-sig")
    assert rejected.splitlines() == [
        "date,customer,email,phone,touchpoint,channel,outcome,direction,note,amount,response_minutes,mood,reason",
        "2026-11-31,Sara Ahmadi,,,billing,email,,,,,,,date: no such date: 2026-11-31",
        "2026-11-28 08:00,Someone,,,teleportation,phone,,,,,,,touchpoint: unknown touchpoint: teleportation",
        "2026-11-28 08:00,Someone,,,billing,pigeon,,,,12x,,,channel: unknown channel: pigeon; amount: not a number: 12x",
    ]


def test_importing_the_same_file_twice_adds_nothing(db_url: str, tmp_path: Path) -> None:
    seeded(db_url)
    source = fixture_copy(tmp_path, "touchpoints_mixed.csv")
    with Workspace.open(db_url) as ws:
        ws.import_touchpoints(source)
        again = ws.import_touchpoints(source)
    assert (again.imported, again.duplicates, again.customers_created, again.rejected_rows) == (
        0,
        7,
        0,
        3,
    )


def test_strict_and_dry_run_leave_the_database_untouched(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sara = seeded(db_url)
    source = fixture_copy(tmp_path, "touchpoints_mixed.csv")
    rejected = source.with_name("touchpoints_mixed.csv.rejected.csv")

    assert main(["--db", db_url, "import", "touchpoints", str(source), "--dry-run"]) == 1
    dry = capsys.readouterr().out.splitlines()
    assert dry[1:5] == [
        "Imported: 4",
        "Duplicates skipped: 3",
        "Rejected rows: 3",
        "Customers created: 1",
    ]
    assert not rejected.exists()

    assert main(["--db", db_url, "import", "touchpoints", str(source), "--strict"]) == 1
    strict = capsys.readouterr().out.splitlines()
    assert strict[-4:] == EXPECTED_ERRORS
    assert rejected.exists()

    with Workspace.open(db_url) as ws:
        assert len(ws.timeline(sara)) == 1
        assert ws.count_customers() == 1


def test_matching_order_email_then_phone_then_name(workspace: Workspace, tmp_path: Path) -> None:
    by_email = customer(workspace, "Same Name", email="one@example.com")
    by_phone = customer(workspace, "Same Name", phone="09120000002")
    by_name = customer(workspace, "Only Name")
    source = tmp_path / "match.csv"
    source.write_text(
        "date;customer;email;phone;touchpoint;channel\n"
        "2026-01-01;Only Name;ONE@example.com;09120000002;billing;sms\n"
        "2026-01-02;Only Name;;۰۹۱۲۰۰۰۰۰۰۲;Billing;SMS\n"
        "2026-01-03;Only Name;;;صورتحساب;sms\n",
        "utf-8",
    )
    report = workspace.import_touchpoints(source)
    assert (report.imported, report.customers_created, report.rejected) == (3, 0, [])
    assert [len(workspace.timeline(c)) for c in (by_email, by_phone, by_name)] == [1, 1, 1]


def test_missing_required_columns_are_named(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "nochannel.csv"
    source.write_text("date,note,touchpoint\n2026-01-01,hello,billing\n", "utf-8")
    assert main(["--db", db_url, "import", "touchpoints", str(source)]) == 1
    err = capsys.readouterr().err
    assert "channel, customer / email / phone" in err
