"""Moving a database into an empty PostgreSQL database (``touchdesk move-to``), and proving every
row arrived.

The target is brought to the newest schema by the same Alembic migrations, then every table of the
models (whatever the migrations have added) and the search index are copied with their ids in one
PostgreSQL transaction, and the id sequences are moved past the copied ids so new rows get fresh
ones. Before that transaction commits, each table is compared on both sides: row count and a
checksum of the content. Anything different rolls the whole copy back, so the target is either a
verified copy or still empty.

The source is read inside one transaction, so a TouchDesk window writing to it meanwhile cannot
make the copy and its check disagree.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, TableClause, bindparam, func, select, text
from sqlalchemy import update as sql_update
from sqlalchemy.engine import URL

from touchdesk.data.db import Database, is_sqlite, to_url
from touchdesk.data.models import Base, TouchpointType
from touchdesk.data.move_check import TableCheck, digest
from touchdesk.data.search import FTS
from touchdesk.i18n import _

BATCH = 2_000  # rows read and written per step
SEARCH_INDEX = FTS.name
# The catalog is filled by the app itself whenever it opens a database (the built-in touchpoints):
# the copy replaces those rows with the source's rather than counting them as someone's data.
CATALOG = TouchpointType.__table__

Progress = Callable[[int, int], None]


class MoveRefused(ValueError):
    """The target cannot take the copy (not PostgreSQL, or it already holds data)."""


@dataclass(frozen=True)
class MoveReport:
    """Per table: rows and checksums on both sides; ``ok`` when every table matched (and so the
    copy was committed)."""

    target: str
    tables: tuple[TableCheck, ...]
    elapsed: float

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.source_rows for t in self.tables)

    @property
    def differing(self) -> list[str]:
        return [t.name for t in self.tables if not t.ok]


def copied_tables() -> list[TableClause]:
    """Every table to copy, parents before children, the search index last."""
    return [*Base.metadata.sorted_tables, FTS]


def move_to(
    source: Database, target_location: str | os.PathLike[str], *, progress: Progress | None = None
) -> MoveReport:
    """Copy ``source`` into the empty PostgreSQL database at ``target_location`` and verify it.

    Raises ``MoveRefused`` when the target is not PostgreSQL or already holds data (naming the
    table); returns a report whose ``ok`` is false, with nothing committed, when the check found a
    table that differs.
    """
    started = time.perf_counter()
    url = to_url(target_location)
    if is_sqlite(url):
        raise MoveRefused(
            _(
                "the target must be a PostgreSQL database (postgresql+psycopg://user@host/name), "
                "not a file"
            )
        )
    target = Database.open(target_location)
    try:
        with source.read_engine.connect() as src, target.write_engine.connect() as dst:
            src.begin()
            dst.begin()
            _refuse_unless_empty(dst)
            tables = copied_tables()
            total = sum(_count(src, t) for t in tables)
            done = 0
            if progress:
                progress(0, total)
            for table in tables:
                if table is CATALOG:
                    dst.execute(CATALOG.delete())
                for copied in copy_table(src, dst, table):
                    done += copied
                    if progress:
                        progress(done, total)
            reset_sequences(dst)
            checks = tuple(_compare(src, dst, t) for t in tables)
            if all(c.ok for c in checks):
                dst.commit()
            else:
                dst.rollback()
            src.rollback()
    finally:
        target.dispose()
    return MoveReport(shown_location(target_location), checks, time.perf_counter() - started)


def _refuse_unless_empty(conn: Connection) -> None:
    for table in copied_tables():
        rows = select(1).select_from(table).limit(1)
        if table is CATALOG:
            rows = rows.where(CATALOG.c.builtin.is_(False))
        if conn.execute(rows).first() is None:
            continue
        raise MoveRefused(
            _(
                "the target database is not empty: table {table} already holds rows. Move into "
                "a new, empty database so nothing there is mixed with or overwritten by this one."
            ).format(table=table.name)
        )


def _count(conn: Connection, table: TableClause) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def _key(table: TableClause) -> list[Any]:
    return list(table.primary_key) or [table.c.rowid]


def insert_batch(conn: Connection, table: TableClause, rows: Sequence[dict[str, Any]]) -> None:
    """Write one batch of rows, ids included, with PostgreSQL's COPY (several times faster than
    INSERT statements)."""
    quote = conn.dialect.identifier_preparer.quote
    names = [c.name for c in table.columns]
    columns = ", ".join(quote(n) for n in names)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])


def copy_table(src: Connection, dst: Connection, table: TableClause) -> Iterator[int]:
    """Copy one table in batches, yielding how many rows each batch wrote.

    Columns that point at the same table (a reply's request, a merged customer, a plan's previous
    version) may point forward, so they are written as NULL first and set once every row is there.
    """
    keys = _key(table)
    self_refs = [
        fk.parent.name
        for fk in getattr(table, "foreign_keys", ())
        if fk.column.table is table and len(keys) == 1
    ]
    links: dict[str, list[dict[str, Any]]] = {name: [] for name in self_refs}
    result = src.execute(select(*table.columns).order_by(*keys))
    for part in result.mappings().partitions(BATCH):
        rows = [dict(r) for r in part]
        for row in rows:
            for name in self_refs:
                if row[name] is not None:
                    links[name].append({"_id": row[keys[0].name], "_to": row[name]})
                    row[name] = None
        insert_batch(dst, table, rows)
        yield len(rows)
    for name, pending in links.items():
        if pending:
            dst.execute(
                sql_update(table)
                .where(keys[0] == bindparam("_id"))
                .values({name: bindparam("_to")}),
                pending,
            )


def reset_sequences(conn: Connection) -> None:
    """Move each id sequence past the largest copied id, so the next new row gets a fresh one."""
    quote = conn.dialect.identifier_preparer.quote
    for table in Base.metadata.sorted_tables:
        keys = list(table.primary_key)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name, column = quote(table.name), quote(keys[0].name)
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"coalesce((SELECT max({column}) FROM {name}), 0) + 1, false)"
            ),
            {"table": name, "column": keys[0].name},
        )


def _compare(src: Connection, dst: Connection, table: TableClause) -> TableCheck:
    here_rows, here = digest(src, table)
    there_rows, there = digest(dst, table)
    return TableCheck(table.name, here_rows, there_rows, here, there)


def shown_location(location: str | os.PathLike[str]) -> str:
    """A database location as it may be printed: a URL without its password."""
    url = to_url(location)
    return (url.database or "") if is_sqlite(url) else url.render_as_string(hide_password=True)


def location_without_password(location: str | os.PathLike[str]) -> str:
    """The location to give ``--db`` later: the password left out, for libpq to find in
    ~/.pgpass or PGPASSWORD."""
    url = to_url(location)
    bare = URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)
