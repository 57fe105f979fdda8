"""Customer fields a column of a contacts file can hold, guessing them from header names (English
and Persian), and turning one row into a :class:`CustomerInput` under a column mapping.

A mapping is one field key per column (``""`` = ignore). Several columns may hold the same field:
name parts are joined, phones, e-mails and tags are all kept, notes are joined line by line, and
for company, city and source the first filled cell wins. Mobile numbers go first, so the first
mobile becomes the customer's main phone, as with vCards. A phone column paired with a type column
(Google's "Phone 1 - Value" and "Phone 1 - Type"/"Label") counts as mobile when its type says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from touchdesk.data import csvfile
from touchdesk.data.records import CustomerInput
from touchdesk.i18n import N_, _
from touchdesk.textnorm import fold

IGNORE = ""
# (key, label) in the order the mapping dialog offers them; labels are translated when shown.
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", N_("Name")),
    ("given_name", N_("First name")),
    ("middle_name", N_("Middle name")),
    ("family_name", N_("Last name")),
    ("company", N_("Company")),
    ("mobile", N_("Mobile")),
    ("phone", N_("Phone")),
    ("phone_type", N_("Phone type")),
    ("email", N_("E-mail")),
    ("city", N_("City")),
    ("source", N_("Source")),
    ("tags", N_("Tags")),
    ("notes", N_("Notes")),
)
FIELD_KEYS = frozenset(key for key, _label in FIELDS)
NAME_FIELDS = ("name", "given_name", "middle_name", "family_name")
MOBILE_WORDS = ("mobile", "cell", "موبایل", "همراه")
# Google's built-in group every contact is in: not a label the user gave.
SYSTEM_LABELS = frozenset({"* mycontacts", "mycontacts"})
_SEPARATORS = re.compile(r"\s*(?::::|;|،)\s*")
_VALUE_HEADER = re.compile(r"^(.*?)\s*-\s*value$", re.IGNORECASE)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "display name",
        "contact",
        "contact name",
        "customer",
        "customer name",
        "نام",
        "نام و نام خانوادگی",
        "نام کامل",
        "نام مشتری",
        "مشتری",
        "اسم",
    ),
    "given_name": ("first name", "given name", "firstname", "forename", "نام کوچک"),
    "middle_name": ("middle name", "additional name", "نام میانی"),
    "family_name": (
        "last name",
        "family name",
        "surname",
        "lastname",
        "نام خانوادگی",
        "فامیلی",
        "فامیل",
    ),
    "company": (
        "company",
        "organization",
        "organisation",
        "business",
        "company name",
        "organization name",
        "شرکت",
        "نام شرکت",
        "سازمان",
        "فروشگاه",
    ),
    "mobile": (
        "mobile",
        "mobile phone",
        "mobile number",
        "cell",
        "cell phone",
        "cellphone",
        "موبایل",
        "همراه",
        "تلفن همراه",
        "شماره همراه",
        "شماره موبایل",
    ),
    "phone": (
        "phone",
        "telephone",
        "tel",
        "phone number",
        "number",
        "work phone",
        "home phone",
        "تلفن",
        "شماره",
        "شماره تلفن",
        "تلفن ثابت",
    ),
    "email": ("email", "e-mail", "mail", "email address", "ایمیل", "پست الکترونیک", "رایانامه"),
    "city": ("city", "town", "شهر"),
    "source": ("source", "lead source", "referral", "منبع", "ارجاع", "معرف"),
    "tags": (
        "tags",
        "tag",
        "labels",
        "label",
        "categories",
        "category",
        "group",
        "groups",
        "برچسب",
        "برچسب‌ها",
        "برچسبها",
        "دسته",
        "دسته‌بندی",
        "گروه",
    ),
    "notes": (
        "notes",
        "note",
        "comment",
        "comments",
        "description",
        "یادداشت",
        "یادداشت‌ها",
        "یادداشتها",
        "توضیحات",
        "توضیح",
    ),
}
# Words that, inside a longer header, say which field it is (checked in this order).
_CONTAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("email", "e-mail", "ایمیل")),
    ("mobile", ("mobile", "cell", "موبایل", "همراه")),
    ("phone", ("phone", "tel", "تلفن")),
    ("company", ("company", "organization", "شرکت")),
    ("city", ("city", "شهر")),
    ("tags", ("label", "tag", "categor", "برچسب")),
    ("notes", ("note", "یادداشت")),
)


def header_key(header: str) -> str:
    """A header as matched against the synonyms: letters folded, case, spaces and dashes gone."""
    return re.sub(r"[\s\-_.:*]+", "", fold(header).casefold())


_LOOKUP = {header_key(word): key for key, words in _SYNONYMS.items() for word in words}


def field_label(key: str) -> str:
    """The translated label of a field key (``"Ignore"`` for the empty key)."""
    if key == IGNORE:
        return _("Ignore")
    return _(dict(FIELDS)[key])


def guess_field(header: str) -> str:
    """The field a header most likely holds, or ``IGNORE``."""
    key = header_key(header)
    if not key:
        return IGNORE
    if key in _LOOKUP:
        return _LOOKUP[key]
    folded = fold(header).casefold()
    for field, words in _CONTAINS:
        if any(word in folded for word in words):
            return field
    return IGNORE


def guess_fields(headers: Sequence[str]) -> tuple[str, ...]:
    """A field for every column. «نام» next to a «نام خانوادگی» column is the first name, alone it
    is the whole name."""
    fields = [guess_field(h) for h in headers]
    if "family_name" in fields:
        fields = [
            "given_name" if f == "name" and header_key(h) in {"نام", "name"} else f
            for f, h in zip(fields, headers, strict=True)
        ]
    return tuple(fields)


def split_values(cell: str) -> list[str]:
    """Several values in one cell: ``;`` (escaped as our exports do), Google's `` ::: `` or the
    Persian comma."""
    values: list[str] = []
    for part in csvfile.split_list(cell):
        values.extend(v for v in _SEPARATORS.split(part) if v.strip())
    return [v.strip() for v in values]


def clean_tags(values: list[str]) -> list[str]:
    """Tags without Google's system label, ``* Starred`` kept as ``Starred``."""
    tags = []
    for value in values:
        if value.casefold() in SYSTEM_LABELS:
            continue
        tags.append(value.lstrip("* ").strip() or value)
    return tags


def type_columns(headers: Sequence[str], fields: Sequence[str]) -> dict[int, int]:
    """For each phone column ("Phone 1 - Value") its type column ("Phone 1 - Type" or "- Label")."""
    by_header = {csvfile.normalize_header(h): i for i, h in enumerate(headers)}
    pairs: dict[int, int] = {}
    for i, (header, field) in enumerate(zip(headers, fields, strict=True)):
        match = _VALUE_HEADER.match(header.strip())
        if field not in ("phone", "mobile") or not match:
            continue
        for word in ("type", "label"):
            j = by_header.get(csvfile.normalize_header(f"{match.group(1)} - {word}"))
            if j is not None and fields[j] == "phone_type":
                pairs[i] = j
    return pairs


def row_to_input(
    cells: Sequence[str], fields: Sequence[str], types: dict[int, int] | None = None
) -> CustomerInput:
    """The customer one row describes under a mapping (see the module docstring)."""
    types = types or {}
    found: dict[str, list[str]] = {}
    mobiles: list[str] = []
    for i, field in enumerate(fields):
        if field in (IGNORE, "phone_type") or i >= len(cells) or not cells[i].strip():
            continue
        cell = cells[i].strip()
        if field in ("phone", "mobile", "email", "tags"):
            values = split_values(cell)
            kind = cells[types[i]].casefold() if i in types and types[i] < len(cells) else ""
            if field == "mobile" or any(word in kind for word in MOBILE_WORDS):
                mobiles.extend(values)
            else:
                found.setdefault(field, []).extend(values)
        else:
            found.setdefault(field, []).append(cell)
    name = " ".join(found.get("name", []))
    if not name:
        name = " ".join(v for f in NAME_FIELDS[1:] for v in found.get(f, []))
    company = next(iter(found.get("company", [])), "")
    return CustomerInput(
        name=name or company,
        company=company,
        phones=tuple(mobiles + found.get("phone", [])),
        emails=tuple(found.get("email", [])),
        city=next(iter(found.get("city", [])), ""),
        source=next(iter(found.get("source", [])), ""),
        tags=tuple(clean_tags(found.get("tags", []))),
        notes="\n".join(found.get("notes", [])).replace("\r\n", "\n").replace("\r", "\n"),
    )
