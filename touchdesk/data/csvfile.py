"""CSV files as TouchDesk reads and writes them for import and export.

The rules, in one place so import and export cannot drift apart:

- Encoding: files are written as UTF-8 *with* a byte-order mark, because Excel only recognises
  UTF-8 (and so Persian text) when the mark is there; files are read as UTF-8 with or without it.
- Delimiter: files are written with commas (the rejected rows of an import keep the delimiter
  of their source); on reading, the header line decides between comma and
  semicolon (Excel writes semicolons in locales whose decimal mark is a comma).
- Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2, and
  a record with a multi-line cell is still one row.
- Formula injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  would be run as a formula by a spreadsheet, so export writes a ``'`` in front of it. A value that
  genuinely starts with ``'`` gets one more ``'`` too, so the rule can be undone exactly: on import a
  leading ``'`` followed by one of those characters (or by another ``'``) is removed, once. Any other
  leading ``'`` is kept, so hand-made files with an apostrophe in front of a word are left alone.
- Several values in one cell (tags, extra phones and e-mails) are separated by ``;``; a ``;`` or
  ``\\`` inside a value is written as ``\\;`` or ``\\\\``.
- Files are written atomically: to a temporary file in the same folder, then renamed over the
  target, so a crash or a full disk never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from touchdesk.i18n import _

# A customer's notes can be long (100 KB and more); the csv module's default field limit
# (128 KiB) would refuse to read back a file we wrote ourselves.
FIELD_LIMIT = 64 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_STARTS = (*FORMULA_STARTS, "'")


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file read into memory: the header cells and each record with its spreadsheet row,
    every cell already freed of the export's formula protection."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str


def neutralize(value: str) -> str:
    """Protect a cell against formula injection (see the module docstring for the exact rule)."""
    return "'" + value if value.startswith(_ESCAPED_STARTS) else value


def restore(value: str) -> str:
    """Undo :func:`neutralize`: drop one leading ``'`` that protects a formula character or ``'``."""
    if value.startswith("'") and value[1:].startswith(_ESCAPED_STARTS):
        return value[1:]
    return value


def join_list(values: Iterable[str]) -> str:
    """Several values in one cell, ``;``-separated, with ``;`` and ``\\`` escaped."""
    return ";".join(v.replace("\\", "\\\\").replace(";", "\\;") for v in values)


def split_list(cell: str) -> list[str]:
    """The values of a ``;``-separated cell, trimmed, empty ones dropped (inverse of join_list)."""
    values: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in (";", "\\"):
                current.append(following)
            else:
                current.append(char + following)
        elif char == ";":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def normalize_header(name: str) -> str:
    """A header cell as matched against field names: trimmed and case-folded."""
    return name.strip().casefold()


def sniff_delimiter(header_line: str) -> str:
    """Comma or semicolon, whichever the header line uses more (comma on a tie)."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read a whole CSV file; ``ValueError`` with a clear message when it is not readable text."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            _('{file} is not UTF-8 text (save it as "CSV UTF-8"): byte {pos}').format(
                file=os.fspath(path), pos=exc.start
            )
        ) from None
    text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ValueError(
            _("{file} is not a readable CSV file: {reason}").format(
                file=os.fspath(path), reason=exc
            )
        ) from None
    if not records:
        return Table([], [], delimiter)
    headers = [restore(h).strip() for h in records[0]]
    rows = [
        (number, [restore(c) for c in cells])
        for number, cells in enumerate(records[1:], start=2)
        if any(c.strip() for c in cells)
    ]
    return Table(headers, rows, delimiter)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (temporary file in the same folder + rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ",") -> bytes:
    """A CSV document (UTF-8 with BOM, CRLF) with every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralize(h) for h in headers])
    for row in rows:
        writer.writerow([neutralize(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    delimiter: str = ",",
) -> None:
    """Write a CSV file atomically in the house format (see the module docstring); the rejected
    rows of an import keep the delimiter of their source file."""
    write_atomic(path, csv_bytes(headers, rows, delimiter))


def rejected_path(path: str | os.PathLike[str]) -> Path:
    """Where the rows an import rejected go: ``FILE.rejected.csv`` beside ``FILE``."""
    source = Path(path)
    return source.with_name(source.name + ".rejected.csv")
