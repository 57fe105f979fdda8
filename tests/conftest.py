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


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(db_path)
    yield ws
    ws.close()
