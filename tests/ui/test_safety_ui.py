"""Backups dialog, damaged-database prompt, crash dialog and the single-instance handshake."""

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers.factories import customer
from touchdesk.data import backup
from touchdesk.ui import safety
from touchdesk.ui.single_instance import InstanceServer, ask_running_instance


def test_backup_now_lists_the_new_backup(qtbot, workspace, db_path):
    customer(workspace, "Nima")
    restored = []
    dialog = safety.BackupsDialog(db_path, restored.append)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert dialog.table.item(0, 2).text() == "backup"


def test_restore_asks_first_and_hands_over_the_chosen_file(qtbot, workspace, db_path, monkeypatch):
    made = backup.make_backup(db_path)
    restored = []
    dialog = safety.BackupsDialog(db_path, restored.append)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.restore_selected()
    assert restored == []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore_selected()
    assert restored == [made]


def _click_when_shown(button_text):
    def click():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                for button in widget.buttons():
                    if button.text() == button_text:
                        button.click()
                        return
        QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def test_damaged_database_restores_newest_good_backup(qtbot, workspace, db_path):
    customer(workspace, "Saved")
    backup.make_backup(db_path)
    workspace.close()
    db_path.write_bytes(b"garbage" * 1000)
    _click_when_shown("Restore that backup")
    assert safety.offer_backup_for_damaged(db_path, ["quick_check failed"]) is True
    backup.verify(db_path)
    assert any(p.name.startswith("touchdesk.sqlite3.damaged-") for p in db_path.parent.iterdir())


def test_crash_dialog_offers_copy_details(qtbot, private_home, monkeypatch):
    shown = []
    monkeypatch.setattr(safety, "_show_crash", lambda path, report: shown.append((path, report)))
    try:
        raise RuntimeError("secret customer note")
    except RuntimeError:
        safety.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: len(shown) == 1)
    path, report = shown[0]
    assert path.exists() and "builtins.RuntimeError" in report
    assert "secret customer note" not in report


def test_second_instance_brings_the_first_forward(qtbot, tmp_path):
    raised = []
    server = InstanceServer(str(tmp_path / "db.sqlite3"), lambda: raised.append(True))
    assert ask_running_instance(str(tmp_path / "db.sqlite3")) is True
    qtbot.waitUntil(lambda: raised == [True], timeout=5000)
    assert ask_running_instance(str(tmp_path / "other.sqlite3")) is False
    server.server.close()
