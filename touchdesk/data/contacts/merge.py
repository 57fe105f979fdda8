"""Contacts that are already customers: who owns which e-mail and phone, and merging a contact
into the customer it duplicates.

A contact duplicates a customer when one of its normalised e-mails or phones belongs to that
customer (e-mails are checked first: they are personal, phones are sometimes shared by a shop).
Merging keeps everything the customer has and adds what the contact brings: new phones, e-mails
and tags, its notes (unless the customer's notes already hold them), and company, city and source
where the customer has none.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from touchdesk.data import customers
from touchdesk.data.models import Customer, CustomerEmail, CustomerPhone
from touchdesk.data.records import CustomerDetail, CustomerInput, ValidationError

SKIP = "skip"
MERGE = "merge"
NEW = "new"
DUPLICATE_MODES = (SKIP, MERGE, NEW)


class Owners:
    """Normalised e-mails and phones of every customer not deleted, with the customer's id."""

    def __init__(self, session: Session) -> None:
        self.emails: dict[str, int] = {}
        self.phones: dict[str, int] = {}
        for table, column in (
            (self.emails, CustomerEmail.normalized),
            (self.phones, CustomerPhone.normalized),
        ):
            rows = session.execute(
                select(column, Customer.id)
                .join(Customer)
                .where(Customer.deleted_at.is_(None))
                .order_by(Customer.id)
            )
            for normalized, cid in rows:
                table.setdefault(normalized, cid)

    def owner(self, emails: set[str], phones: set[str]) -> int | None:
        """The customer one of these e-mails (first) or phones belongs to, if any."""
        for normalized in sorted(emails):
            if normalized in self.emails:
                return self.emails[normalized]
        for normalized in sorted(phones):
            if normalized in self.phones:
                return self.phones[normalized]
        return None

    def add(self, customer_id: int, emails: set[str], phones: set[str]) -> None:
        """Remember contacts that now belong to ``customer_id`` (earlier owners keep theirs)."""
        for normalized in emails:
            self.emails.setdefault(normalized, customer_id)
        for normalized in phones:
            self.phones.setdefault(normalized, customer_id)


def merged_input(current: CustomerDetail, new: CustomerInput) -> CustomerInput:
    """The customer after taking in what ``new`` adds (see the module docstring)."""
    notes = current.notes
    if new.notes and new.notes not in notes:
        notes = f"{notes}\n{new.notes}" if notes else new.notes
    return CustomerInput(
        name=current.name,
        company=current.company or new.company,
        phones=(*current.phones, *new.phones),
        emails=(*current.emails, *new.emails),
        city=current.city or new.city,
        source=current.source or new.source,
        tags=(*current.tags, *new.tags),
        notes=notes,
    )


def merge_into(session: Session, customer_id: int, new: CustomerInput, region: str | None) -> bool:
    """Add a contact's details to an existing customer (validated like any edit); returns whether
    anything changed. A contact that adds nothing (the same export imported again) writes
    nothing, so merging a whole file of known contacts stays quick."""
    current = customers.detail(session, customer_id)
    merged = merged_input(current, new)
    before = CustomerInput(
        name=current.name,
        company=current.company,
        phones=current.phones,
        emails=current.emails,
        city=current.city,
        source=current.source,
        tags=current.tags,
        notes=current.notes,
    )
    cleaned_merged, merged_phones, merged_emails = customers.validate(merged, region)
    try:
        cleaned_before, before_phones, before_emails = customers.validate(before, region)
    except ValidationError:
        cleaned_before, before_phones, before_emails = before, [], []
    same = (
        cleaned_merged == cleaned_before
        and [n for _d, n in merged_phones] == [n for _d, n in before_phones]
        and [n for _d, n in merged_emails] == [n for _d, n in before_emails]
    )
    if same:
        return False
    customers.update_customer(session, customer_id, merged, region)
    return True
