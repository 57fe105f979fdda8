"""Google Contacts and Outlook CSV exports, recognised from their header rows and mapped to
customer fields without asking.

Google writes two layouts: the older one ("Name", "Given Name", "Family Name", "Organization 1 -
Name", "Phone 1 - Type", "Group Membership"/"Labels") and the newer one ("First Name", "Last Name",
"Organization Name", "Phone 1 - Label", "Labels"); both number their e-mails, phones and addresses
("E-mail 2 - Value"). Outlook writes fixed English column names ("First Name", "Middle Name",
"Last Name", "Company", "E-mail Address", "Mobile Phone", "Business Phone", "Categories"...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from touchdesk.data.contacts.fields import IGNORE

GOOGLE = "google"
OUTLOOK = "outlook"

_GOOGLE_FIXED = {
    "name": "name",
    "given name": "given_name",
    "additional name": "middle_name",
    "family name": "family_name",
    "first name": "given_name",
    "middle name": "middle_name",
    "last name": "family_name",
    "organization 1 - name": "company",
    "organization name": "company",
    "labels": "tags",
    "group membership": "tags",
    "notes": "notes",
}
_GOOGLE_NUMBERED = (
    (re.compile(r"^e-mail \d+ - value$"), "email"),
    (re.compile(r"^phone \d+ - value$"), "phone"),
    (re.compile(r"^phone \d+ - (type|label)$"), "phone_type"),
    (re.compile(r"^address \d+ - city$"), "city"),
)
_OUTLOOK_FIXED = {
    "first name": "given_name",
    "middle name": "middle_name",
    "last name": "family_name",
    "company": "company",
    "e-mail address": "email",
    "e-mail 2 address": "email",
    "e-mail 3 address": "email",
    "mobile phone": "mobile",
    "business phone": "phone",
    "business phone 2": "phone",
    "home phone": "phone",
    "home phone 2": "phone",
    "primary phone": "phone",
    "company main phone": "phone",
    "other phone": "phone",
    "car phone": "mobile",
    "categories": "tags",
    "notes": "notes",
    "business city": "city",
    "home city": "city",
    "other city": "city",
}


def _keys(headers: Sequence[str]) -> list[str]:
    return [h.strip().casefold() for h in headers]


def detect(headers: Sequence[str]) -> str | None:
    """``"google"``, ``"outlook"`` or ``None`` for a header row."""
    keys = set(_keys(headers))
    numbered = any(re.match(r"^(e-mail|phone) \d+ - value$", k) for k in keys)
    if numbered and keys & {"name", "given name", "first name", "last name", "family name"}:
        return GOOGLE
    phones = {"mobile phone", "business phone", "home phone"}
    if "e-mail address" in keys and keys & {"first name", "last name"} and keys & phones:
        return OUTLOOK
    return None


def fields_for(kind: str, headers: Sequence[str]) -> tuple[str, ...]:
    """The field of every column of a Google or Outlook export (``IGNORE`` for the rest)."""
    fields = []
    for key in _keys(headers):
        if kind == GOOGLE:
            field = _GOOGLE_FIXED.get(key)
            if field is None:
                field = next((f for pattern, f in _GOOGLE_NUMBERED if pattern.match(key)), IGNORE)
        else:
            field = _OUTLOOK_FIXED.get(key, IGNORE)
        fields.append(field)
    return tuple(fields)
