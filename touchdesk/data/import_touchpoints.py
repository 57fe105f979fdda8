"""Importing touchpoints from CSV: each row is read, checked, matched to a customer (by e-mail, then
phone, then exact name; an unknown customer is created) and logged through the same code as a
touchpoint typed in the app, marked historical so automation knows it is an import. All rows go in
one transaction; a row identical to a touchpoint already stored (or to an earlier row) is skipped as
a duplicate, so importing the same file twice does not double the history.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from touchdesk import catalog, formatting, i18n
from touchdesk import settings as app_settings
from touchdesk.data import csvfile, customers, events
from touchdesk.data.customer_bulk import CustomerWriter
from touchdesk.data.importing import (
    Columns,
    Discard,
    Outcome,
    map_columns,
    require_rows,
    too_many_cells,
)
from touchdesk.data.models import Customer, CustomerEmail, CustomerPhone, Event
from touchdesk.data.records import CustomerInput, ImportReport, TouchpointInput, ValidationError
from touchdesk.data.validation import normalize_email, normalize_phone
from touchdesk.formatting import utc_now
from touchdesk.i18n import _
from touchdesk.textnorm import fold

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

TOUCHPOINT_COLUMNS = (
    "date",
    "customer",
    "email",
    "phone",
    "touchpoint",
    "channel",
    "outcome",
    "direction",
    "note",
    "amount",
    "response_minutes",
)


@cache
def _term_names(kind: str, lang: str) -> dict[str, str]:
    """Folded key, English name, Persian name and shown name of each term → its key."""
    persian = i18n.translation_for("fa")  # the Persian names whatever the language shown
    names: dict[str, str] = {}
    for term in catalog.terms(kind):
        for name in (term.key, term.name, persian.gettext(term.name), term.label):
            names.setdefault(fold(name), term.key)
    return names


def term_key(kind: str, text: str) -> str | None:
    """A channel, outcome or direction key from its key or its English or Persian name."""
    return _term_names(kind, i18n.get_language()).get(fold(text.strip()))


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A touchpoint row after reading: the customer keys and the event minus its customer id."""

    row: int
    cells: tuple[str, ...]
    name: str
    emails: tuple[tuple[str, str], ...]  # (as written, normalised)
    phones: tuple[tuple[str, str], ...]
    event: TouchpointInput


def _parse_row(
    row: int,
    cells: Sequence[str],
    columns: Columns,
    touchpoint_key: Callable[[str], str | None],
    region: str | None,
) -> ParsedRow | list[tuple[str, str]]:
    """A checked row, or the list of (field, reason) that make it bad."""
    get = columns.cell
    errors: list[tuple[str, str]] = []
    occurred: dt.datetime | None = None
    if not get(cells, "date").strip():
        errors.append(("date", _("a date is needed")))
    else:
        try:
            occurred = formatting.to_utc(formatting.parse_datetime(get(cells, "date")))
        except ValueError as exc:
            errors.append(("date", str(exc)))
    keys: dict[str, str] = {}
    for name, default in (
        ("touchpoint", ""),
        ("channel", ""),
        ("outcome", "neutral"),
        ("direction", "outbound"),
    ):
        value = get(cells, name).strip()
        if not value:
            if default:
                keys[name] = default
            else:
                errors.append((name, _("a {field} is needed").format(field=name)))
            continue
        key = touchpoint_key(value) if name == "touchpoint" else term_key(name, value)
        if key is None:
            errors.append((name, _("unknown {field}: {value}").format(field=name, value=value)))
        else:
            keys[name] = key
    amount: int | None = None
    if get(cells, "amount").strip():
        try:
            amount = formatting.parse_money(get(cells, "amount"))
        except ValueError as exc:
            errors.append(("amount", str(exc)))
    minutes: int | None = None
    if get(cells, "response_minutes").strip():
        try:
            number = formatting.parse_number(get(cells, "response_minutes"))
            if number < 0 or number != int(number):
                raise ValueError(_("use a whole number of minutes, 0 or more"))
            minutes = int(number)
        except ValueError as exc:
            errors.append(("response_minutes", str(exc)))
    emails: list[tuple[str, str]] = []
    for raw in csvfile.split_list(get(cells, "email")):
        try:
            emails.append((raw, normalize_email(raw)))
        except ValueError as exc:
            errors.append(("email", str(exc)))
    phones: list[tuple[str, str]] = []
    for raw in csvfile.split_list(get(cells, "phone")):
        try:
            phone = normalize_phone(raw, region)
            phones.append((phone.display, phone.normalized))
        except ValueError as exc:
            errors.append(("phone", str(exc)))
    name = get(cells, "customer").strip()
    if not (name or emails or phones or errors):
        errors.append(("customer", _("name, e-mail or phone of the customer is needed")))
    if errors:
        return errors
    event = TouchpointInput(
        customer_id=0,
        touchpoint=keys["touchpoint"],
        channel=keys["channel"],
        outcome=keys["outcome"],
        direction=keys["direction"],
        occurred_at=occurred,
        note=get(cells, "note"),
        amount_cents=amount,
        response_minutes=minutes,
    )
    return ParsedRow(row, tuple(cells), name, tuple(emails), tuple(phones), event)


class CustomerIndex:
    """Customers by normalised e-mail, normalised phone and exact name, kept current as the import
    creates new ones (loaded once: a query per row would make large files slow)."""

    def __init__(self, session: Session) -> None:
        alive = Customer.deleted_at.is_(None)
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        query = select(CustomerEmail.normalized, CustomerEmail.customer_id).join(Customer)
        for key, cid in session.execute(query.where(alive).order_by(CustomerEmail.id)):
            self.by_email.setdefault(key, cid)
        query = select(CustomerPhone.normalized, CustomerPhone.customer_id).join(Customer)
        for key, cid in session.execute(query.where(alive).order_by(CustomerPhone.id)):
            self.by_phone.setdefault(key, cid)
        for name, cid in session.execute(
            select(Customer.name, Customer.id).where(alive).order_by(Customer.id)
        ):
            self.by_name.setdefault(name, cid)

    def find(self, row: ParsedRow) -> int | None:
        for _display, email in row.emails:
            if email in self.by_email:
                return self.by_email[email]
        for _display, normalized in row.phones:
            if normalized in self.by_phone:
                return self.by_phone[normalized]
        return self.by_name.get(row.name) if row.name else None

    def add(self, cid: int, row: ParsedRow, name: str) -> None:
        for _display, email in row.emails:
            self.by_email.setdefault(email, cid)
        for _display, normalized in row.phones:
            self.by_phone.setdefault(normalized, cid)
        self.by_name.setdefault(name, cid)


EventKey = tuple[int, dt.datetime, str, str, str, str, str, int | None]


def _event_key(event: TouchpointInput) -> EventKey:
    assert event.occurred_at is not None
    return (
        event.customer_id,
        event.occurred_at,
        event.touchpoint,
        event.channel,
        event.outcome,
        event.direction,
        event.note.strip(),
        event.amount_cents,
    )


def stored_event_keys(
    session: Session, customer_ids: set[int], start: dt.datetime, end: dt.datetime
) -> set[EventKey]:
    """Keys of the stored touchpoints of these customers between two times (duplicate checks)."""
    keys: set[EventKey] = set()
    ids = sorted(customer_ids)
    for i in range(0, len(ids), 500):
        query = select(
            Event.customer_id,
            Event.occurred_at,
            Event.touchpoint,
            Event.channel,
            Event.outcome,
            Event.direction,
            Event.note,
            Event.amount_cents,
        ).where(
            Event.customer_id.in_(ids[i : i + 500]),
            Event.occurred_at >= start,
            Event.occurred_at <= end,
        )
        keys.update(tuple(r) for r in session.execute(query))  # type: ignore[misc]
    return keys


def import_touchpoints(
    ws: Workspace,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    strict: bool = False,
    hooks: tuple[events.AfterLog, ...] = (),
) -> ImportReport:
    """Import touchpoints from a CSV file (see the module docstring); ``hooks`` are the
    workspace's after-log hooks, run for every row with ``historical=True``."""
    table = csvfile.read_table(path)
    require_rows(table, path)
    columns = map_columns(table.headers, TOUCHPOINT_COLUMNS)
    missing = [c for c in ("date", "touchpoint", "channel") if c not in columns.index]
    if not {"customer", "email", "phone"} & columns.index.keys():
        missing.append("customer / email / phone")
    if missing:
        raise ValueError(
            _("the file lacks the column(s) {names} (its columns: {columns})").format(
                names=", ".join(missing), columns=", ".join(table.headers)
            )
        )
    region = ws.setting("phone_region") or None
    resolved: dict[str, str | None] = {}

    def touchpoint_key(text: str) -> str | None:
        if text not in resolved:
            resolved[text] = ws.resolve_touchpoint(text)
        return resolved[text]

    outcome = Outcome()
    parsed: list[ParsedRow] = []
    for row, cells in table.rows:
        if too_many_cells(cells, table.headers):
            outcome.reject(row, [("row", _("more cells than columns"))], cells)
            continue
        result = _parse_row(row, cells, columns, touchpoint_key, region)
        if isinstance(result, ParsedRow):
            parsed.append(result)
        else:
            outcome.reject(row, result, cells)
    deadline = float(ws.setting("reply_deadline_hours"))
    user = ws.setting("user_name") or app_settings.default("user_name")
    committed = False
    try:
        with ws.db.write() as s:
            index = CustomerIndex(s)
            writer = CustomerWriter(s, utc_now())
            matched: list[tuple[ParsedRow, TouchpointInput]] = []
            for item in parsed:
                cid = index.find(item)
                if cid is None:
                    name = item.name or (item.emails or item.phones)[0][0]
                    data = CustomerInput(
                        name=name,
                        phones=tuple(p[0] for p in item.phones),
                        emails=tuple(e[0] for e in item.emails),
                    )
                    try:
                        cleaned, phones, emails = customers.validate(data, region)
                    except ValidationError as exc:
                        outcome.reject(item.row, exc.errors.items(), item.cells)
                        continue
                    cid = writer.create(cleaned, phones, emails)
                    index.add(cid, item, cleaned.name)
                    outcome.customers_created += 1
                matched.append((item, replace(item.event, customer_id=cid)))
            writer.flush()
            times = [e.occurred_at for _item, e in matched if e.occurred_at is not None]
            seen = (
                stored_event_keys(s, {e.customer_id for _i, e in matched}, min(times), max(times))
                if times
                else set()
            )
            for item, event in matched:
                key = _event_key(event)
                if key in seen:
                    outcome.duplicates += 1
                    continue
                try:
                    _event_id, created = events.log(
                        s,
                        event,
                        deadline_hours=deadline,
                        logged_by=user,
                        hooks=hooks,
                        historical=True,
                    )
                except ValidationError as exc:
                    outcome.reject(item.row, exc.errors.items(), item.cells)
                    continue
                seen.add(key)
                outcome.imported += 1
                outcome.followups_created += created
            if dry_run or (strict and outcome.rejected):
                raise Discard
        committed = True
    except Discard:
        pass
    return outcome.report(
        unknown=columns.unknown,
        reject_headers=table.headers,
        source=path,
        dry_run=dry_run,
        committed=committed,
        delimiter=table.delimiter,
    )
