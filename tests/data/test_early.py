"""The window's first reads in plain ``sqlite3`` (``touchdesk.data.early``) give exactly what the
workspace gives on the same file, and the stand-in becomes the real workspace on demand.

The fixture has what those reads must tell apart: Persian and Latin names, a deleted and a merged
customer, follow-ups overdue, due today, tomorrow, done, without a customer, assigned to another
person or written by one; decisions open and settled; replies late, replied and not yet due;
buyers silent for long and for a short while; tags; an inactive user; a touchpoint of the user's own.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.helpers.factories import customer, touch
from touchdesk.data.early import SORT_COLUMNS, EarlyReader, stored
from touchdesk.data.starting import StartingWorkspace
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import to_utc
from touchdesk.i18n import set_language

pytestmark = pytest.mark.sqlite_only

# Noon, local time: "a minute from now" is still today wherever the tests run.
NOW = to_utc(dt.datetime.combine(dt.date.today(), dt.time(12)))
DAY = dt.timedelta(days=1)


@pytest.fixture
def filled(db_path: Path) -> Path:
    """A file with one of everything the first screens show (see the module docstring)."""
    ana = Workspace.open(db_path, user="ana")
    bob = Workspace.open(db_path, user="bob")
    bob.user_id()
    ana.add_user("dora", "Dora D.")
    sara = customer(ana, "سارا احمدی", phone="+98 912 345 6789", tags=("VIP", "تهران"))
    leeds = customer(ana, "Leeds Bakery", company="Bakers Ltd", email="x@leeds.example")
    gone = customer(ana, "Gone Ltd", tags=("VIP",))
    twin = customer(ana, "Leeds Bakery twin", email="twin@leeds.example")
    quiet = customer(ana, "Quiet Buyer")
    recent = customer(ana, "Recent Buyer")
    customer(ana, "Never Contacted")
    touch(ana, sara, outcome="decision", at=NOW - 3 * DAY, note="think <b>it</b> over")
    settled = touch(ana, leeds, outcome="decision", at=NOW - 4 * DAY)
    ana.resolve_decision(settled, "positive")
    touch(ana, gone, outcome="decision", at=NOW - 5 * DAY)
    touch(ana, leeds, "support_channels", "email", direction="inbound", at=NOW - 3 * DAY)
    replied = touch(ana, sara, "support_channels", "email", direction="inbound", at=NOW - 3 * DAY)
    ana.record_reply(replied, NOW - 2 * DAY)
    touch(
        ana, twin, "support_channels", "chat", direction="inbound", at=NOW - dt.timedelta(minutes=5)
    )
    touch(
        ana, quiet, "point_of_sale", "in_person", "positive", at=NOW - 200 * DAY, amount_cents=5000
    )
    touch(ana, recent, "point_of_sale", "in_person", "positive", at=NOW - 2 * DAY, amount_cents=900)
    touch(ana, sara, "point_of_sale", "in_person", "positive", at=NOW - 120 * DAY, amount_cents=100)
    touch(bob, leeds, at=NOW - 6 * DAY)
    bob.add_followup("Bob's call back", NOW - DAY, customer_id=leeds)
    ana.add_followup("overdue, Ana's", NOW - 2 * DAY, customer_id=sara)
    ana.add_followup("overdue, for Bob", NOW - 3 * DAY, customer_id=leeds, assignee="bob")
    ana.add_followup("no customer", NOW - DAY)
    ana.add_followup("of a deleted customer", NOW - DAY, customer_id=gone)
    ana.add_followup("due later today", NOW + dt.timedelta(minutes=1), customer_id=leeds)
    ana.add_followup("tomorrow", NOW + 2 * DAY, customer_id=sara)
    done = ana.add_followup("done", NOW - DAY, customer_id=sara)
    ana.complete_followup(done)
    ana.delete_customer(gone)
    ana.merge_customers(leeds, twin)
    ana.add_touchpoint_type("tasting", "before_purchase", "Tasting day", "روز چشیدن")
    ana.set_setting("losing_touch_days", 60)
    ana.set_setting("currency", "GBP")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET active = 0 WHERE name = 'dora'")
    ana.close()
    bob.close()
    return db_path


@pytest.fixture
def pair(filled: Path):
    """The real workspace and the stand-in on the same file, both as Ana."""
    real = Workspace.open(filled, user="ana")
    early = StartingWorkspace.open(str(filled), user="ana")
    assert early is not None
    yield real, early
    early.close()
    real.close()


def test_settings_touchpoints_people_and_tags_read_the_same(pair) -> None:
    real, early = pair
    for key in ("losing_touch_days", "currency", "language", "calendar", "phone_region"):
        assert early.setting(key) == real.setting(key), key
    assert early.currency() == real.currency() == "GBP"
    for inactive in (False, True):
        assert early.touchpoint_types(include_inactive=inactive) == real.touchpoint_types(
            include_inactive=inactive
        )
        assert early.users(include_inactive=inactive) == real.users(include_inactive=inactive)
    assert [u.name for u in early.users(include_inactive=True)] == ["ana", "bob", "dora"]
    assert early.tags() == real.tags() == ["VIP", "تهران"]
    assert early.user_name == real.user_name == "ana"
    assert not early.team_mode and early.location == real.location
    for lang in ("en", "fa"):
        set_language(lang)
        for row in real.touchpoint_types(include_inactive=True):
            assert early.touchpoint_label(row.key) == real.touchpoint_label(row.key)
    assert early.touchpoint_label("tasting") == "روز چشیدن"
    assert not early.loaded


def test_today_reads_the_same_for_everyone_and_for_each_person(pair, filled: Path) -> None:
    real, early = pair
    for mine in (False, True):
        assert early.today(NOW, mine=mine) == real.today(NOW, mine=mine)
    everyone = early.today(NOW)
    # Hand-counted: overdue are Ana's, Bob's and the one for Bob, and the customer-less one (the
    # deleted customer's is hidden); due today the one a minute from now; Sara's decision (Gone's
    # was deleted with it, Leeds' is settled); Leeds' unanswered request; Quiet silent for more
    # than 60 days after buying (Sara bought 120 days ago but was in touch 3 days ago).
    assert [f.title for f in everyone.overdue] == [
        "overdue, for Bob",
        "overdue, Ana's",
        "Bob's call back",
        "no customer",
    ]
    assert [f.title for f in everyone.due_today] == ["due later today"]
    assert [e.customer_name for e in everyone.pending_decisions] == ["سارا احمدی"]
    assert [e.customer_name for e in everyone.late_requests] == ["Leeds Bakery"]
    assert [r.customer_name for r in everyone.losing_touch] == ["Quiet Buyer"]
    assert [f.title for f in early.today(NOW, mine=True).overdue] == [
        "overdue, Ana's",
        "no customer",
    ]
    bob_real = Workspace.open(filled, user="bob")
    bob_early = StartingWorkspace.open(str(filled), user="bob")
    assert bob_early is not None
    assert bob_early.today(NOW, mine=True) == bob_real.today(NOW, mine=True)
    # Bob's: the one assigned to him and the one he wrote (Ana wrote the customer-less one).
    assert [f.title for f in bob_early.today(NOW, mine=True).overdue] == [
        "overdue, for Bob",
        "Bob's call back",
    ]
    bob_real.close()
    assert not early.loaded and not bob_early.loaded


@pytest.mark.parametrize("sort", sorted(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_the_first_page_of_customers_reads_the_same_in_every_order(
    pair, sort: str, descending: bool
) -> None:
    real, early = pair
    for limit in (200, 3):
        got = early.find_customers("", sort=sort, descending=descending, offset=0, limit=limit)
        assert got == real.find_customers(sort=sort, descending=descending, limit=limit)
    assert early.count_customers("") == real.count_customers() == 5
    assert not early.loaded


def test_anything_else_opens_the_real_workspace_and_keeps_listening(pair) -> None:
    real, early = pair
    heard: list[str] = []
    early.subscribe(heard.append)
    assert early.find_customers("sara") == real.find_customers("sara")
    assert early.loaded
    assert early.find_customers() == real.find_customers()
    early.set_setting("losing_touch_days", 30)
    assert early.setting("losing_touch_days") == 30
    assert heard == ["settings"]
    assert early.db.path == real.db.path


def test_the_early_database_opens_the_real_one_for_anything_but_its_path(pair) -> None:
    _real, early = pair
    assert early.db.path is not None and not early.loaded
    assert early.db.quick_check() == []
    assert early.loaded


def test_only_a_current_database_file_is_read_early(db_path: Path, tmp_path: Path) -> None:
    Workspace.open(db_path).close()
    assert EarlyReader.open(str(db_path)) is not None
    assert EarlyReader.open("postgresql+psycopg://u@localhost/db") is None
    assert EarlyReader.open(str(tmp_path / "missing.sqlite3")) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    assert EarlyReader.open(str(tmp_path / "junk.sqlite3")) is None
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM touchpoint_types WHERE key = 'point_of_sale'")
    assert EarlyReader.open(str(db_path)) is None  # the workspace adds it back first
    Workspace.open(db_path).close()
    assert EarlyReader.open(str(db_path)) is not None
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    assert EarlyReader.open(str(db_path)) is None


def test_stored_datetimes_compare_like_the_orm_stores_them(db_path: Path) -> None:
    ws = Workspace.open(db_path)
    cid = customer(ws, "Sara")
    at = dt.datetime(2026, 3, 4, 5, 6, 7)
    touch(ws, cid, at=at)
    ws.close()
    with sqlite3.connect(db_path) as conn:
        (kept,) = conn.execute("SELECT occurred_at FROM events").fetchone()
    assert kept == stored(at)


# Letters, digits, punctuation, symbols and spaces of any script (the sort is SQLite's, both ways).
NAME = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), max_size=12)


@settings(max_examples=25, deadline=None)
@given(names=st.lists(NAME, min_size=1, max_size=6))
def test_any_names_list_in_the_same_order_early_and_late(db_path: Path, names: list[str]) -> None:
    ws = Workspace.open(db_path)
    try:
        for name in names:
            if name.strip():
                customer(ws, name)
        early = StartingWorkspace.open(str(db_path))
        assert early is not None
        for descending in (False, True):
            got = early.find_customers("", sort="name", descending=descending, limit=200)
            assert got == ws.find_customers(sort="name", descending=descending, limit=200)
        assert not early.loaded
    finally:
        with ws.db.write() as s:
            s.execute(text("DELETE FROM customers"))
        ws.close()
