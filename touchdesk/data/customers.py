"""Customers: create, edit, look up, delete softly, restore and merge (the list itself, searched and
sorted, is ``customer_list``). Functions take a session; the ``Workspace`` facade owns the
sessions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, selectinload

from touchdesk.catalog import STAGE_KEYS
from touchdesk.data import search
from touchdesk.data.models import Customer, CustomerEmail, CustomerPhone, Event, FollowUp, Tag
from touchdesk.data.records import (
    CustomerDetail,
    CustomerInput,
    NotFound,
    StaleEdit,
    ValidationError,
)
from touchdesk.data.team import user_label
from touchdesk.data.validation import clean_tags, clean_text, normalize_email, normalize_phone
from touchdesk.formatting import utc_now
from touchdesk.i18n import _


def validate(
    data: CustomerInput, region: str | None = None
) -> tuple[CustomerInput, list[tuple[str, str]], list[tuple[str, str]]]:
    """Check every field; returns the cleaned input with (display, normalised) phones and e-mails.

    Raises ``ValidationError`` naming each bad field, so a form can mark them all at once.
    """
    errors: dict[str, str] = {}
    fields: dict[str, str] = {}
    for name, value, required in (
        ("name", data.name, True),
        ("company", data.company, False),
        ("city", data.city, False),
        ("source", data.source, False),
        ("notes", data.notes, False),
    ):
        try:
            fields[name] = clean_text(value, _(name), required=required)
        except ValueError as exc:
            errors[name] = str(exc)
    phones: list[tuple[str, str]] = []
    for raw in data.phones:
        if not raw.strip():
            continue
        try:
            phone = normalize_phone(raw, region)
        except ValueError as exc:
            errors.setdefault("phone", str(exc))
            continue
        if phone.normalized not in {p[1] for p in phones}:
            phones.append((phone.display, phone.normalized))
    emails: list[tuple[str, str]] = []
    for raw in data.emails:
        if not raw.strip():
            continue
        try:
            normalized = normalize_email(raw)
        except ValueError as exc:
            errors.setdefault("email", str(exc))
            continue
        if normalized not in {e[1] for e in emails}:
            emails.append((raw.strip(), normalized))
    if errors:
        raise ValidationError(errors)
    cleaned = CustomerInput(
        name=fields["name"],
        company=fields["company"],
        phones=tuple(p[0] for p in phones),
        emails=tuple(e[0] for e in emails),
        city=fields["city"],
        source=fields["source"],
        tags=tuple(clean_tags(data.tags)),
        notes=fields["notes"],
    )
    return cleaned, phones, emails


def tag_key(name: str) -> str:
    """How tags are matched: Latin letters regardless of case, anything else exactly (the same
    rule the bulk writer uses, and never looser than the unique index on the name)."""
    return name.lower() if name.isascii() else name


def _tags(session: Session, names: list[str] | tuple[str, ...]) -> list[Tag]:
    if not names:
        return []
    ascii_keys = [tag_key(n) for n in names if n.isascii()]
    rows = session.scalars(
        select(Tag).where(or_(Tag.name.in_(list(names)), func.lower(Tag.name).in_(ascii_keys)))
    )
    existing: dict[str, Tag] = {}
    for tag in rows:
        existing[tag.name] = tag
        existing.setdefault(tag_key(tag.name), tag)
    result = []
    for name in names:
        found = existing.get(name) or existing.get(tag_key(name))
        if found is None:
            found = Tag(name=name)
            session.add(found)
            existing[name] = found
            existing.setdefault(tag_key(name), found)
        result.append(found)
    return result


def _apply(
    session: Session,
    customer: Customer,
    data: CustomerInput,
    phones: list[tuple[str, str]],
    emails: list[tuple[str, str]],
) -> None:
    customer.name = data.name
    customer.company = data.company
    customer.city = data.city
    customer.source = data.source
    customer.notes = data.notes
    customer.phone = phones[0][0] if phones else ""
    customer.email = emails[0][0] if emails else ""
    customer.phones = [
        CustomerPhone(number=d, normalized=n, position=i) for i, (d, n) in enumerate(phones)
    ]
    customer.emails = [
        CustomerEmail(address=d, normalized=n, position=i) for i, (d, n) in enumerate(emails)
    ]
    customer.tags = _tags(session, data.tags)


def reindex_customer(session: Session, customer: Customer) -> None:
    if customer.deleted_at is not None:
        search.reindex(session, customer.id, None)
        return
    body = search.index_body(
        customer.name,
        customer.company,
        customer.city,
        [t.name for t in customer.tags],
        [e.address for e in customer.emails],
        [(p.number, p.normalized) for p in customer.phones],
    )
    search.reindex(session, customer.id, body)


def create(
    session: Session,
    data: CustomerInput,
    region: str | None = None,
    *,
    now: dt.datetime | None = None,
    author_id: int | None = None,
) -> int:
    cleaned, phones, emails = validate(data, region)
    now = now or utc_now()
    customer = Customer(
        created_at=now,
        updated_at=now,
        stage_reached=-1,
        created_by_id=author_id,
        updated_by_id=author_id,
    )
    session.add(customer)
    _apply(session, customer, cleaned, phones, emails)
    session.flush()
    reindex_customer(session, customer)
    return customer.id


def load(
    session: Session, customer_id: int, *, include_deleted: bool = False, lock: bool = False
) -> Customer:
    """The customer with phones, e-mails and tags; ``lock`` holds its row until commit, so a
    version check and the save after it are one step (PostgreSQL locks the row; SQLite's write
    transactions already hold the whole database, and it ignores the request)."""
    customer = session.get(
        Customer,
        customer_id,
        with_for_update=lock,
        options=[
            selectinload(Customer.phones),
            selectinload(Customer.emails),
            selectinload(Customer.tags),
        ],
    )
    if customer is None or (customer.deleted_at is not None and not include_deleted):
        raise NotFound(_("customer {id} not found").format(id=customer_id))
    return customer


def _touched(customer: Customer, author_id: int | None) -> None:
    """Record a user's change: when, by whom, and a new version (so stale copies are caught)."""
    customer.updated_at = utc_now()
    if author_id is not None:
        customer.updated_by_id = author_id
    customer.version_id = (customer.version_id or 1) + 1


def update_customer(
    session: Session,
    customer_id: int,
    data: CustomerInput,
    region: str | None = None,
    *,
    expected_version: int | None = None,
    author_id: int | None = None,
) -> None:
    """Save an edit. With ``expected_version`` (the version the user's form was loaded at), a
    customer saved by someone else meanwhile raises ``StaleEdit`` with the current record."""
    cleaned, phones, emails = validate(data, region)
    customer = load(session, customer_id, lock=True)
    if expected_version is not None and customer.version_id != expected_version:
        raise StaleEdit(to_detail(customer, session), user_label(session, customer.updated_by_id))
    _apply(session, customer, cleaned, phones, emails)
    _touched(customer, author_id)
    session.flush()
    reindex_customer(session, customer)


def detail(session: Session, customer_id: int, *, include_deleted: bool = False) -> CustomerDetail:
    return to_detail(load(session, customer_id, include_deleted=include_deleted), session)


def to_detail(c: Customer, session: Session | None = None) -> CustomerDetail:
    """The plain record of a loaded customer (phones, e-mails and tags loaded with it); with a
    session, also who created and last changed it."""
    return CustomerDetail(
        id=c.id,
        name=c.name,
        company=c.company,
        phones=tuple(p.number for p in c.phones),
        emails=tuple(e.address for e in c.emails),
        city=c.city,
        source=c.source,
        tags=tuple(t.name for t in c.tags),
        notes=c.notes,
        created_at=c.created_at,
        updated_at=c.updated_at,
        last_event_at=c.last_event_at,
        stage_reached=c.stage_reached,
        deleted=c.deleted_at is not None,
        version=c.version_id or 1,
        created_by=user_label(session, c.created_by_id) if session else "",
        updated_by=user_label(session, c.updated_by_id) if session else "",
    )


def set_deleted(
    session: Session, customer_id: int, deleted: bool, *, author_id: int | None = None
) -> None:
    customer = load(session, customer_id, include_deleted=True)
    customer.deleted_at = utc_now() if deleted else None
    _touched(customer, author_id)
    session.flush()
    reindex_customer(session, customer)


def refresh_summary(session: Session, customer_id: int) -> None:
    """Recompute the list's denormalised columns (last contact, last outcome, stage reached)."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return
    last = session.execute(
        select(Event.occurred_at, Event.outcome, Event.resolution, Event.touchpoint)
        .where(Event.customer_id == customer_id)
        .order_by(Event.occurred_at.desc(), Event.id.desc())
        .limit(1)
    ).first()
    stages = set(
        session.scalars(select(Event.stage).where(Event.customer_id == customer_id).distinct())
    )
    customer.last_event_at = last.occurred_at if last else None
    customer.last_outcome = (last.resolution or last.outcome) if last else None
    customer.last_touchpoint = last.touchpoint if last else None
    customer.stage_reached = max(
        (STAGE_KEYS.index(s) for s in stages if s in STAGE_KEYS), default=-1
    )


def merge(session: Session, keep_id: int, other_id: int, *, author_id: int | None = None) -> None:
    """Fold ``other`` into ``keep``: every touchpoint, follow-up, phone, e-mail and tag moves; empty
    fields of ``keep`` take ``other``'s values; ``other`` is deleted softly and points at ``keep``."""
    if keep_id == other_id:
        raise ValidationError({"customer": _("cannot merge a customer with itself")})
    keep = load(session, keep_id)
    other = load(session, other_id)
    session.execute(update(Event).where(Event.customer_id == other_id).values(customer_id=keep_id))
    session.execute(
        update(FollowUp).where(FollowUp.customer_id == other_id).values(customer_id=keep_id)
    )
    for attr in ("company", "city", "source"):
        if not getattr(keep, attr) and getattr(other, attr):
            setattr(keep, attr, getattr(other, attr))
    if other.notes and other.notes not in keep.notes:
        keep.notes = (keep.notes + "\n\n" + other.notes).strip()
    known_phones = {p.normalized for p in keep.phones}
    for p in other.phones:
        if p.normalized not in known_phones:
            keep.phones.append(
                CustomerPhone(number=p.number, normalized=p.normalized, position=len(keep.phones))
            )
            known_phones.add(p.normalized)
    known_emails = {e.normalized for e in keep.emails}
    for e in other.emails:
        if e.normalized not in known_emails:
            keep.emails.append(
                CustomerEmail(address=e.address, normalized=e.normalized, position=len(keep.emails))
            )
            known_emails.add(e.normalized)
    for tag in other.tags:
        if tag not in keep.tags:
            keep.tags.append(tag)
    keep.phone = keep.phones[0].number if keep.phones else ""
    keep.email = keep.emails[0].address if keep.emails else ""
    _touched(keep, author_id)
    _touched(other, author_id)
    other.deleted_at = utc_now()
    other.merged_into_id = keep_id
    session.flush()
    refresh_summary(session, keep_id)
    refresh_summary(session, other_id)
    reindex_customer(session, keep)
    reindex_customer(session, other)


def find_by_email(session: Session, email: str) -> int | None:
    return session.execute(
        select(CustomerEmail.customer_id)
        .join(Customer)
        .where(CustomerEmail.normalized == email.strip().lower(), Customer.deleted_at.is_(None))
        .limit(1)
    ).scalar()


def find_by_phone(session: Session, normalized: str) -> int | None:
    return session.execute(
        select(CustomerPhone.customer_id)
        .join(Customer)
        .where(CustomerPhone.normalized == normalized, Customer.deleted_at.is_(None))
        .limit(1)
    ).scalar()


def find_by_name(session: Session, name: str) -> int | None:
    return session.execute(
        select(Customer.id)
        .where(Customer.name == name.strip(), Customer.deleted_at.is_(None))
        .order_by(Customer.id)
        .limit(1)
    ).scalar()


def all_tags(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).order_by(Tag.name)))
