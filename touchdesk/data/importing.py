"""Importing customers from CSV or vCard files: checked row by row, stored in one transaction.

Every source (a CSV file, a vCard file, a Google or Outlook export, a spreadsheet with a column
mapping: see ``touchdesk.data.contacts``) is turned into :class:`CustomerRecord` items first;
:func:`import_customer_records` then checks each one, skips duplicates (same e-mail or normalised
phone, against the database and against earlier rows of the same file; or merges them into that
customer, or imports them as new, when asked), and creates the rest in a single write transaction.
A dry run or a strict import with bad rows does the same work and rolls it back, so the counts it
reports are exactly what a real import would do. Rejected rows are written beside the source as
``FILE.rejected.csv`` with a ``reason`` column, so nothing the user had is lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from touchdesk.data import csvfile, customers
from touchdesk.data.contacts.merge import DUPLICATE_MODES, MERGE, SKIP, Owners, merge_into
from touchdesk.data.customer_bulk import CustomerWriter
from touchdesk.data.records import CustomerInput, ImportReport, ValidationError
from touchdesk.formatting import utc_now
from touchdesk.i18n import _

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

CUSTOMER_COLUMNS = ("name", "company", "email", "phone", "city", "source", "tags", "notes")
# Columns an import knows but does not store: the reason column of a rejected file, so a fixed
# rejected file can be imported again as it is.
IGNORED_COLUMNS = ("reason",)


class Discard(Exception):
    """Raised inside a write session to roll back a dry run or a strict import with bad rows."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column of a file holds each field, and the columns nobody asked for."""

    index: dict[str, int]
    unknown: list[str]

    def cell(self, cells: Sequence[str], name: str) -> str:
        """The field's cell of a row ("" when the row is short or the column absent)."""
        i = self.index.get(name)
        if i is None or i >= len(cells):
            return ""
        return cells[i]


def map_columns(headers: Sequence[str], fields: Sequence[str]) -> Columns:
    """Match header cells to field names (trimmed, any case); ``ValueError`` on a repeated one."""
    index: dict[str, int] = {}
    unknown: list[str] = []
    for i, header in enumerate(headers):
        key = csvfile.normalize_header(header)
        if key in fields:
            if key in index:
                raise ValueError(_("the column {name} appears twice").format(name=key))
            index[key] = i
        elif key not in IGNORED_COLUMNS:
            unknown.append(header.strip() or _("column {number}").format(number=i + 1))
    return Columns(index, unknown)


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """One customer read from a file: where it was, what it says, and its cells as read."""

    row: int
    data: CustomerInput
    cells: tuple[str, ...]


@dataclass
class Outcome:
    """Counts and rejections gathered while importing (turned into an ``ImportReport``)."""

    imported: int = 0
    duplicates: int = 0
    customers_created: int = 0
    followups_created: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    rejected_cells: list[tuple[int, tuple[str, ...], str]] = field(default_factory=list)

    def reject(self, row: int, errors: Iterable[tuple[str, str]], cells: Sequence[str]) -> None:
        """Record a bad row: each (field, reason), and its cells for the rejected-rows file."""
        errors = list(errors)
        self.rejected.extend((row, name, reason) for name, reason in errors)
        reason = "; ".join(f"{name}: {reason}" for name, reason in errors)
        self.rejected_cells.append((row, tuple(cells), reason))

    def report(
        self,
        *,
        unknown: list[str],
        reject_headers: Sequence[str],
        source: str | os.PathLike[str],
        dry_run: bool,
        committed: bool,
        delimiter: str = ",",
    ) -> ImportReport:
        """The final report; writes the rejected rows beside the source unless it is a dry run."""
        rejected_file = None
        self.rejected.sort(key=lambda r: r[0])
        self.rejected_cells.sort(key=lambda r: r[0])
        if self.rejected_cells and not dry_run:
            target = csvfile.rejected_path(source)
            # A fixed rejected file imported again brings its old reason column: replace it.
            keep = [
                i for i, h in enumerate(reject_headers) if csvfile.normalize_header(h) != "reason"
            ]
            rows = [
                (
                    *(cells[i] if i < len(cells) else "" for i in keep),
                    *cells[len(reject_headers) :],
                    reason,
                )
                for _row, cells, reason in self.rejected_cells
            ]
            headers = [reject_headers[i] for i in keep]
            csvfile.write_csv(target, [*headers, "reason"], rows, delimiter)
            rejected_file = str(target)
        return ImportReport(
            imported=self.imported,
            duplicates=self.duplicates,
            customers_created=self.customers_created,
            followups_created=self.followups_created,
            rejected=self.rejected,
            unknown_columns=unknown,
            rejected_file=rejected_file,
            dry_run=dry_run,
            committed=committed,
        )


def require_rows(table: csvfile.Table, path: str | os.PathLike[str]) -> None:
    """Refuse an empty file or one with only a header, with a message saying so."""
    if not table.headers:
        raise ValueError(_("{file} is empty: nothing to import").format(file=os.fspath(path)))
    if not table.rows:
        raise ValueError(
            _("{file} has a header but no rows: nothing to import").format(file=os.fspath(path))
        )


def customer_records_from_csv(
    table: csvfile.Table,
) -> tuple[list[CustomerRecord], Columns]:
    """Customers from the rows of a CSV table with the customer columns."""
    columns = map_columns(table.headers, CUSTOMER_COLUMNS)
    if "name" not in columns.index:
        raise ValueError(
            _("the file has no {name} column (its columns: {columns})").format(
                name="name", columns=", ".join(table.headers)
            )
        )
    records = []
    for row, cells in table.rows:
        get = columns.cell
        data = CustomerInput(
            name=get(cells, "name"),
            company=get(cells, "company"),
            phones=tuple(csvfile.split_list(get(cells, "phone"))),
            emails=tuple(csvfile.split_list(get(cells, "email"))),
            city=get(cells, "city"),
            source=get(cells, "source"),
            tags=tuple(csvfile.split_list(get(cells, "tags"))),
            notes=get(cells, "notes"),
        )
        records.append(CustomerRecord(row, data, tuple(cells)))
    return records, columns


def too_many_cells(cells: Sequence[str], headers: Sequence[str]) -> bool:
    """A row with filled cells beyond the header's last column (a stray delimiter, usually)."""
    return any(c.strip() for c in cells[len(headers) :])


def import_customer_records(
    ws: Workspace,
    records: Sequence[CustomerRecord],
    *,
    source: str | os.PathLike[str],
    reject_headers: Sequence[str],
    unknown: list[str],
    dry_run: bool = False,
    strict: bool = False,
    delimiter: str = ",",
    duplicates: str = SKIP,
) -> ImportReport:
    """Check and store customers in one transaction; see the module docstring for the rules.

    ``duplicates`` says what happens to a record whose e-mail or phone is already a customer's
    (or an earlier record's): ``skip`` it, ``merge`` it into that customer, or import it as
    ``new``; the report's ``duplicates`` counts such records whatever was done with them."""
    if duplicates not in DUPLICATE_MODES:
        raise ValueError(duplicates)
    region = ws.setting("phone_region") or None
    outcome = Outcome()
    committed = False
    try:
        with ws.db.write() as s:
            owners = Owners(s)
            writer = CustomerWriter(s, utc_now())
            for record in records:
                if too_many_cells(record.cells, reject_headers):
                    outcome.reject(
                        record.row, [("row", _("more cells than columns"))], record.cells
                    )
                    continue
                try:
                    cleaned, new_phones, new_emails = customers.validate(record.data, region)
                except ValidationError as exc:
                    outcome.reject(record.row, exc.errors.items(), record.cells)
                    continue
                found_emails = {n for _d, n in new_emails}
                found_phones = {n for _d, n in new_phones}
                owner = owners.owner(found_emails, found_phones)
                if owner is not None:
                    outcome.duplicates += 1
                    if duplicates == SKIP:
                        continue
                    if duplicates == MERGE:
                        writer.flush()
                        try:
                            changed = merge_into(s, owner, cleaned, region)
                        except ValidationError as exc:
                            outcome.duplicates -= 1  # rejected instead
                            outcome.reject(record.row, exc.errors.items(), record.cells)
                            continue
                        if changed:  # the merge may have added tags: a fresh writer knows them
                            writer = CustomerWriter(s, writer.now)
                        owners.add(owner, found_emails, found_phones)
                        outcome.imported += 1
                        continue
                cid = writer.create(cleaned, new_phones, new_emails)
                owners.add(cid, found_emails, found_phones)
                outcome.imported += 1
                outcome.customers_created += 1
            writer.flush()
            if dry_run or (strict and outcome.rejected):
                raise Discard
        committed = True
    except Discard:
        pass
    return outcome.report(
        unknown=unknown,
        reject_headers=reject_headers,
        source=source,
        dry_run=dry_run,
        committed=committed,
        delimiter=delimiter,
    )


def import_customers(
    ws: Workspace, path: str | os.PathLike[str], *, dry_run: bool = False, strict: bool = False
) -> ImportReport:
    """Import customers from a ``.csv`` or ``.vcf`` file (see the module docstring)."""
    if Path(path).suffix.lower() in (".vcf", ".vcard"):
        from touchdesk.data import vcard

        records = vcard.read_customers(path)
        if not records:
            raise ValueError(
                _("{file} holds no contacts: nothing to import").format(file=os.fspath(path))
            )
        return import_customer_records(
            ws,
            records,
            source=path,
            reject_headers=CUSTOMER_COLUMNS,
            unknown=[],
            dry_run=dry_run,
            strict=strict,
        )
    table = csvfile.read_table(path)
    require_rows(table, path)
    records, columns = customer_records_from_csv(table)
    return import_customer_records(
        ws,
        records,
        source=path,
        reject_headers=table.headers,
        unknown=columns.unknown,
        dry_run=dry_run,
        strict=strict,
        delimiter=table.delimiter,
    )
