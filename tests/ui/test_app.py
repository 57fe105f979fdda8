"""The app shell: the real entry point opens and quits after its first frame with data, a window
opened on the early reads takes over the real workspace, the Backups entry restores a backup into
a rebuilt window, and the View menu lists only real screens."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication

from tests.helpers.factories import customer
from touchdesk.data import backup
from touchdesk.data.starting import StartingWorkspace
from touchdesk.ui.app import Shell, open_workspace
from touchdesk.ui.views import VIEWS, available


def test_exit_after_startup(db_path, workspace, ui_home):  # type: ignore[no-untyped-def]
    """The real command, in its own process (quitting an app ends its event loops for good)."""
    customer(workspace, "Startup Check")
    workspace.close()
    env = {**os.environ, "TOUCHDESK_HOME": str(ui_home), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "touchdesk", "--db", str(db_path), "--exit-after-startup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "startup_ms=" in proc.stderr
    assert (ui_home / "ui-state.ini").read_text().count("view=today") == 1


def test_restore_a_backup_from_the_window(workspace, db_path, qtbot):  # type: ignore[no-untyped-def]
    customer(workspace, "Kept")
    made = backup.make_backup(db_path)
    customer(workspace, "Added after the backup")
    shell = Shell(QApplication.instance(), workspace)
    first = shell.build()
    qtbot.addWidget(first)
    assert any(a.text() == "&Backups…" for a in first.file_menu.actions())
    shell.restore_backup(made)
    qtbot.addWidget(shell.window)
    assert shell.window is not first
    assert [r.name for r in shell.ws.find_customers()] == ["Kept"]
    view = shell.window.show_view("customers")
    assert view.model.rowCount() == 1
    shell.ws.close()


def test_navigation_lists_only_existing_screens(window):  # type: ignore[no-untyped-def]
    shown = [window.nav.item(i).data(0x0100) for i in range(window.nav.count())]
    assert shown == [v.key for v in available()]
    assert {"today", "customers", "settings"} <= set(shown)
    assert set(shown) <= {v.key for v in VIEWS}


def test_a_window_opened_early_takes_over_the_real_workspace(workspace, db_path, qtbot, ui_home):  # type: ignore[no-untyped-def]
    customer(workspace, "Early Bird")
    workspace.currency()  # settled on the first start
    workspace.close()
    ws = open_workspace(str(db_path))
    assert isinstance(ws, StartingWorkspace) and not ws.loaded
    shell = Shell(QApplication.instance(), ws)
    window = shell.build()
    qtbot.addWidget(window)
    view = window.show_view("customers")
    assert [view.model.customer_at(0).name, ws.loaded] == ["Early Bird", False]
    assert shell.ctx.live is None  # others' changes are watched once the workspace is open
    done: list[bool] = []
    shell.finish_loading(lambda: done.append(ws.loaded))
    qtbot.waitUntil(lambda: done == [True])
    assert shell.ctx.live is not None and shell.ctx.live.running
    # A save now goes through the real workspace, and the open list hears of it.
    cid = customer(shell.ws, "Second Bird")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.model.customer_at(1).id == cid
    shell.ctx.close()
    ws.close()
