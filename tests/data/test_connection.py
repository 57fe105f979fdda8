"""Settings → Database's connection test: the URL never carries a password, each way a connection
fails is told apart, and a real server is reported as empty, TouchDesk's, or another program's."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from touchdesk import paths
from touchdesk.data.connection import (
    AUTH,
    EMPTY,
    FAILED,
    NO_DATABASE,
    OTHER,
    REFUSED,
    TIMEOUT,
    TOUCHDESK,
    UNKNOWN_HOST,
    ConnectionReport,
    build_url,
    classify,
    try_connection,
)
from touchdesk.data.migrate import HEAD


def test_build_url_has_no_password() -> None:
    assert (
        build_url(" db.example.com ", 5433, "touchdesk", "sara")
        == "postgresql+psycopg://sara@db.example.com:5433/touchdesk"
    )
    assert build_url("", None, "touchdesk", "") == "postgresql+psycopg:///touchdesk"


@given(
    user=st.text(min_size=1, max_size=20).filter(str.strip),
    database=st.text(min_size=1, max_size=20).filter(str.strip),
)
def test_any_user_and_database_name_survive_the_url(user: str, database: str) -> None:
    url = make_url(build_url("server", 5432, database, user))
    assert (url.username, url.database, url.password) == (user.strip(), database.strip(), None)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  password '
            'authentication failed for user "sara"',
            AUTH,
        ),
        ("fe_sendauth: no password supplied", AUTH),
        ('FATAL:  role "nobody" does not exist', AUTH),
        ('FATAL:  database "crm" does not exist', NO_DATABASE),
        ("port 5432 failed: Connection refused\n\tIs the server running on that host?", REFUSED),
        ('could not translate host name "srv" to address: Name or service not known', UNKNOWN_HOST),
        ("failed to resolve host 'srv': [Errno -2] Name or service not known", UNKNOWN_HOST),
        ("connection timeout expired", TIMEOUT),
        ("SSL SYSCALL error: EOF detected", FAILED),
    ],
)
def test_failures_are_told_apart(message: str, kind: str) -> None:
    assert classify(message) == kind


def test_messages_say_what_to_do() -> None:
    url = "postgresql+psycopg://sara@db.example.com:5433/crm"
    auth = ConnectionReport(url, False, problem=AUTH).message()
    assert "sara" in auth and "~/.pgpass" in auth and "PGPASSWORD" in auth
    refused = ConnectionReport(url, False, problem=REFUSED).message()
    assert "db.example.com" in refused and "5433" in refused and "running" in refused
    assert "crm" in ConnectionReport(url, False, problem=NO_DATABASE).message()
    other = ConnectionReport(url, False, problem=FAILED, detail="SSL SYSCALL error").message()
    assert other == "Could not connect: SSL SYSCALL error"


def test_nothing_listening_is_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = try_connection(build_url("127.0.0.1", port, "touchdesk", "sara"), timeout=2)
    assert (report.ok, report.problem) == (False, REFUSED)
    assert "Connection refused" in report.detail


def _server(pg_url: str, database: str) -> str:
    return make_url(pg_url).set(database=database).render_as_string(hide_password=False)


@pytest.fixture
def empty_database(pg_database: str) -> Iterator[str]:
    """A second, empty database on the test server (its URL)."""
    name = make_url(pg_database).database + "_empty"
    admin = make_url(pg_database).set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _server(pg_database, name)
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_touchdesk_database_is_recognised(pg_database: str) -> None:
    report = try_connection(pg_database)
    assert (report.ok, report.state, report.schema) == (True, TOUCHDESK, HEAD)
    assert report.server_version[0].isdigit()
    assert report.message().startswith(
        f"Connected to PostgreSQL {report.server_version}. This is already a TouchDesk database"
    )


def test_an_empty_database_and_another_programs(empty_database: str) -> None:
    report = try_connection(empty_database)
    assert (report.ok, report.state) == (True, EMPTY)
    assert "The database is empty" in report.message()
    libpq = make_url(empty_database).set(drivername="postgresql")
    with psycopg.connect(libpq.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    assert try_connection(empty_database).state == OTHER


def test_a_missing_database_or_login_is_named(pg_database: str) -> None:
    missing = try_connection(_server(pg_database, "no_such_touchdesk_db"))
    assert (missing.ok, missing.problem) == (False, NO_DATABASE)
    stranger = make_url(pg_database).set(username="no_such_touchdesk_user")
    denied = try_connection(stranger.render_as_string(hide_password=False))
    assert (denied.ok, denied.problem) == (False, AUTH)
    assert "no_such_touchdesk_user" in denied.message()
    assert paths.is_server_url(pg_database) and not paths.is_server_url("/tmp/x.db")
