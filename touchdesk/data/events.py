"""Touchpoint events: logging (with reply deadlines, replies and follow-ups), the timeline, and
resolving decision points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from touchdesk.catalog import CHANNEL_KEYS, DIRECTION_KEYS, OUTCOME_KEYS, STAGE_KEYS
from touchdesk.data import customers
from touchdesk.data.models import Customer, Event, FollowUp, TouchpointType
from touchdesk.data.records import EventRow, NotFound, TouchpointInput, ValidationError
from touchdesk.data.validation import clean_text
from touchdesk.formatting import to_local, to_utc, utc_now
from touchdesk.i18n import _

# Touchpoints whose inbound contacts are requests that need a reply within the deadline.
REQUEST_TOUCHPOINTS = frozenset({"support_channels"})

# Hooks run inside the logging transaction after an event is stored (automation rules use it).
AfterLog = Callable[[Session, Event, bool], int]

# Logging writes through Core statements on the tables: a quick-log save is one write transaction
# of a few statements, and the ORM's unit of work (flush, identity map, attribute history) cost as
# much as the commit itself; the import logs thousands of rows the same way.
EVENTS = cast(Table, Event.__table__)
FOLLOWUPS = cast(Table, FollowUp.__table__)
CUSTOMERS = cast(Table, Customer.__table__)
TOUCHPOINT_TYPES = cast(Table, TouchpointType.__table__)
# Built once with bound parameters: building and cache-keying a statement per row cost more than
# running it (the import runs these for every row).
STAGE_OF = select(TOUCHPOINT_TYPES.c.stage).where(TOUCHPOINT_TYPES.c.key == bindparam("key"))
CUSTOMER_STATE = select(
    CUSTOMERS.c.deleted_at, CUSTOMERS.c.last_event_at, CUSTOMERS.c.stage_reached
).where(CUSTOMERS.c.id == bindparam("cid"))
INSERT_EVENT = insert(EVENTS)
INSERT_FOLLOWUP = insert(FOLLOWUPS)
UPDATE_SUMMARY = update(CUSTOMERS).where(CUSTOMERS.c.id == bindparam("cid"))


class Checked(NamedTuple):
    """A touchpoint that passed ``validate``: its catalog entry, cleaned note and the customer's
    current summary columns (read in the same query as the check that the customer exists)."""

    touchpoint: str
    stage: str
    note: str
    last_event_at: dt.datetime | None
    stage_reached: int


def is_request(touchpoint: str, outcome: str, direction: str) -> bool:
    """Sensitive moments of seed 000: inbound support requests and complaints."""
    return direction == "inbound" and (touchpoint in REQUEST_TOUCHPOINTS or outcome == "negative")


def validate(session: Session, data: TouchpointInput) -> Checked:
    """Check a touchpoint before it is stored; raises ``ValidationError`` naming each bad field."""
    errors: dict[str, str] = {}
    conn = session.connection()
    stage = conn.scalar(STAGE_OF, {"key": data.touchpoint})
    if stage is None:
        errors["touchpoint"] = _("unknown touchpoint: {value}").format(value=data.touchpoint)
    if data.channel not in CHANNEL_KEYS:
        errors["channel"] = _("unknown channel: {value}").format(value=data.channel)
    if data.outcome not in OUTCOME_KEYS:
        errors["outcome"] = _("unknown outcome: {value}").format(value=data.outcome)
    if data.direction not in DIRECTION_KEYS:
        errors["direction"] = _("unknown direction: {value}").format(value=data.direction)
    if data.amount_cents is not None and data.amount_cents < 0:
        errors["amount"] = _("an amount cannot be negative")
    if data.response_minutes is not None and data.response_minutes < 0:
        errors["response_minutes"] = _("a response time cannot be negative")
    note = ""
    try:
        note = clean_text(data.note, _("note"))
    except ValueError as exc:
        errors["note"] = str(exc)
    customer = conn.execute(CUSTOMER_STATE, {"cid": data.customer_id}).first()
    if customer is None or customer.deleted_at is not None:
        errors["customer"] = _("choose a customer")
    if data.follow_up is not None and not data.follow_up.title.strip():
        errors["follow_up"] = _("a follow-up needs a title")
    if errors:
        raise ValidationError(errors)
    assert stage is not None and customer is not None
    return Checked(data.touchpoint, stage, note, customer.last_event_at, customer.stage_reached)


def log(
    session: Session,
    data: TouchpointInput,
    *,
    deadline_hours: float,
    logged_by: str,
    author_id: int | None = None,
    hooks: tuple[AfterLog, ...] = (),
    historical: bool = False,
) -> tuple[int, int]:
    """Store one touchpoint; returns (event id, follow-ups created by it and by automation).

    The hooks get the stored event as a detached ``Event`` (its row is already in the database)."""
    checked = validate(session, data)
    conn = session.connection()
    now = utc_now()
    when = data.occurred_at or now
    event = Event(
        customer_id=data.customer_id,
        occurred_at=when,
        touchpoint=checked.touchpoint,
        channel=data.channel,
        stage=checked.stage,
        outcome=data.outcome,
        direction=data.direction,
        note=checked.note,
        amount_cents=data.amount_cents,
        reply_due_at=None,
        replied_at=None,
        response_minutes=None,
        logged_by=data.logged_by if data.logged_by is not None else logged_by,
        created_at=now,
        author_id=author_id,
    )
    if is_request(checked.touchpoint, data.outcome, data.direction) or (
        data.response_minutes is not None
    ):
        event.reply_due_at = when + dt.timedelta(hours=deadline_hours)
        if data.response_minutes is not None:
            event.response_minutes = data.response_minutes
            event.replied_at = when + dt.timedelta(minutes=data.response_minutes)
    values = {c.key: getattr(event, c.key) for c in EVENT_VALUES}
    key = conn.execute(INSERT_EVENT, values).inserted_primary_key
    assert key is not None
    event.id = key[0]
    if data.reply_to_id is not None:
        record_reply(session, data.reply_to_id, when, reply_event_id=event.id)
    created = 0
    if data.follow_up is not None:
        fu = data.follow_up
        if fu.due is not None:
            due = to_utc(dt.datetime.combine(fu.due, dt.time(9, 0)))
        else:
            local = to_local(when) + dt.timedelta(days=fu.days or 0)
            due = to_utc(local.replace(hour=9, minute=0, second=0) if fu.days else local)
        conn.execute(
            INSERT_FOLLOWUP,
            {
                "customer_id": data.customer_id,
                "title": fu.title.strip(),
                "due_at": due,
                "origin": "event",
                "event_id": event.id,
                "created_at": now,
                "author_id": author_id,
                "assignee_id": author_id,
            },
        )
        created += 1
    _update_customer_summary(session, event, checked)
    for hook in hooks:
        created += hook(session, event, historical)
    return event.id, created


# The columns ``log`` writes (the rest keep their defaults: no link, not resolved).
EVENT_VALUES = tuple(
    EVENTS.c[name]
    for name in (
        "customer_id",
        "occurred_at",
        "touchpoint",
        "channel",
        "stage",
        "outcome",
        "direction",
        "note",
        "amount_cents",
        "reply_due_at",
        "replied_at",
        "response_minutes",
        "logged_by",
        "created_at",
        "author_id",
    )
)


def _update_customer_summary(session: Session, event: Event, checked: Checked) -> None:
    """Keep the customer's denormalised last touchpoint and highest stage current (one UPDATE,
    only when something changes)."""
    values: dict[str, object] = {}
    if checked.last_event_at is None or event.occurred_at >= checked.last_event_at:
        values.update(
            last_event_at=event.occurred_at,
            last_outcome=event.outcome,
            last_touchpoint=event.touchpoint,
        )
    stage = STAGE_KEYS.index(event.stage)
    if stage > checked.stage_reached:
        values["stage_reached"] = stage
    if values:
        values["cid"] = event.customer_id
        session.connection().execute(UPDATE_SUMMARY, values)


def record_reply(
    session: Session, request_id: int, replied_at: dt.datetime, *, reply_event_id: int | None = None
) -> None:
    """Mark an inbound request answered at ``replied_at``; a reply logged as a touchpoint
    (``reply_event_id``) is linked to the request it answers."""
    request = session.get(Event, request_id)
    if request is None:
        raise NotFound(_("touchpoint {id} not found").format(id=request_id))
    if reply_event_id is not None:
        session.connection().execute(
            EVENTS.update().where(EVENTS.c.id == reply_event_id).values(reply_to_id=request_id)
        )
    if request.replied_at is not None:
        return
    request.replied_at = replied_at
    request.response_minutes = max(
        0, round((replied_at - request.occurred_at).total_seconds() / 60)
    )
    if request.reply_due_at is None:
        request.reply_due_at = request.occurred_at


def resolve_decision(session: Session, event_id: int, resolution: str | None) -> None:
    """Record which way a decision point went (``positive``/``negative``), or reopen it (``None``)."""
    if resolution not in ("positive", "negative", None):
        raise ValidationError({"resolution": _("a decision resolves to positive or negative")})
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(_("touchpoint {id} not found").format(id=event_id))
    if event.outcome != "decision":
        raise ValidationError({"outcome": _("only a decision point can be resolved")})
    event.resolution = resolution
    event.resolved_at = utc_now() if resolution else None
    customers.refresh_summary(session, event.customer_id)


def delete(session: Session, event_id: int) -> None:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(_("touchpoint {id} not found").format(id=event_id))
    for fu in session.scalars(select(FollowUp).where(FollowUp.event_id == event_id)):
        fu.event_id = None
    session.execute(
        EVENTS.update().where(EVENTS.c.reply_to_id == event_id).values(reply_to_id=None)
    )
    customer_id = event.customer_id
    session.delete(event)
    session.flush()
    customers.refresh_summary(session, customer_id)


def row_columns():
    return (
        Event.id,
        Event.customer_id,
        Customer.name,
        Event.occurred_at,
        Event.touchpoint,
        Event.channel,
        Event.stage,
        Event.outcome,
        Event.direction,
        Event.note,
        Event.amount_cents,
        Event.reply_due_at,
        Event.replied_at,
        Event.response_minutes,
        Event.resolution,
        Event.resolved_at,
        Event.logged_by,
    )


def timeline(
    session: Session, customer_id: int, *, limit: int | None = None, offset: int = 0
) -> list[EventRow]:
    """Every touchpoint of a customer across all channels, newest first (a page of it with
    ``offset``/``limit``, so a long history loads as the user scrolls)."""
    stmt = (
        select(*row_columns())
        .join(Customer, Customer.id == Event.customer_id)
        .where(Event.customer_id == customer_id)
        .order_by(Event.occurred_at.desc(), Event.id.desc())
    )
    if limit:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return [EventRow(*r) for r in session.execute(stmt)]


def get(session: Session, event_id: int) -> EventRow:
    row = session.execute(
        select(*row_columns())
        .join(Customer, Customer.id == Event.customer_id)
        .where(Event.id == event_id)
    ).first()
    if row is None:
        raise NotFound(_("touchpoint {id} not found").format(id=event_id))
    return EventRow(*row)


def pending_decisions(session: Session, limit: int = 500) -> list[EventRow]:
    stmt = (
        select(*row_columns())
        .join(Customer, Customer.id == Event.customer_id)
        .where(
            Event.outcome == "decision", Event.resolution.is_(None), Customer.deleted_at.is_(None)
        )
        .order_by(Event.occurred_at)
        .limit(limit)
    )
    return [EventRow(*r) for r in session.execute(stmt)]


def open_requests(
    session: Session,
    *,
    overdue_only: bool,
    now: dt.datetime,
    limit: int = 500,
    customer_id: int | None = None,
) -> list[EventRow]:
    stmt = (
        select(*row_columns())
        .join(Customer, Customer.id == Event.customer_id)
        .where(
            Event.reply_due_at.is_not(None),
            Event.replied_at.is_(None),
            Customer.deleted_at.is_(None),
        )
        .order_by(Event.reply_due_at)
        .limit(limit)
    )
    if overdue_only:
        stmt = stmt.where(Event.reply_due_at < now)
    if customer_id is not None:
        stmt = stmt.where(Event.customer_id == customer_id)
    return [EventRow(*r) for r in session.execute(stmt)]
