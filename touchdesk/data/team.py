"""Team mode: who is working (users), and noticing other people's changes.

A user is a row of ``users`` found by name. Who "I" am is decided when the workspace opens: the
name given explicitly (``--user``, or the name set on this computer), else ``TOUCHDESK_USER``,
else — on PostgreSQL — the database role the connection logged in as (so each team member's own
libpq login is their identity and TouchDesk never handles a password), else the name stored in the
database's settings, else the operating-system login.

Other people's changes are noticed without restarting by a :class:`ChangeFeed`: on PostgreSQL a
``LISTEN`` connection receives the ``NOTIFY`` every committed change sends; on SQLite (two windows
or two programs on one file) ``PRAGMA data_version`` tells when another connection committed.
Both are cheap enough to poll every couple of seconds from the UI thread.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from touchdesk.data.db import Database
from touchdesk.data.identity import given_name, local_user_name
from touchdesk.data.models import User
from touchdesk.data.records import UserRow, ValidationError
from touchdesk.data.validation import clean_text
from touchdesk.formatting import utc_now
from touchdesk.i18n import _

log = logging.getLogger(__name__)

CHANNEL = "touchdesk_changes"


def resolve_user_name(db: Database, explicit: str | None, stored: str | None) -> str:
    """The name of the person using this workspace (see the module docstring for the order)."""
    given = given_name(explicit)
    if given or db.is_sqlite:
        return given or local_user_name(None, stored)
    with db.read() as s:
        role = s.execute(text("SELECT session_user")).scalar()
    return str(role)[:100] if role else local_user_name(None, stored)


def find_user(session: Session, name: str) -> int | None:
    """The id of the user called ``name``, if there is one."""
    return session.scalar(select(User.id).where(User.name == name))


def ensure_user(session: Session, name: str) -> int:
    """The id of the user called ``name``, adding them on first use."""
    found = find_user(session, name)
    if found is not None:
        return found
    user = User(name=name, display_name=name, active=True, created_at=utc_now())
    session.add(user)
    session.flush()
    return user.id


def user_id(session: Session, name: str) -> int:
    """The id of an existing user, or a ``ValidationError`` naming the field."""
    clean = name.strip()
    found = session.scalar(select(User.id).where(User.name == clean)) if clean else None
    if found is None:
        raise ValidationError({"assignee": _("no team member called {name}").format(name=name)})
    return found


def all_users(session: Session, *, include_inactive: bool = False) -> list[UserRow]:
    stmt = select(User.id, User.name, User.display_name, User.active).order_by(User.name)
    if not include_inactive:
        stmt = stmt.where(User.active)
    return [UserRow(*r) for r in session.execute(stmt)]


def add_user(session: Session, name: str, display_name: str = "") -> int:
    """Add a team member (or reactivate one), e.g. to assign follow-ups before they first log in."""
    try:
        clean = clean_text(name, _("name"), required=True, limit=100)
        shown = clean_text(display_name, _("display name"), limit=200)
    except ValueError as exc:
        raise ValidationError({"name": str(exc)}) from None
    existing = session.scalar(select(User).where(User.name == clean))
    if existing is not None:
        existing.active = True
        if shown:
            existing.display_name = shown
        return existing.id
    user = User(name=clean, display_name=shown or clean, active=True, created_at=utc_now())
    session.add(user)
    session.flush()
    return user.id


def user_label(session: Session, uid: int | None) -> str:
    if uid is None:
        return ""
    row = session.execute(select(User.name, User.display_name).where(User.id == uid)).first()
    return (row.display_name or row.name) if row else ""


class ChangeFeed:
    """Tells whether someone else committed a change since the last :meth:`poll`.

    ``poll()`` returns the set of topics changed (``customers``, ``events``, ``followups``...), or
    ``{"*"}`` where the engine cannot say which (SQLite). Own changes are not reported on
    PostgreSQL (each workspace tags its notifications with a token); on SQLite they may be, which
    only costs a refresh. Never raises: a lost connection is reopened on the next poll.
    """

    def __init__(self, db: Database, token: str) -> None:
        self.db = db
        self.token = token
        self._conn: Any = None
        self._version: int | None = None

    def _open(self) -> None:
        if self.db.is_sqlite:
            path = self.db.path
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        else:
            import psycopg

            url = self.db.url.set(drivername="postgresql")
            self._conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            self._conn.execute(f"LISTEN {CHANNEL}")

    def poll(self) -> set[str]:
        try:
            if self._conn is None:
                self._open()
                return set()
            if self.db.is_sqlite:
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
                changed = version != self._version
                self._version = version
                return {"*"} if changed else set()
            topics = set()
            for note in self._conn.notifies(timeout=0):
                topic, _sep, token = note.payload.partition(" ")
                if token != self.token:
                    topics.add(topic)
            return topics
        except Exception as exc:  # the server went away: try again next time
            log.info("change feed lost its connection: %s", exc)
            self.close()
            return set()

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:
                log.debug("change feed connection was already gone")
            self._conn = None


def notify(db: Database, topic: str, token: str) -> None:
    """Tell other workspaces on the same PostgreSQL database that ``topic`` changed."""
    if db.is_sqlite:
        return
    try:
        with db.write_engine.connect() as conn:
            conn.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": f"{topic} {token}"},
            )
            conn.commit()
    except Exception as exc:  # a missed notification only delays someone's refresh
        log.info("change notification not sent: %s", exc)


def new_token() -> str:
    return uuid.uuid4().hex
