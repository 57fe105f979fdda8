"""Customers: create, edit, find, delete softly, restore and merge. Functions take a session; the
``Workspace`` facade owns the sessions."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session, selectinload

from touchdesk.catalog import STAGE_KEYS
from touchdesk.data import search
from touchdesk.data.models import Customer, CustomerEmail, CustomerPhone, Event, FollowUp, Tag
from touchdesk.data.records import (
    CustomerDetail,
    CustomerInput,
    CustomerRow,
    NotFound,
    StaleEdit,
    ValidationError,
)
from touchdesk.data.team import user_label
from touchdesk.data.validation import clean_tags, clean_text, normalize_email, normalize_phone
from touchdesk.formatting import utc_now
from touchdesk.i18n import _

SORT_KEYS = ("name", "company", "phone", "last_touchpoint", "last_event_at", "open_followups")
# Sort keys with an index on ``customers`` (``ix_customers_name``, ``ix_customers_last_event_at``).
INDEXED_SORTS = ("name", "last_event_at")
# From this many matches on, SQLite reads a search page by walking the sort order's index (see
# ``_walks_sort_index``); below it, from the search index's matches.
MANY_MATCHES = 3000
# A name-sorted search where this share of customers or more match tests customers one by one
# (see ``_probed_page``) down to a bound: ``PROBE_MARGIN`` times as far down the list as the
# sampled share says the page ends, plus ``PROBE_SLACK`` rows, and never more than ``MAX_PROBES``.
DENSE_SHARE = 0.5
PROBE_MARGIN = 1.5
PROBE_SLACK = 50
MAX_PROBES = 700


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


def _open_followups_count(dialect: str, customer_id: ColumnElement[int] | None = None):
    """Open follow-ups of the customer on each row (``customer_id``, by default the customers
    table's id), counted only for the rows of the page (a grouped subquery would count every open
    follow-up of the database on every keystroke).
    On SQLite ``coalesce`` keeps the planner on the customer index: with ``done_at`` mostly
    distinct timestamps its statistics make ``done_at IS NULL`` look selective, and it is not."""
    if dialect == "sqlite":
        still_open = func.coalesce(FollowUp.done_at, literal_column("0")) == literal_column("0")
    else:
        still_open = FollowUp.done_at.is_(None)
    if customer_id is None:
        return (
            select(func.count())
            .where(FollowUp.customer_id == Customer.id, still_open)
            .correlate(Customer)
            .scalar_subquery()
        )
    return (
        select(func.count())
        .where(FollowUp.customer_id == customer_id, still_open)
        .scalar_subquery()
    )


def _walks_sort_index(session: Session, query: str, sort: str, only_search: bool) -> bool:
    """Whether a SQLite search page is read by walking the sort order's index, keeping the rows
    whose id is among the matches, until the page is full.

    SQLite otherwise starts from the matches: it reads every matching customer and sorts them all
    for one page. On the 100,000-customer demo that is 50-75 ms for one- and two-letter prefixes
    (up to 96,000 matches) and about 10 ms for 2,000 scattered ones. The walk costs the set of
    matches (about 0.3 us each) plus the index entries passed before the page is full: 5-30 ms for
    those same searches, and at worst (every match late in the order) the whole index, 20-40 ms.
    Below ``MANY_MATCHES`` starting from the matches is cheaper. Other filters keep the plan
    SQLite picks, since they may thin the walk out."""
    return (
        sort in INDEXED_SORTS
        and only_search
        and session.get_bind().dialect.name == "sqlite"
        and search.matches_at_least(session, query, MANY_MATCHES)
    )


def _filtered(
    query: str,
    tag: str | None,
    stage: str | None,
    attention: bool,
    now: dt.datetime,
    dialect: str,
    *,
    walk: bool = False,
):
    """The list's WHERE clause; with ``walk`` the search is a test on each row (``id + 0`` keeps
    SQLite from looking the matches up by id, so it walks the sort order's index instead)."""
    conditions: list[ColumnElement[bool]] = [Customer.deleted_at.is_(None)]
    ids = search.matching_ids(query, dialect) if query else None
    if query and ids is None:
        conditions.append(false())
    if ids is not None:
        member = Customer.id + literal_column("0") if walk else Customer.id
        conditions.append(member.in_(ids))
    if tag:
        conditions.append(Customer.tags.any(func.lower(Tag.name) == tag.lower()))
    if stage:
        conditions.append(Customer.stage_reached >= STAGE_KEYS.index(stage))
    if attention:
        conditions.append(
            or_(
                exists().where(
                    and_(
                        FollowUp.customer_id == Customer.id,
                        FollowUp.done_at.is_(None),
                        FollowUp.due_at < now,
                    )
                ),
                exists().where(
                    and_(
                        Event.customer_id == Customer.id,
                        Event.outcome == "decision",
                        Event.resolution.is_(None),
                    )
                ),
                exists().where(
                    and_(
                        Event.customer_id == Customer.id,
                        Event.reply_due_at < now,
                        Event.replied_at.is_(None),
                    )
                ),
            )
        )
    return and_(*conditions)


def find(
    session: Session,
    query: str = "",
    *,
    tag: str | None = None,
    stage: str | None = None,
    needs_attention: bool = False,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[CustomerRow]:
    """A page of the customer list, searched, filtered and sorted in SQL."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    now = utc_now()
    dialect = session.get_bind().dialect.name
    walk = bool(query) and _walks_sort_index(
        session, query, sort, not (tag or stage or needs_attention)
    )
    if walk and sort == "name":
        page = _probed_page(session, query, descending, offset, limit)
        if page is not None:
            return page
    where = _filtered(query, tag, stage, needs_attention, now, dialect, walk=walk)
    return _page(session, where, sort, descending, offset, limit)


_ROW_COLUMNS = (
    Customer.id,
    Customer.name,
    Customer.company,
    Customer.phone,
    Customer.email,
    Customer.last_event_at,
    Customer.last_outcome,
    Customer.last_touchpoint,
)


def _page(
    session: Session,
    where: ColumnElement[bool],
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[CustomerRow]:
    """One page of rows in the list's order. The open follow-ups are counted after the page is
    chosen, for its rows alone: counted in the same SELECT, SQLite counts them for every row it
    sorts (2,000 matching customers: 12 ms a page instead of 14). Sorting by that count needs it
    for every row anyway."""
    dialect = session.get_bind().dialect.name

    def ordered(columns: Any, key: ColumnElement[Any]) -> list[ColumnElement[Any]]:
        order = key.desc() if descending else key.asc()
        if sort in ("last_event_at", "last_touchpoint"):
            order = order.nulls_last() if descending else order.nulls_first()
        return [order, columns.id.desc() if descending else columns.id]

    if sort == "open_followups":
        open_count = _open_followups_count(dialect)
        stmt = (
            select(*_ROW_COLUMNS, open_count)
            .where(where)
            .order_by(*ordered(Customer, open_count))
            .offset(offset)
            .limit(limit)
        )
    else:
        rows = (
            select(*_ROW_COLUMNS)
            .where(where)
            .order_by(*ordered(Customer, getattr(Customer, sort)))
            .offset(offset)
            .limit(limit)
            .subquery("page")
        )
        stmt = select(*rows.c, _open_followups_count(dialect, rows.c.id)).order_by(
            *ordered(rows.c, rows.c[sort])
        )
    return [CustomerRow(*row) for row in session.execute(stmt)]


def _probed_page(
    session: Session, query: str, descending: bool, offset: int, limit: int
) -> list[CustomerRow] | None:
    """A name-sorted search page read by testing customers one by one in name order against the
    search index, or ``None`` when that does not pay or did not fill the page.

    When most customers match (one-letter and digit prefixes: 50-97% of the demo's), gathering
    every match for the walk is most of its cost (20-35 ms for 80,000-96,000 matches), while a
    test costs one seek per word (about 35 us; only for words the prefix indexes hold): 9 ms for
    '0' instead of 30. The tests stop at the page's end or at a bound, the row ``PROBE_MARGIN``
    times as far down the list as the sampled share of matches says the page ends; when matches
    lie further down than that (they bunch up by name), at most ``MAX_PROBES`` tests are spent
    before the walk takes over."""
    if not search.probes_are_cheap(query):
        return None
    share = search.sampled_share(session, query)
    if share <= 0 or share < DENSE_SHARE:
        return None
    window = math.ceil(PROBE_MARGIN * (offset + limit) / share) + PROBE_SLACK
    if window > MAX_PROBES:
        return None
    order = (
        (Customer.name.desc(), Customer.id.desc()) if descending else (Customer.name, Customer.id)
    )
    bound = session.execute(
        select(Customer.name, Customer.id)
        .where(Customer.deleted_at.is_(None))
        .order_by(*order)
        .offset(window - 1)
        .limit(1)
    ).first()
    conditions = [Customer.deleted_at.is_(None), search.row_matches(query, Customer.id)]
    if bound is not None:
        position = tuple_(Customer.name, Customer.id)
        edge = tuple_(literal(bound.name), literal(bound.id))
        conditions.append(position >= edge if descending else position <= edge)
    page = _page(session, and_(*conditions), "name", descending, offset, limit)
    return page if bound is None or len(page) == limit else None


def count(
    session: Session,
    query: str = "",
    *,
    tag: str | None = None,
    stage: str | None = None,
    needs_attention: bool = False,
) -> int:
    where = _filtered(
        query, tag, stage, needs_attention, utc_now(), session.get_bind().dialect.name
    )
    return session.execute(select(func.count()).select_from(Customer).where(where)).scalar_one()


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
