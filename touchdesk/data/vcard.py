"""vCard files: reading contacts (2.1, 3.0 and 4.0 basics) and writing customers as vCard 3.0.

Parsing uses ``vobject``, the maintained vCard parser: it unfolds lines and unescapes values. What
it chokes on in real phone exports (quoted-printable soft line breaks, ``CHARSET=windows-1256`` and
other legacy charsets, raw 8-bit text, 2.1 ``PHOTO`` blocks) is cleaned first by
``touchdesk.data.contacts.vcard_text``. On top of it
this module maps a contact to a customer: FN (else the parts of N, else ORG) is the name, every TEL
and EMAIL is kept with the first mobile number first, CATEGORIES become tags, the city comes from
the first ADR, NOTE lines are joined, and PHOTO and anything else unknown is ignored. Line breaks in
text come back as ``\\n`` (vCard has no other line break), which is the one change a round trip
through vCard makes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import vobject

from touchdesk.data import csvfile
from touchdesk.data.contacts.vcard_text import TruncatedVCard, clean_vcard_text
from touchdesk.data.importing import CustomerRecord
from touchdesk.data.records import CustomerDetail, CustomerInput
from touchdesk.i18n import _

SOURCE_PROPERTY = "x-touchdesk-source"


def _text(value: Any) -> str:
    """A property value as one string (vobject gives lists for structured values)."""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    if isinstance(value, bytes):
        return ""
    return str(value or "").strip()


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _types(line: Any) -> set[str]:
    """The TYPE parameters of a line in any version (``TEL;CELL``, ``TYPE=cell,voice``)."""
    found = {p.lower() for p in getattr(line, "singletonparams", [])}
    for value in line.params.get("TYPE", []):
        found.update(part.strip().lower() for part in value.split(","))
    return found


def _name(card: Any) -> str:
    for line in _values(card, "fn"):
        if _text(line.value):
            return _text(line.value)
    for line in _values(card, "n"):
        n = line.value
        parts = [_text(getattr(n, attr, "")) for attr in ("prefix", "given", "additional")]
        parts += [_text(getattr(n, attr, "")) for attr in ("family", "suffix")]
        joined = " ".join(p for p in parts if p)
        if joined:
            return joined
    return ""


def _company(card: Any) -> str:
    for line in _values(card, "org"):
        value = line.value
        parts = value if isinstance(value, list) else [value]
        text = ", ".join(_text(p) for p in parts if _text(p))
        if text:
            return text
    return ""


def _phones(card: Any) -> list[str]:
    numbers: list[tuple[bool, str]] = []
    for line in _values(card, "tel"):
        number = _text(line.value)
        if number.lower().startswith("tel:"):
            number = number[4:]
        if number:
            numbers.append(("cell" in _types(line), number))
    mobile = next((n for is_cell, n in numbers if is_cell), None)
    ordered = [n for _cell, n in numbers]
    if mobile is not None:
        ordered.remove(mobile)
        ordered.insert(0, mobile)
    return ordered


def _city(card: Any) -> str:
    for line in _values(card, "adr"):
        city = _text(getattr(line.value, "city", ""))
        if city:
            return city
    return ""


def _tags(card: Any) -> list[str]:
    tags: list[str] = []
    for line in _values(card, "categories"):
        value = line.value
        tags.extend(v.strip() for v in (value if isinstance(value, list) else [value]) if v)
    return tags


def contact_to_input(card: Any) -> CustomerInput:
    """The customer a parsed vCard describes."""
    notes = [str(line.value).strip() for line in _values(card, "note") if _text(line.value)]
    return CustomerInput(
        name=_name(card) or _company(card),
        company=_company(card),
        phones=tuple(_phones(card)),
        emails=tuple(_text(line.value) for line in _values(card, "email") if _text(line.value)),
        city=_city(card),
        source=next((_text(x.value) for x in _values(card, SOURCE_PROPERTY)), ""),
        tags=tuple(_tags(card)),
        notes="\n".join(notes),
    )


def customer_cells(data: CustomerInput) -> tuple[str, ...]:
    """A customer as cells in the CSV customer columns (for the rejected-rows file)."""
    return (
        data.name,
        data.company,
        csvfile.join_list(data.emails),
        csvfile.join_list(data.phones),
        data.city,
        data.source,
        csvfile.join_list(data.tags),
        data.notes,
    )


def read_customers(path: str | os.PathLike[str]) -> list[CustomerRecord]:
    """Every contact of a vCard file, numbered from 1 in file order."""
    try:
        text = clean_vcard_text(Path(path).read_bytes())
    except TruncatedVCard as exc:
        raise ValueError(
            _("{file} is not a complete vCard file: {reason}").format(
                file=os.fspath(path), reason=exc
            )
        ) from None
    try:
        cards = [
            c
            for c in vobject.readComponents(text, ignoreUnreadable=True)
            if c.name.upper() == "VCARD"
        ]
    except Exception as exc:  # vobject raises several unrelated types on malformed input
        raise ValueError(
            _("{file} is not a readable vCard file: {reason}").format(
                file=os.fspath(path), reason=exc
            )
        ) from None
    records = []
    for number, card in enumerate(cards, start=1):
        data = contact_to_input(card)
        records.append(CustomerRecord(number, data, customer_cells(data)))
    return records


def customer_card(customer: CustomerDetail) -> Any:
    """A vCard 3.0 component for one customer."""
    card = vobject.vCard()
    card.add("fn").value = customer.name
    card.add("n").value = vobject.vcard.Name(given=customer.name)
    if customer.company:
        card.add("org").value = [customer.company]
    for number in customer.phones:
        card.add("tel").value = number
    for address in customer.emails:
        line = card.add("email")
        line.value = address
        line.type_param = "INTERNET"
    if customer.city:
        card.add("adr").value = vobject.vcard.Address(city=customer.city)
    if customer.notes:
        card.add("note").value = customer.notes
    if customer.tags:
        card.add("categories").value = list(customer.tags)
    if customer.source:
        card.add(SOURCE_PROPERTY).value = customer.source
    return card


def vcards_bytes(customers: Iterable[CustomerDetail]) -> bytes:
    """Customers as one multi-contact vCard 3.0 document (UTF-8, no byte-order mark)."""
    return "".join(customer_card(c).serialize() for c in customers).encode("utf-8")
