"""Shared test set-up: headless Qt, an isolated data folder, fresh databases, English defaults."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no display here or in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TOUCHDESK_HOME"] = tempfile.mkdtemp(prefix="touchdesk-test-home-")
os.environ.pop("TOUCHDESK_DB", None)
os.environ["LANG"] = "en_GB.UTF-8"
os.environ["TZ"] = "UTC"

import itertools
import time

time.tzset()

import pytest  # noqa: E402
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

from touchdesk import formatting  # noqa: E402
from touchdesk.data.workspace import Workspace  # noqa: E402
from touchdesk.i18n import set_language  # noqa: E402

# Tests never depend on wall-clock time: no Hypothesis deadlines (the machine is shared and slow).
# In CI the examples are derandomized (the same every run, so a submission's result does not
# depend on luck); local runs keep exploring new examples, which is where new bugs show up.
hypothesis_settings.register_profile(
    "touchdesk",
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("touchdesk")

_TEMPLATE: Path | None = None


def _template() -> Path:
    """An empty, migrated database made once per run and copied for each test (migrations are slow)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="touchdesk-template-"))
        path = folder / "template.sqlite3"
        ws = Workspace.open(path)
        ws.close()
        _TEMPLATE = path
    return _TEMPLATE


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder (backups, logs, UI state)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TOUCHDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def english_defaults() -> Iterator[None]:
    set_language("en")
    formatting.configure(calendar="gregorian", persian_digits=False, currency="USD", rtl=False)
    yield
    set_language("en")
    formatting.configure(calendar="gregorian", persian_digits=False, currency="USD", rtl=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh, migrated database file in the test's own folder."""
    path = tmp_path / "touchdesk.sqlite3"
    shutil.copyfile(_template(), path)
    os.chmod(path, 0o600)
    return path


# --- the two database engines -------------------------------------------------------------------
# Data-layer tests (tests/data, and any test marked ``both_backends``) that use the ``workspace`` or
# ``db_url`` fixture run twice: on a SQLite file and on a fresh PostgreSQL database. The server is
# the one `tools/test-postgres` starts (its URL in TOUCHDESK_TEST_PG_URL); without it the
# PostgreSQL runs are skipped, unless TOUCHDESK_REQUIRE_PG is set (CI), where they fail instead.

PG_SERVER = os.environ.get("TOUCHDESK_TEST_PG_URL", "")
_PG_TEMPLATE: str | None = None
_PG_NAMES = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_backends: run on SQLite and on PostgreSQL")
    config.addinivalue_line("markers", "sqlite_only: a SQLite file feature (backups, pragmas)")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop this run's PostgreSQL template database."""
    if _PG_TEMPLATE is None:
        return
    from sqlalchemy import text

    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{_PG_TEMPLATE}" WITH (FORCE)'))
    admin.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    uses_db = {"workspace", "db_url"} & set(metafunc.fixturenames)
    if not uses_db or "db_path" in metafunc.fixturenames or "backend" not in metafunc.fixturenames:
        return
    in_data = Path(str(metafunc.definition.path)).parent.name == "data"
    wanted = in_data or metafunc.definition.get_closest_marker("both_backends") is not None
    if wanted and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which engine this test runs on: "sqlite" unless parametrized for both."""
    return getattr(request, "param", "sqlite")


def _pg_admin():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")


def _pg_template() -> str:
    """A migrated PostgreSQL database made once per run; each test gets a copy of it."""
    global _PG_TEMPLATE
    if _PG_TEMPLATE is None:
        from sqlalchemy import text

        name = f"touchdesk_template_{os.getpid()}"
        admin = _pg_admin()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        Workspace.open(_pg_url(name)).close()
        _PG_TEMPLATE = name
    return _PG_TEMPLATE


def _pg_url(database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_SERVER).set(database=database).render_as_string(hide_password=False)


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (its URL), dropped after the test."""
    if not PG_SERVER:
        if os.environ.get("TOUCHDESK_REQUIRE_PG"):
            pytest.fail(
                "TOUCHDESK_TEST_PG_URL is not set: start the server with tools/test-postgres"
            )
        pytest.skip("no PostgreSQL test server (tools/test-postgres; TOUCHDESK_TEST_PG_URL)")
    from sqlalchemy import text

    template = _pg_template()
    name = f"touchdesk_test_{os.getpid()}_{next(_PG_NAMES)}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield _pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest) -> str:
    """Where this test's database lives: a SQLite file path or a PostgreSQL URL."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_database")
    return str(request.getfixturevalue("db_path"))


@pytest.fixture
def workspace(db_url: str) -> Iterator[Workspace]:
    ws = Workspace.open(db_url)
    yield ws
    ws.close()
