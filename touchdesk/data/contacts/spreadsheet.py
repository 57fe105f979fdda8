"""Reading the first sheet of an ``.xlsx`` workbook as a table of text cells (openpyxl).

The first row with any filled cell is the header; rows are numbered as the spreadsheet shows them,
so row errors point at the right line. Cells become the text a person sees: whole numbers without
``.0`` (a phone typed as a number), dates as ISO dates, everything else as ``str``.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile

from touchdesk.data.csvfile import Table
from touchdesk.i18n import _


def cell_text(value: object) -> str:
    """One cell as the text a person sees in the spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M")
            if value.time() != dt.time()
            else value.date().isoformat()
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(path: str | os.PathLike[str]) -> Table:
    """The first sheet as a :class:`Table`; ``ValueError`` when it is no readable workbook."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValueError(
            _("{file} is not a readable .xlsx workbook: {reason}").format(
                file=os.fspath(path), reason=exc
            )
        ) from None
    try:
        sheet = book.worksheets[0]
        headers: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if not any(cells):
                continue
            if headers is None:
                headers = cells
            else:
                rows.append((number, cells))
    finally:
        book.close()
    return Table(headers or [], rows, ",")
