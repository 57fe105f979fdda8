"""The check behind ``touchdesk move-to``: a table's row count and a checksum of its content that
come out the same on SQLite and PostgreSQL exactly when the rows are the same.

Values are compared as the models read them (a SQLite ``0/1`` and a PostgreSQL boolean are both
``False/True``, a SQLite date text and a PostgreSQL timestamp are both ``datetime``) and written
out in one canonical text form. The checksum is the sum of the rows' SHA-256 values, so it does
not depend on row order: the two servers may sort text keys differently (collations), and a
table need not be sorted at all to be checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, TableClause, select

_MODULUS = 1 << 256
_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class TableCheck:
    """One table on both sides of a move."""

    name: str
    source_rows: int
    target_rows: int
    source_digest: str
    target_digest: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_digest == self.target_digest


def canonical(value: object) -> str:
    """One value as text that says its type, so ``None``, ``""``, ``0`` and ``False`` differ."""
    if value is None:
        return "n"
    if isinstance(value, bool):
        return "b1" if value else "b0"
    if isinstance(value, int):
        return f"i{value}"
    if isinstance(value, dt.datetime):
        return "t" + value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return "d" + value.isoformat()
    if isinstance(value, float | Decimal):
        return f"f{value!r}"
    if isinstance(value, bytes):
        return "x" + value.hex()
    return "s" + str(value)


def digest(conn: Connection, table: TableClause, batch: int = 5_000) -> tuple[int, str]:
    """(rows, checksum) of a table as this connection sees it."""
    total = rows = 0
    result = conn.execute(select(*table.columns)).partitions(batch)
    for part in result:
        for row in part:
            line = _SEPARATOR.join(canonical(v) for v in row)
            total += int.from_bytes(hashlib.sha256(line.encode("utf-8", "surrogatepass")).digest())
            rows += 1
    return rows, f"{total % _MODULUS:064x}"
