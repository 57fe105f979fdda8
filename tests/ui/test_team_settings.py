"""Settings → Database: what is open now, a connection test in plain words, "Use this database"
remembered per computer (never with a password) and read at the next start, switching right away,
and the per-computer name on a team server."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from tests.ui.conftest import wait_idle
from touchdesk.data.workspace import Workspace
from touchdesk.ui import db_choice
from touchdesk.ui.app import Shell
from touchdesk.ui.context import AppContext
from touchdesk.ui.views.settings import SettingsView

WAIT_MS = 15_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fill(section, url: str) -> None:  # type: ignore[no-untyped-def]
    parts = make_url(url)
    section.host.setText(parts.host or "")
    section.port.setValue(parts.port or 5432)
    section.database.setText(parts.database or "")
    section.user.setText(parts.username or "")


def _wait_result(section, qtbot) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: section.test_button.isEnabled(), timeout=WAIT_MS)
    wait_idle(qtbot)
    return str(section.result.text())


def test_a_local_file_and_a_server_that_does_not_answer(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    view = window.show_view("settings")
    section = view.database
    assert section.current.text().startswith("This computer's own file: ")
    assert str(workspace.db.path) in section.current.text()
    assert "user_name" in view.editors and section.name.isHidden()
    assert "TouchDesk never stores passwords" in section.password_note.text()
    port = _free_port()
    _fill(section, f"postgresql+psycopg://sara@127.0.0.1:{port}/touchdesk")
    section.use_button.click()
    text = _wait_result(section, qtbot)
    assert text.startswith(
        f"Nothing answered at 127.0.0.1:{port}. Is the PostgreSQL server running"
    )
    assert db_choice.remembered_url() == ""
    assert section.open_now_button.isHidden()


def test_use_this_database_is_remembered_and_opened(window, pg_database, qtbot):  # type: ignore[no-untyped-def]
    opened: list[str] = []
    window.ctx.switch_database = opened.append
    section = window.show_view("settings").database
    _fill(section, pg_database)
    section.test_button.click()
    assert "This is already a TouchDesk database" in _wait_result(section, qtbot)
    assert db_choice.remembered_url() == ""
    section.use_button.click()
    text = _wait_result(section, qtbot)
    assert "Saved for this computer: TouchDesk opens this database from its next start" in text
    expected = make_url(pg_database).set(password=None).render_as_string(hide_password=False)
    assert db_choice.remembered_url() == expected
    assert db_choice.start_location(None) == expected
    assert db_choice.start_location("/tmp/given.sqlite3") == "/tmp/given.sqlite3"
    assert section.open_now_button.isVisible()
    section.open_now_button.click()
    assert opened == [expected]
    section.local_button.click()
    assert db_choice.remembered_url() == ""
    assert db_choice.start_location(None).endswith("touchdesk.sqlite3")


def test_on_a_team_server_the_name_is_this_computers(pg_database, qtbot):  # type: ignore[no-untyped-def]
    ws = Workspace.open(pg_database, user="sara")
    try:
        ctx = AppContext(ws)
        view = SettingsView(ctx)
        qtbot.addWidget(view)
        section = view.database
        assert "user_name" not in view.editors
        assert section.current.text().startswith("A team server: postgresql+psycopg://")
        assert section.host.text() == make_url(pg_database).host
        assert not section.name.isHidden() and section.name.text() == "sara"
        section.name.setText("Parisa")
        section.name_button.click()
        assert ws.user_name == "Parisa"
        assert db_choice.team_user_name() == "Parisa"
        assert db_choice.user_for(pg_database) == "Parisa"
        assert db_choice.user_for("/tmp/local.sqlite3") is None
        view.deleteLater()
        wait_idle(qtbot)
    finally:
        ws.close()


@pytest.fixture
def second_file(db_path, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(db_path, other)
    yield str(other)


def test_switching_databases_rebuilds_the_window_on_the_other(workspace, second_file, qtbot):  # type: ignore[no-untyped-def]
    shell = Shell(QApplication.instance(), workspace)
    first = shell.build()  # deleted by the switch itself
    old_ctx = shell.ctx
    assert old_ctx.live is not None
    shell.ctx.switch_database(second_file)  # type: ignore[misc]
    qtbot.addWidget(shell.window)
    assert shell.ws.location == second_file and shell.window is not first
    assert old_ctx.live is None and shell.ctx.live is not None
    assert shell.ctx.switch_database is not None
    shell.ctx.close()
    wait_idle(qtbot)
    shell.ws.close()
