"""The customer list: a page of customers searched, filtered and sorted in SQL, and its count.

The search index (``touchdesk.data.search``) says which customers match; on SQLite the page is
read by whichever of three plans is cheapest for how many match (see :func:`find`), with the same
rows in the same order. Functions take a session; the ``Workspace`` facade owns the sessions."""

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
)
from sqlalchemy.orm import Session

from touchdesk.catalog import STAGE_KEYS
from touchdesk.data import search
from touchdesk.data.models import Customer, Event, FollowUp, Tag
from touchdesk.data.records import CustomerRow
from touchdesk.formatting import utc_now

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
