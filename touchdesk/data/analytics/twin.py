"""Two halves of an analysis at once: a second read connection on the same snapshot, and a thread.

An analysis is some fifteen passes over a period's rows. About half of them read ``events`` alone
(the cube, decisions, replies, the stretch before the period); the others read the period rows
gathered into temporary tables, which belong to one connection. On an SQLite file the first half
runs on a second connection in a worker thread while the calling thread does the other half
(``sqlite3`` lets go of the GIL while SQLite works, so two cores share the time). ``compute``
keeps a tag's analysis on one connection: a tag's rows are sought customer by customer, and the
second connection would have to gather its own copy of them.

Both connections must read the same state of the database, as one read transaction would: a write
committed between two passes must not be counted by one half and not by the other. SQLite pins a
read transaction's snapshot at its first read, and ``PRAGMA data_version`` changes on a connection
whenever another one has committed since it last looked. So the second connection reads the version,
ends that transaction, the first connection starts its snapshot, and the second starts its own and
reads the version again: when the two readings agree, nothing was committed in between and both
snapshots are the same. When they differ (a write landed in that instant) the two start again, and
after a few tries the analysis runs both halves on the one connection.

Elsewhere the one session does both halves in turn: PostgreSQL (its temporary tables belong to one
connection too, the server's own parallel plans already use its cores, and a second connection per
analysis would take another from the team's pool; its transaction is made REPEATABLE READ so that
every pass sees the first one's snapshot), an in-memory SQLite database (a second connection would
open another, empty database), and a session already in a transaction (its snapshot may be older
than anything a second connection could pin; it is used as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

A = TypeVar("A")
B = TypeVar("B")
TRIES = 3


def _version(connection: Connection | Session) -> int:
    return int(connection.execute(text("PRAGMA data_version")).scalar_one())


def _pinned(session: Session, connection: Connection) -> bool:
    """Start ``session``'s and ``connection``'s read transactions on one snapshot; ``False`` (both
    ended again) when a commit came in between."""
    before = _version(connection)
    connection.rollback()
    session.execute(text("PRAGMA data_version"))  # the session's snapshot starts here
    if _version(connection) == before:
        return True
    connection.rollback()
    session.rollback()
    return False


@contextmanager
def twin(session: Session, *, parallel: bool = True) -> Iterator[Session]:
    """A second session reading exactly the snapshot ``session`` reads, on its own connection; or
    ``session`` itself where there cannot be one (see the module docstring) or when not
    ``parallel``. The second session is closed and its connection handed back at the end."""
    engine = session.get_bind()
    if session.in_transaction() or not isinstance(engine, Engine):
        yield session
        return
    if engine.dialect.name == "postgresql":
        # Each statement of a READ COMMITTED transaction sees what was committed before it;
        # REPEATABLE READ keeps the first statement's snapshot to the end, as SQLite does.
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session
        return
    database = engine.url.database or ""
    if (
        not parallel
        or engine.dialect.name != "sqlite"
        or database in ("", ":memory:")
        or "mode=memory" in database
    ):
        yield session
        return
    with engine.connect() as connection:
        if any(_pinned(session, connection) for _try in range(TRIES)):
            with Session(bind=connection) as other:
                yield other
            return
    yield session


def both(first: Callable[[], A], second: Callable[[], B], *, together: bool) -> tuple[A, B]:
    """``first()`` and ``second()``: ``second`` in a worker thread while ``first`` runs in this one
    when ``together`` (they must use different connections), else one after the other. An error of
    either is raised once both have finished, so neither connection is in use any more."""
    if not together:
        return first(), second()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="analytics") as pool:
        pending = pool.submit(second)
        result = first()
        return result, pending.result()
