"""Trying a PostgreSQL server before a team uses it (Settings → Database → Test connection).

The address is built from host, port, database and user only: TouchDesk never asks for or stores
a password. libpq finds it the usual ways — the password file (``~/.pgpass``, on Windows
``%APPDATA%\\postgresql\\pgpass.conf``), ``PGPASSWORD``, or a ``PGSERVICE`` entry. The test
connects with a short timeout and answers in plain words: connected (server version, and whether
the database is empty, already TouchDesk's, or another program's), or what went wrong and what to
do about it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

from touchdesk import formatting
from touchdesk.i18n import _

DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5

# What a connection attempt found out (``ConnectionReport.state`` / ``.problem``).
EMPTY, TOUCHDESK, OTHER = "empty", "touchdesk", "other"
AUTH, REFUSED, UNKNOWN_HOST, NO_DATABASE, TIMEOUT, FAILED = (
    "auth",
    "refused",
    "unknown_host",
    "no_database",
    "timeout",
    "failed",
)

# Words of libpq's error messages, checked in this order.
_SIGNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (NO_DATABASE, ('database "',)),
    (
        AUTH,
        (
            "password authentication failed",
            "no password supplied",
            "fe_sendauth",
            "authentication failed",
            'role "',
            "pg_hba.conf",
        ),
    ),
    (REFUSED, ("connection refused", "no route to host")),
    (
        UNKNOWN_HOST,
        (
            "could not translate host name",
            "failed to resolve host",
            "name or service not known",
            "nodename nor servname",
            "temporary failure in name resolution",
        ),
    ),
    (TIMEOUT, ("timeout expired", "timed out")),
)


def build_url(host: str, port: int | None, database: str, user: str) -> str:
    """The SQLAlchemy URL of a PostgreSQL database (psycopg driver), without a password."""
    url = URL.create(
        "postgresql+psycopg",
        username=user.strip() or None,
        host=host.strip() or None,
        port=port or None,
        database=database.strip() or None,
    )
    return url.render_as_string(hide_password=False)


def classify(message: str) -> str:
    """Which kind of failure a libpq error message describes (``FAILED`` when unknown)."""
    text = message.lower()
    for kind, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return kind
    return FAILED


@dataclass(frozen=True)
class ConnectionReport:
    """The outcome of :func:`try_connection`; ``message()`` says it in the user's language."""

    url: str
    ok: bool
    server_version: str = ""
    state: str = ""  # EMPTY / TOUCHDESK / OTHER when connected
    schema: str = ""  # the TouchDesk schema version (alembic revision) when state is TOUCHDESK
    problem: str = ""  # AUTH / REFUSED / ... when not
    detail: str = ""  # the server's own words, for "copy details"

    def message(self) -> str:
        """What happened, and what to do next, in plain words."""
        url = make_url(self.url)
        if self.ok:
            version = formatting.digits(self.server_version)
            if self.state == TOUCHDESK:
                return _(
                    "Connected to PostgreSQL {version}. This is already a TouchDesk database "
                    "(schema {schema}): the team can work in it."
                ).format(version=version, schema=formatting.isolate(self.schema))
            if self.state == EMPTY:
                return _(
                    "Connected to PostgreSQL {version}. The database is empty: TouchDesk sets it "
                    "up when it first opens it, or copy this computer's data into it with "
                    "“touchdesk move-to”."
                ).format(version=version)
            return _(
                "Connected to PostgreSQL {version}, but this database holds another program's "
                "tables. Use an empty database or a TouchDesk one."
            ).format(version=version)
        host = formatting.isolate(url.host or "localhost")
        port = formatting.digits(str(url.port or DEFAULT_PORT))
        if self.problem == AUTH:
            return _(
                "The server did not let {user} log in. TouchDesk never stores passwords: put the "
                "password in ~/.pgpass (on Windows %APPDATA%\\postgresql\\pgpass.conf), set "
                "PGPASSWORD, or use a PGSERVICE entry — and check the user name."
            ).format(user=formatting.isolate(url.username or _("this computer's login")))
        if self.problem == REFUSED:
            return _(
                "Nothing answered at {host}:{port}. Is the PostgreSQL server running, and are "
                "the host and port right?"
            ).format(host=host, port=port)
        if self.problem == UNKNOWN_HOST:
            return _(
                "The computer {host} could not be found. Check the spelling, or use the "
                "server's IP address."
            ).format(host=host)
        if self.problem == NO_DATABASE:
            return _(
                "The server has no database called {database}. Ask whoever runs it to create "
                "an empty one, then test again."
            ).format(database=formatting.isolate(url.database or ""))
        if self.problem == TIMEOUT:
            return _(
                "The server at {host}:{port} did not answer within {seconds} seconds. Check the "
                "host, the network and any firewall."
            ).format(host=host, port=port, seconds=formatting.format_int(CONNECT_TIMEOUT_S))
        return _("Could not connect: {detail}").format(detail=self.detail)


def _libpq_url(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def try_connection(location: str, *, timeout: int = CONNECT_TIMEOUT_S) -> ConnectionReport:
    """Connect to a PostgreSQL database (within ``timeout`` seconds) and say what is there.
    Never raises for a connection problem: the report carries it. Slow: call off the UI thread."""
    import psycopg

    url = make_url(location)
    shown = url.render_as_string(hide_password=True)
    try:
        with psycopg.connect(_libpq_url(url), connect_timeout=timeout, autocommit=True) as conn:
            version = str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]  # type: ignore[index]
            tables = conn.execute(
                "SELECT count(*) FROM information_schema.tables"
                " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            ).fetchone()[0]  # type: ignore[index]
            schema = ""
            if conn.execute("SELECT to_regclass('alembic_version')").fetchone()[0]:  # type: ignore[index]
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                schema = str(row[0]) if row else ""
    except psycopg.Error as exc:
        detail = str(exc).strip()
        return ConnectionReport(shown, False, problem=classify(detail), detail=detail)
    state = TOUCHDESK if schema else (EMPTY if not tables else OTHER)
    return ConnectionReport(shown, True, server_version=version, state=state, schema=schema)
