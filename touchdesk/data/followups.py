"""Follow-up tasks: add, complete, reopen, list; and the Today lists built from them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, exists, func, literal_column, select
from sqlalchemy.orm import Session

from touchdesk.data.models import Customer, Event, FollowUp
from touchdesk.data.records import FollowUpRow, LosingTouchRow, NotFound, ValidationError
from touchdesk.data.validation import clean_text
from touchdesk.formatting import utc_now
from touchdesk.i18n import _

ORIGINS = ("manual", "event", "rule", "plan", "import")


def add(
    session: Session,
    title: str,
    due_at: dt.datetime,
    *,
    customer_id: int | None = None,
    origin: str = "manual",
    event_id: int | None = None,
    assigned_to: str = "",
) -> int:
    try:
        clean = clean_text(title, _("title"), required=True, limit=2000)
    except ValueError as exc:
        raise ValidationError({"title": str(exc)}) from None
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    if customer_id is not None:
        customer = session.get(Customer, customer_id)
        if customer is None or customer.deleted_at is not None:
            raise ValidationError({"customer": _("choose a customer")})
    fu = FollowUp(
        customer_id=customer_id,
        title=clean,
        due_at=due_at,
        origin=origin,
        event_id=event_id,
        assigned_to=assigned_to,
        created_at=utc_now(),
    )
    session.add(fu)
    session.flush()
    return fu.id


def set_done(session: Session, followup_id: int, done: bool) -> None:
    fu = session.get(FollowUp, followup_id)
    if fu is None:
        raise NotFound(_("follow-up {id} not found").format(id=followup_id))
    fu.done_at = utc_now() if done else None


def delete(session: Session, followup_id: int) -> None:
    """Remove a follow-up (undoing the touchpoint that created it)."""
    fu = session.get(FollowUp, followup_id)
    if fu is not None:
        session.delete(fu)


def reschedule(session: Session, followup_id: int, due_at: dt.datetime) -> None:
    fu = session.get(FollowUp, followup_id)
    if fu is None:
        raise NotFound(_("follow-up {id} not found").format(id=followup_id))
    fu.due_at = due_at


def _columns():  # type: ignore[no-untyped-def]
    return (
        FollowUp.id,
        FollowUp.customer_id,
        Customer.name,
        FollowUp.title,
        FollowUp.due_at,
        FollowUp.done_at,
        FollowUp.origin,
        FollowUp.event_id,
    )


def _visible():  # type: ignore[no-untyped-def]
    return (FollowUp.customer_id.is_(None)) | (Customer.deleted_at.is_(None))


def open_followups(
    session: Session,
    *,
    customer_id: int | None = None,
    due_before: dt.datetime | None = None,
    due_from: dt.datetime | None = None,
    limit: int = 1000,
) -> list[FollowUpRow]:
    # For one customer, coalesce keeps SQLite on the customer index rather than the open-due
    # index (see customers._open_followups_count).
    is_open = (
        FollowUp.done_at.is_(None)
        if customer_id is None
        else func.coalesce(FollowUp.done_at, literal_column("0")) == literal_column("0")
    )
    stmt = (
        select(*_columns())
        .outerjoin(Customer, Customer.id == FollowUp.customer_id)
        .where(is_open, _visible())
        .order_by(FollowUp.due_at, FollowUp.id)
        .limit(limit)
    )
    if customer_id is not None:
        stmt = stmt.where(FollowUp.customer_id == customer_id)
    if due_before is not None:
        stmt = stmt.where(FollowUp.due_at < due_before)
    if due_from is not None:
        stmt = stmt.where(FollowUp.due_at >= due_from)
    return [FollowUpRow(r[0], r[1], r[2] or "", *r[3:]) for r in session.execute(stmt)]


def all_followups(session: Session, *, customer_id: int | None = None) -> list[FollowUpRow]:
    stmt = (
        select(*_columns())
        .outerjoin(Customer, Customer.id == FollowUp.customer_id)
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    if customer_id is not None:
        stmt = stmt.where(FollowUp.customer_id == customer_id)
    return [FollowUpRow(r[0], r[1], r[2] or "", *r[3:]) for r in session.execute(stmt)]


def losing_touch(
    session: Session, *, days: int, now: dt.datetime, limit: int = 200
) -> list[LosingTouchRow]:
    """Customers who bought and have had no contact for ``days`` days, longest silence first."""
    cutoff = now - dt.timedelta(days=days)
    purchased = exists().where(and_(Event.customer_id == Customer.id, Event.amount_cents > 0))
    stmt = (
        select(Customer.id, Customer.name, Customer.last_event_at)
        .where(Customer.deleted_at.is_(None), Customer.last_event_at < cutoff, purchased)
        .order_by(Customer.last_event_at.desc())
        .limit(limit)
    )
    return [
        LosingTouchRow(cid, name, last, (now - last).days)
        for cid, name, last in session.execute(stmt)
    ]
