"""The one place that opens databases: engines, sessions, pragmas and schema upgrades.

A database is a file path or a SQLAlchemy URL. SQLite is opened in WAL mode with foreign keys on,
``synchronous=FULL`` and a busy timeout; writes go through an engine whose transactions begin with
``BEGIN IMMEDIATE`` so two writers queue on the lock instead of failing halfway, while reads use
deferred transactions and never block a writer.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from touchdesk.data.records import StorageError
from touchdesk.i18n import _

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
# SQLite's table statistics are gathered again when the number of touchpoints has moved by this
# share since they were last gathered (and there are at least STATISTICS_MIN_ROWS of them).
STATISTICS_STALE_SHARE = 0.25
STATISTICS_MIN_ROWS = 1000


def storage_error(exc: OperationalError) -> StorageError:
    """A plain-words ``StorageError`` for a database failure."""
    text_ = str(exc.orig if exc.orig is not None else exc).lower()
    if "locked" in text_ or "busy" in text_:
        return StorageError(
            "locked",
            _(
                "The database is busy in another program (another TouchDesk window or an import). Nothing was lost; try again in a moment."
            ),
        )
    if "readonly" in text_ or "read-only" in text_ or "read only" in text_:
        return StorageError(
            "readonly",
            _(
                "The database file is read-only, so nothing can be saved. Check the file's permissions or open another database. Nothing you typed was lost."
            ),
        )
    if "full" in text_:
        return StorageError(
            "full",
            _(
                "The disk is full, so nothing could be saved. Free some space and try again. Nothing you typed was lost."
            ),
        )
    if "malformed" in text_ or "not a database" in text_ or "corrupt" in text_:
        return StorageError(
            "corrupt", _("The database file is damaged. Use Check database or restore a backup.")
        )
    return StorageError(
        "other",
        _("The database could not save the change: {detail}").format(detail=exc.orig or exc),
    )


def to_url(location: str | os.PathLike[str]) -> URL:
    """A SQLAlchemy URL for a path or URL string."""
    raw = os.fspath(location)
    if "://" in raw:
        return make_url(raw)
    return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def ensure_private_file(url: URL) -> None:
    """Create a SQLite file owner-only before SQLite does (it copies that mode to -wal/-shm)."""
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _sqlite_engine(url: URL, *, immediate: bool, readonly: bool = False) -> Engine:
    # hide_parameters: errors and logs never quote customer text from SQL parameters.
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class Database:
    """Engines and session factories for one database."""

    url: URL
    write_engine: Engine
    read_engine: Engine

    @classmethod
    def open(cls, location: str | os.PathLike[str], *, upgrade: bool = True) -> Database:
        url = to_url(location)
        if is_sqlite(url):
            ensure_private_file(url)
            db = cls(url, _sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False))
        else:
            engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
            db = cls(url, engine, engine)
        if upgrade:
            from touchdesk.data.migrate import upgrade_if_needed

            upgrade_if_needed(db.write_engine)
        return db

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def path(self) -> Path | None:
        if self.is_sqlite and self.url.database:
            return Path(self.url.database)
        return None

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock from its start; commits on success.

        SQLite failures (locked, read-only, disk full, damaged) become a ``StorageError`` in plain
        words; the transaction is rolled back, so nothing half-written remains.
        """
        factory = sessionmaker(self.write_engine, expire_on_commit=False)
        try:
            with factory() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise storage_error(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (a deferred transaction that never takes the write lock)."""
        factory = sessionmaker(self.read_engine, expire_on_commit=False)
        with factory() as session:
            try:
                yield session
            finally:
                session.rollback()

    def refresh_statistics(self) -> bool:
        """Gather SQLite's table statistics (``ANALYZE``) when there are none yet or the events
        table has grown or shrunk by a quarter since; ``True`` when they were gathered.

        Without them the query planner guesses, and on a large database guesses badly: on the
        100,000-customer demo Today's late replies took 270 ms instead of 10, customers losing
        touch 210 instead of 6, and the customer list's first page 30 instead of 3. A database
        grown by daily use never gets them otherwise. A full ``ANALYZE`` of a million touchpoints
        takes about a second (``analysis_limit`` sampling was measured and chose the same bad
        plans), so the app runs this off the UI thread after start-up. PostgreSQL keeps its own
        statistics (autovacuum)."""
        if not self.is_sqlite:
            return False
        with self.read_engine.connect() as conn:
            rows = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
            has_table = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            ).first()
            stat = (
                conn.execute(
                    text("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_events_customer_time'")
                ).scalar()
                if has_table
                else None
            )
        known = int(stat.split()[0]) if stat else None
        if rows < STATISTICS_MIN_ROWS and known is None:
            return False  # a small database: any plan is fast
        if known is not None and abs(rows - known) <= STATISTICS_STALE_SHARE * known:
            return False
        with self.write() as session:
            session.execute(text("ANALYZE"))
        log.info("table statistics gathered (%d touchpoints, %s before)", rows, known)
        return True

    def quick_check(self) -> list[str]:
        """SQLite's ``PRAGMA quick_check``: an empty list when the file is sound."""
        if not self.is_sqlite:
            return []
        with self.read_engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA quick_check"))]
        return [] if rows == ["ok"] else rows
