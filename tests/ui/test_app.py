"""The app shell: the real entry point opens and quits after its first frame with data, the
Backups entry restores a backup into a rebuilt window, and the View menu lists only real screens."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication

from tests.helpers.factories import customer
from touchdesk.data import backup
from touchdesk.ui.app import Shell
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
