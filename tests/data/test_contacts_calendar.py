"""Open follow-ups exported to an .ics file that the icalendar library reads back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from tests.data.test_export_roundtrip import fresh_workspace
from tests.helpers.factories import customer
from touchdesk.cli import main
from touchdesk.data.workspace import Workspace


def events(path: Path) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_export_followups_as_events_with_alarms_stable_uids_and_utc_times(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(db_url) as ws:
        sara = customer(ws, "سارا احمدی", phone="0912 123 4567", email="sara@example.com")
        ali = customer(ws, "Ali Rad")
        first = ws.add_followup(
            "Send the price list", dt.datetime(2026, 12, 1, 6, 30), customer_id=sara
        )
        second = ws.add_followup("Call back", dt.datetime(2026, 11, 28, 13, 0), customer_id=ali)
        ws.add_followup("Order paper", dt.datetime(2026, 12, 3, 8, 0))
        done = ws.add_followup("Old task", dt.datetime(2026, 11, 1, 8, 0), customer_id=ali)
        ws.complete_followup(done)
    target = tmp_path / "out" / "followups.ics"
    assert main(["--db", db_url, "export", "followups", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"Exported 3 follow-ups to {target}"
    found = events(target)
    assert [str(e["summary"]) for e in found] == [
        "Call back — Ali Rad",
        "Send the price list — سارا احمدی",
        "Order paper",
    ]
    assert [e.decoded("dtstart") for e in found] == [
        dt.datetime(2026, 11, 28, 13, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 1, 6, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC),
    ]
    assert b"DTSTART:20261201T063000Z" in target.read_bytes()
    assert [e.decoded("dtend") - e.decoded("dtstart") for e in found] == [
        dt.timedelta(minutes=15)
    ] * 3
    assert str(found[1]["description"]) == (
        "Customer: سارا احمدی\nPhone: 0912 123 4567\nE-mail: sara@example.com"
    )
    assert "description" not in found[2]
    alarms = [list(e.walk("VALARM")) for e in found]
    assert [(str(a[0]["action"]), a[0].decoded("trigger")) for a in alarms] == [
        ("DISPLAY", dt.timedelta(0))
    ] * 3
    uids = [str(e["uid"]) for e in found]
    assert uids[0].startswith(f"followup-{second}@") and uids[1].startswith(f"followup-{first}@")
    assert len(set(uids)) == 3
    # Exported again: the same UIDs, so a calendar updates its entries instead of adding copies.
    again = tmp_path / "again.ics"
    with Workspace.open(db_url) as ws:
        assert ws.export_followups(again) == 3
    assert [str(e["uid"]) for e in events(again)] == uids


def test_another_database_gets_other_uids(workspace: Workspace, tmp_path: Path) -> None:
    workspace.add_followup("Call", dt.datetime(2026, 12, 1, 9, 0))
    workspace.export_followups(tmp_path / "a.ics")
    with fresh_workspace(tmp_path) as other:
        other.add_followup("Call", dt.datetime(2026, 12, 1, 9, 0))
        other.export_followups(tmp_path / "b.ics")
    (a,), (b,) = events(tmp_path / "a.ics"), events(tmp_path / "b.ics")
    assert str(a["uid"]).split("@")[0] == str(b["uid"]).split("@")[0] == "followup-1"
    assert a["uid"] != b["uid"]


def test_no_open_followups_gives_an_empty_calendar(workspace: Workspace, tmp_path: Path) -> None:
    assert workspace.export_followups(tmp_path / "none.ics") == 0
    cal = icalendar.Calendar.from_ical((tmp_path / "none.ics").read_bytes())
    assert (str(cal["version"]), events(tmp_path / "none.ics")) == ("2.0", [])
