"""Follow-up tasks: add, complete, reopen, list; and the Today lists built from them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, exists, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from touchdesk.data.models import Customer, Event, FollowUp, User
from touchdesk.data.records import (
    FollowUpRow,
    LosingTouchRow,
    NotFound,
    StaleEdit,
    ValidationError,
)
from touchdesk.data.team import user_label
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
    author_id: int | None = None,
    assignee_id: int | None = None,
) -> int:
    """Add a follow-up; it is the author's to do unless assigned to someone else."""
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
        author_id=author_id,
        assignee_id=assignee_id if assignee_id is not None else author_id,
    )
    session.add(fu)
    session.flush()
    return fu.id


def _editable(
    session: Session, followup_id: int, expected_version: int | None, author_id: int | None
) -> FollowUp:
    """The follow-up, locked for the change; ``StaleEdit`` if it changed since ``expected_version``."""
    # FOR UPDATE locks the row on PostgreSQL; SQLite (whole-database write lock) ignores it.
    fu = session.scalar(select(FollowUp).where(FollowUp.id == followup_id).with_for_update())
    if fu is None:
        raise NotFound(_("follow-up {id} not found").format(id=followup_id))
    if expected_version is not None and fu.version_id != expected_version:
        changed_by = user_label(session, fu.updated_by_id or fu.author_id)
        raise StaleEdit(one(session, followup_id), changed_by)
    fu.version_id = (fu.version_id or 1) + 1
    if author_id is not None:
        fu.updated_by_id = author_id
    return fu


def set_done(
    session: Session,
    followup_id: int,
    done: bool,
    *,
    expected_version: int | None = None,
    author_id: int | None = None,
) -> None:
    fu = _editable(session, followup_id, expected_version, author_id)
    fu.done_at = utc_now() if done else None


def assign(
    session: Session,
    followup_id: int,
    assignee_id: int,
    *,
    expected_version: int | None = None,
    author_id: int | None = None,
) -> None:
    fu = _editable(session, followup_id, expected_version, author_id)
    fu.assignee_id = assignee_id
    fu.assigned_to = user_label(session, assignee_id)


def delete(session: Session, followup_id: int) -> None:
    """Remove a follow-up (undoing the touchpoint that created it)."""
    fu = session.get(FollowUp, followup_id)
    if fu is not None:
        session.delete(fu)


def reschedule(
    session: Session,
    followup_id: int,
    due_at: dt.datetime,
    *,
    expected_version: int | None = None,
    author_id: int | None = None,
) -> None:
    fu = _editable(session, followup_id, expected_version, author_id)
    fu.due_at = due_at


_ASSIGNEE = aliased(User, name="assignee")
_AUTHOR = aliased(User, name="author")


def _columns():
    return (
        FollowUp.id,
        FollowUp.customer_id,
        Customer.name,
        FollowUp.title,
        FollowUp.due_at,
        FollowUp.done_at,
        FollowUp.origin,
        FollowUp.event_id,
        func.coalesce(_ASSIGNEE.display_name, ""),
        func.coalesce(_AUTHOR.display_name, ""),
        FollowUp.version_id,
    )


def _select():
    return (
        select(*_columns())
        .outerjoin(Customer, Customer.id == FollowUp.customer_id)
        .outerjoin(_ASSIGNEE, _ASSIGNEE.id == FollowUp.assignee_id)
        .outerjoin(_AUTHOR, _AUTHOR.id == FollowUp.author_id)
    )


def mine(user_id: int):
    """A follow-up is mine when it is assigned to me, or to nobody and not someone else's."""
    return or_(
        FollowUp.assignee_id == user_id,
        and_(
            FollowUp.assignee_id.is_(None),
            or_(FollowUp.author_id.is_(None), FollowUp.author_id == user_id),
        ),
    )


def one(session: Session, followup_id: int) -> FollowUpRow:
    row = session.execute(_select().where(FollowUp.id == followup_id)).first()
    if row is None:
        raise NotFound(_("follow-up {id} not found").format(id=followup_id))
    return FollowUpRow(row[0], row[1], row[2] or "", *row[3:])


def _visible():
    return (FollowUp.customer_id.is_(None)) | (Customer.deleted_at.is_(None))


def open_followups(
    session: Session,
    *,
    customer_id: int | None = None,
    due_before: dt.datetime | None = None,
    due_from: dt.datetime | None = None,
    limit: int = 1000,
    user_id: int | None = None,
) -> list[FollowUpRow]:
    """Open follow-ups, soonest due first (only ``user_id``'s when given, see :func:`mine`)."""
    # For one customer, coalesce keeps SQLite on the customer index rather than the open-due
    # index (see customer_list._open_followups_count).
    is_open = (
        func.coalesce(FollowUp.done_at, literal_column("0")) == literal_column("0")
        if customer_id is not None and session.get_bind().dialect.name == "sqlite"
        else FollowUp.done_at.is_(None)
    )
    stmt = _select().where(is_open, _visible()).order_by(FollowUp.due_at, FollowUp.id).limit(limit)
    if user_id is not None:
        stmt = stmt.where(mine(user_id))
    if customer_id is not None:
        stmt = stmt.where(FollowUp.customer_id == customer_id)
    if due_before is not None:
        stmt = stmt.where(FollowUp.due_at < due_before)
    if due_from is not None:
        stmt = stmt.where(FollowUp.due_at >= due_from)
    return [FollowUpRow(r[0], r[1], r[2] or "", *r[3:]) for r in session.execute(stmt)]


def all_followups(session: Session, *, customer_id: int | None = None) -> list[FollowUpRow]:
    stmt = _select().order_by(FollowUp.due_at, FollowUp.id)
    if customer_id is not None:
        stmt = stmt.where(FollowUp.customer_id == customer_id)
    return [FollowUpRow(r[0], r[1], r[2] or "", *r[3:]) for r in session.execute(stmt)]


def losing_touch(
    session: Session, *, days: int, now: dt.datetime, limit: int = 200
) -> list[LosingTouchRow]:
    """Customers who bought and have had no contact for ``days`` days, the most recently lost
    first (the ones still easiest to win back)."""
    cutoff = now - dt.timedelta(days=days)
    purchased = exists().where(and_(Event.customer_id == Customer.id, Event.amount_cents > 0))
    stmt = (
        select(Customer.id, Customer.name, Customer.last_event_at)
        .where(Customer.deleted_at.is_(None), Customer.last_event_at < cutoff, purchased)
        .order_by(Customer.last_event_at.desc())
        .limit(limit)
    )
    # The WHERE excludes customers never contacted; the filter only tells the type checker so.
    return [
        LosingTouchRow(cid, name, last, (now - last).days)
        for cid, name, last in session.execute(stmt)
        if last is not None
    ]
