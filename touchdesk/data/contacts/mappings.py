"""Saved column mappings: the choice a user made for a spreadsheet, kept under a name so the next
file with the same headers is mapped the same way (in the dialog without asking, in the CLI with
``--mapping NAME``).

They live in one JSON setting (``ui.import_mappings``: name → headers and fields), so no migration
is needed. A mapping applies to a file by header name, so a file with the columns in another order,
or with a column more or less, still gets the fields the user chose for the columns it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from touchdesk.data.contacts.fields import FIELD_KEYS, IGNORE
from touchdesk.data.csvfile import normalize_header
from touchdesk.i18n import _

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

SETTING_KEY = "ui.import_mappings"


@dataclass(frozen=True, slots=True)
class SavedMapping:
    """A named mapping: the headers it was made for and the field of each."""

    name: str
    headers: tuple[str, ...]
    fields: tuple[str, ...]

    def fields_for(self, headers: Sequence[str]) -> tuple[str, ...]:
        """The field of each of ``headers`` by header name (``IGNORE`` for a header it lacks)."""
        by_header = {normalize_header(h): f for h, f in zip(self.headers, self.fields, strict=True)}
        return tuple(by_header.get(normalize_header(h), IGNORE) for h in headers)

    def matches(self, headers: Sequence[str]) -> bool:
        """Made for exactly these headers (trimmed, any case, same order)."""
        return [normalize_header(h) for h in self.headers] == [normalize_header(h) for h in headers]


def _stored(ws: Workspace) -> dict[str, dict[str, list[str]]]:
    try:
        value = ws.setting(SETTING_KEY)
    except KeyError:  # never saved: settings only know defaults for declared options
        return {}
    return value if isinstance(value, dict) else {}


def saved_mappings(ws: Workspace) -> list[SavedMapping]:
    """Every saved mapping, by name."""
    mappings = []
    for name, entry in sorted(_stored(ws).items()):
        headers = tuple(str(h) for h in entry.get("headers", []))
        fields = tuple(f if f in FIELD_KEYS else IGNORE for f in entry.get("fields", []))
        if len(headers) == len(fields):
            mappings.append(SavedMapping(name, headers, fields))
    return mappings


def mapping_named(ws: Workspace, name: str) -> SavedMapping:
    """The saved mapping called ``name``; ``ValueError`` naming the saved ones when there is none."""
    for mapping in saved_mappings(ws):
        if mapping.name == name.strip():
            return mapping
    names = ", ".join(m.name for m in saved_mappings(ws)) or _("none")
    raise ValueError(
        _("no saved mapping is called {name} (saved mappings: {names})").format(
            name=name, names=names
        )
    )


def mapping_for_headers(ws: Workspace, headers: Sequence[str]) -> SavedMapping | None:
    """The mapping saved for a file with exactly these headers, if any."""
    return next((m for m in saved_mappings(ws) if m.matches(headers)), None)


def save_mapping(
    ws: Workspace, name: str, headers: Sequence[str], fields: Sequence[str]
) -> SavedMapping:
    """Save (or replace) a mapping under ``name``; other mappings for the same headers are
    dropped, so a file's headers lead to one remembered choice."""
    name = name.strip()
    if not name:
        raise ValueError(_("a saved mapping needs a name"))
    if len(headers) != len(fields) or any(f not in FIELD_KEYS and f != IGNORE for f in fields):
        raise ValueError(_("the mapping does not fit the file's columns"))
    mapping = SavedMapping(name, tuple(headers), tuple(fields))
    stored = {
        n: e
        for n, e in _stored(ws).items()
        if n != name and not SavedMapping(n, tuple(e.get("headers", [])), ()).matches(headers)
    }
    stored[name] = {"headers": list(headers), "fields": list(fields)}
    ws.set_setting(SETTING_KEY, stored)
    return mapping
