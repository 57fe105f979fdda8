"""Exporting customers (CSV or vCard 3.0) and touchpoints (CSV) in the exact form import reads back.

Customers: the import columns; extra phones and e-mails ride in the phone and e-mail cells,
``;``-separated with the main one first, as tags do. Touchpoints: local ``YYYY-MM-DD HH:MM`` dates
(with ``:SS`` only when a time has seconds, so nothing is rounded away), stable keys, plain amounts,
and the customer's name, main e-mail and main phone so the import finds the same customer again.
Deleted customers and their touchpoints are left out. Files are replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from touchdesk.data import csvfile, vcard
from touchdesk.data.customers import to_detail
from touchdesk.data.import_touchpoints import TOUCHPOINT_COLUMNS
from touchdesk.data.importing import CUSTOMER_COLUMNS
from touchdesk.data.models import Customer, Event
from touchdesk.data.records import CustomerDetail
from touchdesk.formatting import money_to_plain, to_local, to_utc
from touchdesk.i18n import _

_BATCH = 1000


def customer_details(session: Session) -> Iterator[CustomerDetail]:
    """Every customer not deleted, with phones, e-mails and tags, in the order they were added."""
    stmt = (
        select(Customer)
        .where(Customer.deleted_at.is_(None))
        .order_by(Customer.id)
        .options(
            selectinload(Customer.phones),
            selectinload(Customer.emails),
            selectinload(Customer.tags),
        )
        .execution_options(yield_per=_BATCH)
    )
    for c in session.scalars(stmt):
        yield to_detail(c)


def customer_row(c: CustomerDetail) -> tuple[str, ...]:
    """A customer in the CSV customer columns."""
    return (
        c.name,
        c.company,
        csvfile.join_list(c.emails),
        csvfile.join_list(c.phones),
        c.city,
        c.source,
        csvfile.join_list(c.tags),
        c.notes,
    )


def export_customers(session: Session, path: str | os.PathLike[str]) -> int:
    """Write every customer to ``path`` (``.vcf`` → vCard 3.0, otherwise CSV); returns the count."""
    details = list(customer_details(session))
    if Path(path).suffix.lower() in (".vcf", ".vcard"):
        csvfile.write_atomic(path, vcard.vcards_bytes(details))
    else:
        csvfile.write_csv(path, CUSTOMER_COLUMNS, (customer_row(c) for c in details))
    return len(details)


def local_timestamp(value_utc: dt.datetime) -> str:
    """A stored UTC time as local ``YYYY-MM-DD HH:MM``, with seconds only when it has some."""
    local = to_local(value_utc)
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def export_touchpoints(
    session: Session,
    path: str | os.PathLike[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> int:
    """Write touchpoints from local day ``start`` to local day ``end`` (both included, either open)
    to a CSV file, oldest first; returns how many were written."""
    if start and end and start > end:
        raise ValueError(_("the start date is after the end date"))
    stmt = (
        select(Event, Customer.name, Customer.email, Customer.phone)
        .join(Customer, Customer.id == Event.customer_id)
        .where(Customer.deleted_at.is_(None))
        .order_by(Event.occurred_at, Event.id)
        .execution_options(yield_per=_BATCH)
    )
    if start:
        stmt = stmt.where(Event.occurred_at >= to_utc(dt.datetime.combine(start, dt.time())))
    if end:
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        stmt = stmt.where(Event.occurred_at < to_utc(after))
    rows = [
        (
            local_timestamp(e.occurred_at),
            name,
            email,
            phone,
            e.touchpoint,
            e.channel,
            e.outcome,
            e.direction,
            e.note,
            "" if e.amount_cents is None else money_to_plain(e.amount_cents),
            "" if e.response_minutes is None else str(e.response_minutes),
        )
        for e, name, email, phone in session.execute(stmt)
    ]
    csvfile.write_csv(path, TOUCHPOINT_COLUMNS, rows)
    return len(rows)
