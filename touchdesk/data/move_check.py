"""The check behind ``touchdesk move-to``: a table's row count and a checksum of its content that
come out the same on SQLite and PostgreSQL exactly when the rows are the same.

Values are compared as the models' column types read them, which is what normalises them: a
SQLite ``0/1`` and a PostgreSQL boolean both come back as ``False/True``, a SQLite date text and a
PostgreSQL timestamp both as a naive ``datetime``, NULL as ``None`` on both. A row is then written
out as the ``repr`` of its values, which tells ``None``, ``""``, ``0`` and ``False`` apart.

The checksum is the sum of the rows' SHA-256 values, so it does not depend on row order: the two
servers may sort text keys differently (collations), and no table needs sorting to be checked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Connection, TableClause, select

_MODULUS = 1 << 256


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


def digest(conn: Connection, table: TableClause, batch: int = 5_000) -> tuple[int, str]:
    """(rows, checksum) of a table as this connection sees it."""
    total = rows = 0
    result = conn.execute(select(*table.columns)).partitions(batch)
    for part in result:
        for row in part:
            line = repr(tuple(row)).encode("utf-8", "surrogatepass")
            total += int.from_bytes(hashlib.sha256(line).digest())
            rows += 1
    return rows, f"{total % _MODULUS:064x}"
