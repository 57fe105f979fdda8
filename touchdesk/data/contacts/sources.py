"""Opening a contacts file of any kind and importing it: the one entry point the CLI and the
mapping dialog share (through ``Workspace.open_contacts`` and ``Workspace.import_contacts``).

A file is one of: a vCard file (``.vcf``); a Google or Outlook CSV export, recognised from its
headers and mapped without asking; a file with TouchDesk's own customer columns (imported exactly
as ``touchdesk import customers`` always has); or any other CSV or ``.xlsx`` spreadsheet, which needs
a column mapping: the one saved for the same headers, else a guess from the header names, else what
the user picks in the dialog or names with ``--mapping``. A CSV file that ends inside a quoted cell
(cut off while copying) is refused whole rather than imported with its last row mangled.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from touchdesk.data import csvfile, importing
from touchdesk.data.contacts import fields as fieldmod
from touchdesk.data.contacts import formats, mappings
from touchdesk.data.contacts.merge import SKIP
from touchdesk.data.contacts.spreadsheet import read_xlsx
from touchdesk.data.importing import CustomerRecord
from touchdesk.data.records import ImportReport
from touchdesk.i18n import _

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

VCARD = "vcard"
STANDARD = "standard"
MAPPED = "mapped"
VCARD_SUFFIXES = (".vcf", ".vcard")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = (*VCARD_SUFFIXES, ".csv", *SPREADSHEET_SUFFIXES)


@dataclass(frozen=True, slots=True)
class ContactFile:
    """A contacts file read and recognised: its kind, its table (not for vCards), the field of
    each column as recognised or guessed, and the saved mapping made for its headers."""

    path: Path
    kind: str
    table: csvfile.Table | None
    fields: tuple[str, ...]
    saved: mappings.SavedMapping | None = None

    @property
    def headers(self) -> list[str]:
        return self.table.headers if self.table is not None else []

    def preview(self, count: int = 5) -> list[list[str]]:
        """The first rows' cells, as wide as the header, for the dialog's preview."""
        if self.table is None:
            return []
        width = len(self.table.headers)
        return [(cells + [""] * width)[:width] for _row, cells in self.table.rows[:count]]


def _check_complete(path: Path, delimiter: str) -> None:
    """Refuse a CSV file that ends inside a quoted cell (a strict parse finds the open quote)."""
    text = path.read_bytes().decode("utf-8-sig").replace("\x00", "")
    try:
        for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ValueError(
                _(
                    "{file} ends inside a quoted cell: it looks cut off, so nothing was imported"
                ).format(file=os.fspath(path))
            ) from None


def open_contacts(ws: Workspace, path: str | os.PathLike[str]) -> ContactFile:
    """Read and recognise a contacts file; ``ValueError`` with a clear message when it cannot be."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix in VCARD_SUFFIXES:
        return ContactFile(source, VCARD, None, ())
    if suffix in SPREADSHEET_SUFFIXES:
        table = read_xlsx(source)
    else:
        table = csvfile.read_table(source)
        _check_complete(source, table.delimiter)
    importing.require_rows(table, source)
    kind = formats.detect(table.headers)
    if kind is not None:
        return ContactFile(source, kind, table, formats.fields_for(kind, table.headers))
    saved = mappings.mapping_for_headers(ws, table.headers)
    if "name" in {csvfile.normalize_header(h) for h in table.headers}:
        return ContactFile(source, STANDARD, table, (), saved)
    fields = saved.fields if saved is not None else fieldmod.guess_fields(table.headers)
    return ContactFile(source, MAPPED, table, fields, saved)


def has_name(fields: Sequence[str]) -> bool:
    """A mapping gives every row a name: a name part or the company (used when there is none)."""
    return any(f in (*fieldmod.NAME_FIELDS, "company") for f in fields)


def contact_records(
    contacts: ContactFile, fields: Sequence[str] | None = None
) -> tuple[list[CustomerRecord], list[str]]:
    """The customers of a file and its unknown columns. ``fields`` (one per column) overrides
    what was recognised; TouchDesk's own columns are read as they always were."""
    if contacts.kind == VCARD:
        from touchdesk.data import vcard

        records = vcard.read_customers(contacts.path)
        if not records:
            raise ValueError(
                _("{file} holds no contacts: nothing to import").format(
                    file=os.fspath(contacts.path)
                )
            )
        return records, []
    table = contacts.table
    assert table is not None
    if fields is None and contacts.kind == STANDARD:
        records, columns = importing.customer_records_from_csv(table)
        return records, columns.unknown
    chosen = tuple(fields if fields is not None else contacts.fields)
    if len(chosen) != len(table.headers):
        raise ValueError(_("the mapping does not fit the file's columns"))
    if not has_name(chosen):
        raise ValueError(_("choose the column that holds the name (or the company)"))
    types = fieldmod.type_columns(table.headers, chosen)
    records = [
        CustomerRecord(row, fieldmod.row_to_input(cells, chosen, types), tuple(cells))
        for row, cells in table.rows
    ]
    return records, []


def needs_mapping_message(ws: Workspace, contacts: ContactFile) -> str:
    """What the CLI says about a file it cannot map by itself: its columns and the saved mappings."""
    names = ", ".join(m.name for m in mappings.saved_mappings(ws)) or _("none yet")
    return _(
        "the file has no name column (its columns: {columns}). It is not a Google or Outlook "
        "export either: import it with --mapping NAME, using a mapping saved in the import "
        "dialog (saved mappings: {names})"
    ).format(columns=", ".join(contacts.headers), names=names)


def import_contacts(
    ws: Workspace,
    source: str | os.PathLike[str] | ContactFile,
    *,
    fields: Sequence[str] | None = None,
    mapping: str | None = None,
    duplicates: str = SKIP,
    dry_run: bool = False,
    strict: bool = False,
    require_mapping: bool = False,
) -> ImportReport:
    """Import a contacts file of any kind (see the module docstring) in one transaction.

    ``mapping`` names a saved mapping; ``require_mapping`` (the CLI) refuses a file that needs a
    mapping when none was named, instead of trusting a guess."""
    contacts = source if isinstance(source, ContactFile) else open_contacts(ws, source)
    if mapping and contacts.kind != VCARD:
        fields = mappings.mapping_named(ws, mapping).fields_for(contacts.headers)
    elif fields is None and contacts.kind == MAPPED and require_mapping:
        raise ValueError(needs_mapping_message(ws, contacts))
    records, unknown = contact_records(contacts, fields)
    table = contacts.table
    return importing.import_customer_records(
        ws,
        records,
        source=contacts.path,
        reject_headers=table.headers if table is not None else importing.CUSTOMER_COLUMNS,
        unknown=unknown,
        dry_run=dry_run,
        strict=strict,
        delimiter=table.delimiter if table is not None else ",",
        duplicates=duplicates,
    )
