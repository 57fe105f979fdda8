"""Creating many customers quickly inside one transaction (imports).

``customers.create`` goes through the ORM unit of work, a tag query and a flush per customer, which
makes a 10,000-row import take a minute. Imports validate each row with the same
``customers.validate`` and then store them all here with one Core statement per table, keeping exactly
what ``customers.create`` keeps: the row with its main phone and e-mail mirrored, every phone and
e-mail with its normalised form and position, the tags, and the search-index entry.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from touchdesk.data import search
from touchdesk.data.customers import tag_key
from touchdesk.data.models import Base, Customer, CustomerEmail, CustomerPhone, Tag, customer_tags
from touchdesk.data.records import CustomerInput


def _table(model: type[Base]) -> Table:
    """A model's Core table (Core inserts skip the ORM's per-row bookkeeping)."""
    return cast(Table, model.__table__)


_tag_key = tag_key  # an exact name always wins, so exported tags come back unchanged


class CustomerWriter:
    """Collects validated customers and stores them all with one statement per table.

    Ids are handed out at once (the next free ones: the import holds the write lock from the start
    of its transaction, so nobody else can take them), which lets a touchpoint import match later
    rows to a customer created by an earlier row before anything is written.
    """

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self.session = session
        self.now = now
        self._next_id = (session.execute(select(func.max(Customer.id))).scalar() or 0) + 1
        self._first_id = self._next_id
        self._tags: dict[str, int] = {}
        for tid, name in session.execute(select(Tag.id, Tag.name).order_by(Tag.id)):
            self._tags[name] = tid
            self._tags.setdefault(_tag_key(name), tid)
        self._customers: list[dict[str, object]] = []
        self._phones: list[dict[str, object]] = []
        self._emails: list[dict[str, object]] = []
        self._links: list[dict[str, object]] = []
        self._index: list[dict[str, object]] = []

    def _tag_id(self, name: str) -> int:
        """The id of a tag by its exact name, else by ``_tag_key``, else a new tag."""
        found = self._tags.get(name) or self._tags.get(_tag_key(name))
        if found is None:
            found = self.session.execute(
                insert(Tag).values(name=name).returning(Tag.id)
            ).scalar_one()
            self._tags.setdefault(_tag_key(name), found)
        self._tags[name] = found
        return found

    def create(
        self,
        data: CustomerInput,
        phones: list[tuple[str, str]],
        emails: list[tuple[str, str]],
    ) -> int:
        """Queue one customer already cleaned by ``customers.validate``; returns its id."""
        cid = self._next_id
        self._next_id += 1
        self._customers.append(
            {
                "id": cid,
                "name": data.name,
                "company": data.company,
                "city": data.city,
                "source": data.source,
                "notes": data.notes,
                "phone": phones[0][0] if phones else "",
                "email": emails[0][0] if emails else "",
                "created_at": self.now,
                "updated_at": self.now,
                "stage_reached": -1,
            }
        )
        self._phones.extend(
            {"customer_id": cid, "number": d, "normalized": n, "label": "", "position": i}
            for i, (d, n) in enumerate(phones)
        )
        self._emails.extend(
            {"customer_id": cid, "address": d, "normalized": n, "label": "", "position": i}
            for i, (d, n) in enumerate(emails)
        )
        self._links.extend({"customer_id": cid, "tag_id": self._tag_id(t)} for t in data.tags)
        body = search.index_body(
            data.name, data.company, data.city, data.tags, [d for d, _n in emails], phones
        )
        self._index.append({"id": cid, "body": body})
        return cid

    def flush(self) -> None:
        """Write every queued customer (call before anything reads them back)."""
        if not self._customers:
            return
        s = self.session
        s.execute(insert(_table(Customer)), self._customers)
        for table, rows in (
            (_table(CustomerPhone), self._phones),
            (_table(CustomerEmail), self._emails),
            (customer_tags, self._links),
        ):
            if rows:
                s.execute(insert(table), rows)
        s.execute(text("DELETE FROM customer_fts WHERE rowid >= :first"), {"first": self._first_id})
        s.execute(text("INSERT INTO customer_fts(rowid, body) VALUES (:id, :body)"), self._index)
        for rows in (self._customers, self._phones, self._emails, self._links, self._index):
            rows.clear()
        self._first_id = self._next_id
