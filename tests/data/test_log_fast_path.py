"""Logging writes through Core statements for speed; these tests hold it to the plain ORM way of
logging (the code it replaced, kept here as the reference) and hold a CSV import to logging the
same rows one by one: every column of events and follow-ups and the customers' summary columns
must come out the same."""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from tests.helpers.factories import customer
from touchdesk import formatting
from touchdesk.catalog import STAGE_KEYS
from touchdesk.data import automation, events, team
from touchdesk.data.models import AutomationRule, Customer, Event, FollowUp, TouchpointType
from touchdesk.data.records import FollowUpRequest, TouchpointInput
from touchdesk.data.validation import clean_text
from touchdesk.data.workspace import Workspace
from touchdesk.planner.records import RuleDraft

NOW = dt.datetime(2026, 6, 1, 12, 0)
DEADLINE_HOURS = 4.0
USER = "Owner"
Spaces = tuple[Workspace, Workspace]
TOUCHPOINTS = (
    "sales_conversation",
    "ecommerce",
    "support_channels",
    "subscription_renewal",
    "thank_you",
    "social_media",
)
RULES = (
    RuleDraft("complaint", "Call back", "event", 0, "support_channels", None, "negative"),
    RuleDraft("after sale", "Ask how it went", "purchase", 3),
    RuleDraft("welcome", "Welcome pack", "first_purchase", 7, None, "during_purchase"),
    RuleDraft("renewal", "Renewal due", "subscription_end", 5, period_days=30),
    RuleDraft("aftercare", "Check in", "event", 14, None, "after_purchase", "positive"),
    RuleDraft("off", "Never", "event", 1, enabled=False),
)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of logging see the same "now" (creation times and historical cut-offs)."""
    monkeypatch.setattr(events, "utc_now", lambda: NOW)
    monkeypatch.setattr(automation, "utc_now", lambda: NOW)


@pytest.fixture
def pair(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Spaces]:
    """The database under test (SQLite or PostgreSQL) and a SQLite reference, alike: the same
    three customers, user name and automation rules."""
    reference = tmp_path / "reference.sqlite3"
    shutil.copyfile(request.getfixturevalue("db_path"), reference)  # fresh, like db_url
    # On PostgreSQL the user is the login unless named: name the same one on both.
    spaces = (Workspace.open(db_url, user=USER), Workspace.open(reference, user=USER))
    for ws in spaces:
        ws.set_setting("user_name", USER)
        for i in range(3):
            customer(ws, f"Customer {i}", email=f"c{i}@example.com")
        for draft in RULES:
            ws.save_rule(draft)
    yield spaces
    for ws in spaces:
        ws.close()


def reference_log(session: Session, data: TouchpointInput, historical: bool) -> int:
    """The ORM way of logging a valid touchpoint (add, flush, attribute changes), with the
    automation rules evaluated the same plain way; returns how many follow-ups it made."""
    tp = session.get(TouchpointType, data.touchpoint)
    assert tp is not None
    author = team.ensure_user(session, USER)
    when = data.occurred_at or NOW
    event = Event(
        customer_id=data.customer_id,
        occurred_at=when,
        touchpoint=tp.key,
        channel=data.channel,
        stage=tp.stage,
        outcome=data.outcome,
        direction=data.direction,
        note=clean_text(data.note, "note"),
        amount_cents=data.amount_cents,
        logged_by=data.logged_by if data.logged_by is not None else USER,
        created_at=NOW,
        author_id=author,
    )
    if events.is_request(tp.key, data.outcome, data.direction) or data.response_minutes is not None:
        event.reply_due_at = when + dt.timedelta(hours=DEADLINE_HOURS)
        if data.response_minutes is not None:
            event.response_minutes = data.response_minutes
            event.replied_at = when + dt.timedelta(minutes=data.response_minutes)
    session.add(event)
    session.flush()
    if data.reply_to_id is not None:
        event.reply_to_id = data.reply_to_id
        request = session.get(Event, data.reply_to_id)
        assert request is not None
        if request.replied_at is None:
            request.replied_at = when
            request.response_minutes = max(
                0, round((when - request.occurred_at).total_seconds() / 60)
            )
            if request.reply_due_at is None:
                request.reply_due_at = request.occurred_at
    created = 0
    if data.follow_up is not None:
        fu = data.follow_up
        if fu.due is not None:
            due = formatting.to_utc(dt.datetime.combine(fu.due, dt.time(9, 0)))
        else:
            local = formatting.to_local(when) + dt.timedelta(days=fu.days or 0)
            due = formatting.to_utc(local.replace(hour=9, minute=0, second=0) if fu.days else local)
        session.add(
            FollowUp(
                customer_id=data.customer_id,
                title=fu.title.strip(),
                due_at=due,
                origin="event",
                event_id=event.id,
                created_at=NOW,
                author_id=author,
                assignee_id=author,
            )
        )
        created += 1
    person = session.get(Customer, data.customer_id)
    assert person is not None
    if person.last_event_at is None or when >= person.last_event_at:
        person.last_event_at, person.last_outcome = when, data.outcome
        person.last_touchpoint = tp.key
    person.stage_reached = max(person.stage_reached, STAGE_KEYS.index(tp.stage))
    rules = session.scalars(
        select(AutomationRule).where(AutomationRule.enabled).order_by(AutomationRule.id)
    ).all()
    purchase = (data.amount_cents or 0) > 0
    for rule in rules:
        touchpoint = rule.touchpoint
        if rule.trigger == "subscription_end" and touchpoint is None:
            touchpoint = "subscription_renewal"
        if not (
            touchpoint in (None, event.touchpoint)
            and rule.stage in (None, event.stage)
            and rule.outcome in (None, event.outcome)
        ):
            continue
        if rule.trigger in ("purchase", "first_purchase") and not purchase:
            continue
        if rule.trigger == "first_purchase":
            earlier = session.scalar(
                select(Event.id).where(
                    Event.customer_id == event.customer_id,
                    Event.amount_cents > 0,
                    Event.id != event.id,
                    or_(
                        Event.occurred_at < when,
                        and_(Event.occurred_at == when, Event.id < event.id),
                    ),
                )
            )
            if earlier is not None:
                continue
        due = automation.due_at(rule, when)
        if historical and due < NOW:
            continue
        session.add(
            FollowUp(
                customer_id=event.customer_id,
                title=rule.title,
                due_at=due,
                origin="rule",
                event_id=event.id,
                assigned_to="",
                created_at=NOW,
                author_id=author,
                assignee_id=author,
            )
        )
        created += 1
    return created


def contents(ws: Workspace, *, typed: bool = False) -> dict[str, list[tuple[object, ...]]]:
    """Every column of events and follow-ups, and the customers' summary columns, in id order:
    as stored in the SQLite file, or (``typed``, to compare across engines) as the models read
    them."""
    queries = {
        "events": select(Event.__table__).order_by(Event.id),
        "followups": select(FollowUp.__table__).order_by(FollowUp.id),
        "customers": select(
            Customer.id,
            Customer.last_event_at,
            Customer.last_outcome,
            Customer.last_touchpoint,
            Customer.stage_reached,
        ).order_by(Customer.id),
    }
    if typed:
        with ws.db.read_engine.connect() as conn:
            return {name: [tuple(r) for r in conn.execute(q)] for name, q in queries.items()}
    assert ws.db.path is not None
    con = sqlite3.connect(ws.db.path)
    try:
        return {
            "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
            "followups": con.execute("SELECT * FROM followups ORDER BY id").fetchall(),
            "customers": con.execute(
                "SELECT id, last_event_at, last_outcome, last_touchpoint, stage_reached"
                " FROM customers ORDER BY id"
            ).fetchall(),
        }
    finally:
        con.close()


def same_contents(ws: Workspace, reference: Workspace) -> tuple[dict, dict]:
    """Both databases' contents, compared as stored when both are SQLite files."""
    typed = not ws.db.is_sqlite
    return contents(ws, typed=typed), contents(reference, typed=typed)


def random_touchpoints(seed: int, count: int) -> list[tuple[TouchpointInput, bool]]:
    """A mixed sequence: past and future times, ties, out of order, purchases, requests, replies,
    follow-ups asked for, historical and live logging."""
    rnd = random.Random(seed)
    start = dt.datetime(2026, 1, 1, 8, 0)
    made: list[tuple[TouchpointInput, bool]] = []
    for i in range(count):
        when: dt.datetime | None = start + dt.timedelta(hours=rnd.randrange(24 * 240))
        if made and rnd.random() < 0.15:
            when = made[-1][0].occurred_at
        elif rnd.random() < 0.1:
            when = None
        follow_up = rnd.choice(
            [
                None,
                None,
                FollowUpRequest(" Call again ", days=rnd.randrange(0, 9)),
                FollowUpRequest("Visit", due=dt.date(2026, 7, rnd.randrange(1, 29))),
            ]
        )
        reply_to = rnd.randrange(1, i + 1) if i and rnd.random() < 0.15 else None
        data = TouchpointInput(
            customer_id=rnd.randrange(1, 4),
            touchpoint=rnd.choice(TOUCHPOINTS),
            channel=rnd.choice(["phone", "email", "website"]),
            outcome=rnd.choice(["positive", "neutral", "negative", "decision"]),
            direction=rnd.choice(["inbound", "outbound"]),
            occurred_at=when,
            note=rnd.choice(["", " spaced note ", f"note {i}"]),
            amount_cents=rnd.choice([None, None, 0, 12_050, 99]),
            response_minutes=rnd.choice([None, None, None, 0, 95]),
            reply_to_id=reply_to,
            follow_up=follow_up,
            logged_by=rnd.choice([None, None, "Reza"]),
        )
        made.append((data, rnd.random() < 0.5))
    return made


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_logging_matches_the_plain_orm_way(pair: tuple[Workspace, Workspace], seed: int) -> None:
    fast, reference = pair
    author = fast.user_id()
    for data, historical in random_touchpoints(seed, 80):
        with fast.db.write() as s:
            _id, created = events.log(
                s,
                data,
                deadline_hours=DEADLINE_HOURS,
                logged_by=USER,
                author_id=author,
                hooks=(automation.after_log,),
                historical=historical,
            )
        with reference.db.write() as s:
            assert reference_log(s, data, historical) == created
    got, expected = same_contents(fast, reference)
    assert len(got["events"]) == 80
    assert any("rule" in row for row in got["followups"])
    assert got == expected


def test_quick_log_through_the_workspace_matches_the_orm_way(
    pair: tuple[Workspace, Workspace],
) -> None:
    fast, reference = pair
    for data, _historical in random_touchpoints(9, 30):
        fast.log_touchpoint(data)
        with reference.db.write() as s:
            reference_log(s, data, False)
    got, expected = same_contents(fast, reference)
    assert got == expected


def test_import_matches_logging_the_rows_one_by_one(
    pair: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    imported, by_hand = pair
    rnd = random.Random(5)
    rows = []
    for i in range(60):
        when = dt.datetime(2026, 1, 1, 9, 0) + dt.timedelta(hours=rnd.randrange(24 * 200))
        rows.append(
            [
                when.strftime("%Y-%m-%d %H:%M"),
                f"c{rnd.randrange(3)}@example.com",
                rnd.choice(TOUCHPOINTS),
                rnd.choice(["phone", "email"]),
                rnd.choice(["positive", "neutral", "negative", "decision"]),
                rnd.choice(["inbound", "outbound"]),
                rnd.choice(["", f"row {i}"]),
                rnd.choice(["", "120.5", "0"]),
                rnd.choice(["", "", "30"]),
            ]
        )
    rows.append(list(rows[10]))  # the same touchpoint twice in the file
    source = tmp_path / "touchpoints.csv"
    with source.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "date",
                "email",
                "touchpoint",
                "channel",
                "outcome",
                "direction",
                "note",
                "amount",
                "response_minutes",
            ]
        )
        out.writerows(rows)

    report = imported.import_touchpoints(source)

    emails = {f"c{i}@example.com": i + 1 for i in range(3)}
    followups = 0
    for date, email, tp, channel, outcome, direction, note, amount, minutes in rows[:-1]:
        data = TouchpointInput(
            customer_id=emails[email],
            touchpoint=tp,
            channel=channel,
            outcome=outcome,
            direction=direction,
            occurred_at=formatting.to_utc(formatting.parse_datetime(date)),
            note=note,
            amount_cents=formatting.parse_money(amount) if amount else None,
            response_minutes=int(minutes) if minutes else None,
        )
        with by_hand.db.write() as s:
            followups += events.log(
                s,
                data,
                deadline_hours=DEADLINE_HOURS,
                logged_by=USER,
                hooks=(automation.after_log,),
                historical=True,
            )[1]
    assert (report.imported, report.duplicates, report.rejected) == (60, 1, [])
    assert report.followups_created == followups > 0
    got, expected = same_contents(imported, by_hand)
    assert got == expected


def test_a_logged_reply_is_linked_to_its_request(workspace):
    import datetime as dt

    from tests.helpers.factories import customer
    from touchdesk.data.records import TouchpointInput

    cid = customer(workspace)
    request = workspace.log_touchpoint(
        TouchpointInput(
            cid,
            "support_channels",
            "phone",
            "negative",
            "inbound",
            occurred_at=dt.datetime(2026, 11, 2, 9),
        )
    )
    workspace.log_touchpoint(
        TouchpointInput(
            cid,
            "support_channels",
            "phone",
            "positive",
            "outbound",
            occurred_at=dt.datetime(2026, 11, 2, 10, 30),
            reply_to_id=request,
        )
    )
    with workspace.db.read() as s:
        from sqlalchemy import select

        from touchdesk.data.models import Event

        rows = {e.id: (e.reply_to_id, e.response_minutes) for e in s.scalars(select(Event))}
    reply = next(v for k, v in rows.items() if k != request)
    assert reply[0] == request
    assert rows[request][1] == 90
