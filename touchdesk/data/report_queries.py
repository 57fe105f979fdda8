"""Queries the printed reports need beyond the analytics: the period's touchpoints page by page
(the monthly appendix), the outcome mix of each touchpoint (the aggregate journey map) and how many
follow-ups due in a period were done on time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from touchdesk.data.events import row_columns
from touchdesk.data.models import Customer, Event, FollowUp
from touchdesk.data.records import EventRow
from touchdesk.formatting import to_local


def events_page(
    session: Session,
    lo: dt.datetime,
    hi: dt.datetime,
    *,
    after: tuple[dt.datetime, int] | None = None,
    limit: int = 2000,
) -> list[EventRow]:
    """Touchpoints in ``[lo, hi)`` (UTC) in time order, the ``limit`` after the key ``after``
    (``(occurred_at, id)`` of the last row of the previous page): keyset paging stays fast deep
    into a month of many thousands."""
    stmt = (
        select(*row_columns())
        .join(Customer, Customer.id == Event.customer_id)
        .where(Event.occurred_at >= lo, Event.occurred_at < hi)
        .order_by(Event.occurred_at, Event.id)
        .limit(limit)
    )
    if after is not None:
        stmt = stmt.where(tuple_(Event.occurred_at, Event.id) > tuple_(*after))
    return [EventRow(*r) for r in session.execute(stmt)]


def touchpoint_outcomes(
    session: Session, lo: dt.datetime, hi: dt.datetime
) -> dict[str, dict[str, int]]:
    """Touchpoint key → outcome (as logged) → touchpoints in ``[lo, hi)``."""
    rows = session.execute(
        select(Event.touchpoint, Event.outcome, func.count())
        .where(Event.occurred_at >= lo, Event.occurred_at < hi)
        .group_by(Event.touchpoint, Event.outcome)
    )
    mix: dict[str, dict[str, int]] = {}
    for touchpoint, outcome, n in rows:
        mix.setdefault(touchpoint, {})[outcome] = n
    return mix


def followups_on_time(session: Session, lo: dt.datetime, hi: dt.datetime) -> tuple[int, int, int]:
    """Follow-ups due in ``[lo, hi)``: (due, done, done on time), where on time means done no
    later than the local day it was due."""
    due = done = on_time = 0
    rows = session.execute(
        select(FollowUp.due_at, FollowUp.done_at)
        .outerjoin(Customer, Customer.id == FollowUp.customer_id)
        .where(
            FollowUp.due_at >= lo,
            FollowUp.due_at < hi,
            FollowUp.customer_id.is_(None) | Customer.deleted_at.is_(None),
        )
    )
    for due_at, done_at in rows:
        due += 1
        if done_at is not None:
            done += 1
            if to_local(done_at).date() <= to_local(due_at).date():
                on_time += 1
    return due, done, on_time
