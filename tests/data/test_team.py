"""Team mode on both engines: two people in one database — authorship, assignment, "mine", stale
saves caught (never silently overwritten), and others' changes noticed without restarting."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.factories import customer, touch
from touchdesk.data.conflicts import merge_edit
from touchdesk.data.records import CustomerInput, StaleEdit, ValidationError
from touchdesk.data.workspace import Workspace

NOON = dt.datetime(2026, 11, 25, 12, 0)


@pytest.fixture
def two(db_url: str) -> Iterator[tuple[Workspace, Workspace]]:
    """Ana and Bob, each with their own workspace (own connections) on the same database."""
    ana = Workspace.open(db_url, user="ana")
    bob = Workspace.open(db_url, user="bob")
    yield ana, bob
    ana.close()
    bob.close()


def test_each_change_records_its_author(two: tuple[Workspace, Workspace]) -> None:
    ana, bob = two
    cid = customer(ana, "Sara Ahmadi", email="sara@example.com")
    eid = touch(bob, cid)
    fid = bob.add_followup("Call Sara back", NOON, customer_id=cid)
    detail = bob.customer(cid)
    assert (detail.created_by, detail.updated_by) == ("ana", "ana")
    assert bob.event(eid).logged_by == "bob"
    row = ana.followup(fid)
    assert (row.author, row.assignee) == ("bob", "bob")
    ana.update_customer(cid, detail.as_input())
    assert bob.customer(cid).updated_by == "ana"
    assert [u.name for u in ana.users()] == ["ana", "bob"]


def test_today_shows_mine_and_everyones(two: tuple[Workspace, Workspace]) -> None:
    ana, bob = two
    cid = customer(ana, "Reza")
    a1 = ana.add_followup("Ana's own", NOON, customer_id=cid)
    b1 = bob.add_followup("Bob's own", NOON, customer_id=cid)
    given = ana.add_followup("For Bob", NOON, customer_id=cid, assignee="bob")
    now = NOON + dt.timedelta(days=1)
    assert {f.id for f in ana.today(now, mine=True).overdue} == {a1}
    assert {f.id for f in bob.today(now, mine=True).overdue} == {b1, given}
    assert {f.id for f in ana.today(now).overdue} == {a1, b1, given}
    ana.assign_followup(b1, "ana")
    assert {f.id for f in ana.today(now, mine=True).overdue} == {a1, b1}
    assert ana.followup(b1).assignee == "ana"


def test_assigning_to_an_unknown_person_names_the_field(two: tuple[Workspace, Workspace]) -> None:
    ana, _bob = two
    with pytest.raises(ValidationError) as caught:
        ana.add_followup("Nobody's", NOON, assignee="carol")
    assert set(caught.value.errors) == {"assignee"}
    ana.add_user("carol", "Carol K.")
    fid = ana.add_followup("Carol's", NOON, assignee="carol")
    assert ana.followup(fid).assignee == "Carol K."


def test_a_stale_customer_save_is_caught_with_what_the_other_changed(
    two: tuple[Workspace, Workspace],
) -> None:
    ana, bob = two
    cid = customer(ana, "Sara", email="sara@example.com")
    ana_copy = ana.customer(cid)
    bob_copy = bob.customer(cid)
    assert ana_copy.version == bob_copy.version
    ana.update_customer(
        cid,
        CustomerInput("Sara Ahmadi", emails=("sara@example.com",)),
        expected_version=ana_copy.version,
    )
    with pytest.raises(StaleEdit) as caught:
        bob.update_customer(
            cid,
            CustomerInput("Sara", emails=("sara@example.com",), city="Tehran"),
            expected_version=bob_copy.version,
        )
    current = caught.value.current
    assert caught.value.changed_by == "ana"
    assert current.name == "Sara Ahmadi" and current.version == ana_copy.version + 1
    # Nothing of Bob's was written, and Ana's change is intact.
    assert (bob.customer(cid).name, bob.customer(cid).city) == ("Sara Ahmadi", "")
    # Saving again from the current version goes through (Bob chose what to keep).
    bob.update_customer(
        cid,
        CustomerInput("Sara Ahmadi", emails=("sara@example.com",), city="Tehran"),
        expected_version=current.version,
    )
    final = ana.customer(cid)
    assert (final.name, final.city, final.updated_by) == ("Sara Ahmadi", "Tehran", "bob")


def test_a_stale_follow_up_change_is_caught(two: tuple[Workspace, Workspace]) -> None:
    ana, bob = two
    fid = bob.add_followup("Send the quote", NOON)
    seen = bob.followup(fid)
    ana.reschedule_followup(fid, NOON + dt.timedelta(days=2), expected_version=seen.version)
    with pytest.raises(StaleEdit) as caught:
        bob.complete_followup(fid, expected_version=seen.version)
    assert caught.value.changed_by == "ana"
    assert caught.value.current.due_at == NOON + dt.timedelta(days=2)
    assert bob.followup(fid).done_at is None
    bob.complete_followup(fid, expected_version=caught.value.current.version)
    assert ana.followup(fid).done_at is not None


def test_others_changes_are_noticed(two: tuple[Workspace, Workspace], backend: str) -> None:
    ana, bob = two
    feed = bob.change_feed()
    try:
        assert feed.poll() == set()
        cid = customer(ana, "New from Ana")
        touch(ana, cid)
        expected = {"*"} if backend == "sqlite" else {"customers", "events"}
        seen: set[str] = set()
        for _ in range(100):  # notifications arrive asynchronously on PostgreSQL
            seen |= feed.poll()
            if seen == expected:
                break
            time.sleep(0.05)
        assert seen == expected
        assert feed.poll() == set()
        if backend == "postgresql":
            bob.add_followup("Bob's own change", NOON)
            time.sleep(0.2)
            assert feed.poll() == set(), "one's own changes are not reported"
    finally:
        feed.close()


# --- merging a stale edit ---------------------------------------------------------------------

BASE = CustomerInput("Sara", "Ahmadi & Co", ("0912 111 2233",), ("sara@example.com",), "Tehran")


def test_merge_takes_each_side_s_own_changes_and_names_the_conflicts() -> None:
    mine = replace(BASE, city="Karaj", notes="prefers WhatsApp")
    theirs = replace(BASE, name="Sara Ahmadi", city="Shiraz")
    result = merge_edit(BASE, mine, theirs)
    assert result.mine == ("city", "notes")
    assert result.theirs == ("name", "city")
    assert result.conflicts == ("city",)
    # Without a choice a conflict keeps theirs: nothing of the other person's is lost.
    assert result.merged == replace(
        BASE, name="Sara Ahmadi", city="Shiraz", notes="prefers WhatsApp"
    )
    chosen = merge_edit(BASE, mine, theirs, {"city": "mine"}).merged
    assert chosen == replace(BASE, name="Sara Ahmadi", city="Karaj", notes="prefers WhatsApp")


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    same = replace(BASE, tags=("vip",))
    assert merge_edit(BASE, same, same).conflicts == ()


FIELD_VALUES = st.text(max_size=8)


@given(
    st.fixed_dictionaries(
        {n: FIELD_VALUES for n in ("name", "company", "city", "source", "notes")}
    ),
    st.fixed_dictionaries(
        {n: FIELD_VALUES for n in ("name", "company", "city", "source", "notes")}
    ),
)
def test_merge_never_drops_a_change_only_one_side_made(mine_values, theirs_values) -> None:
    mine = replace(BASE, **{k: v for k, v in mine_values.items() if v})
    theirs = replace(BASE, **{k: v for k, v in theirs_values.items() if v})
    result = merge_edit(BASE, mine, theirs)
    for name in ("name", "company", "city", "source", "notes"):
        got = getattr(result.merged, name)
        if name in result.conflicts:
            assert got == getattr(theirs, name)
        elif name in result.mine:
            assert got == getattr(mine, name)
        else:
            assert got == getattr(theirs, name)


def test_looking_at_mine_does_not_make_a_newcomer_a_user(db_url: str) -> None:
    ana = Workspace.open(db_url, user="ana")
    carol = Workspace.open(db_url, user="carol")
    try:
        fid = ana.add_followup("Ana's own", NOON)
        nobodys = ana.add_followup("Nobody's", NOON)
        ana.assign_followup(nobodys, "ana")
        later = NOON + dt.timedelta(days=1)
        assert carol.today(later, mine=True).overdue == []
        assert {f.id for f in carol.today(later).overdue} == {fid, nobodys}
        assert [u.name for u in ana.users()] == ["ana"], "reading wrote nothing"
    finally:
        ana.close()
        carol.close()
