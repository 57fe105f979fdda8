"""Keeping the data safe from the window: automatic backups, Backups & restore dialog, the
damaged-database prompt on open, and the crash dialog with "copy details"."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from touchdesk import crashlog, formatting
from touchdesk.data import backup
from touchdesk.i18n import _
from touchdesk.ui.operations import run_in_background, show_failure

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 5 * 60 * 1000  # look every 5 minutes; auto_backup itself waits 30 minutes


class BackupScheduler(QObject):
    """Makes automatic backups off the UI thread: at most every 30 minutes and only after a
    change (``backup.auto_backup`` decides), and one on close."""

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        if self._busy:
            return
        self._busy = True

        def done(_path: object) -> None:
            self._busy = False

        def failed(exc: Exception) -> None:
            self._busy = False
            log.warning("automatic backup failed: %s", exc)

        run_in_background(lambda: backup.auto_backup(self.db_path), done, failed, owner=self)

    def on_close(self) -> None:
        """The closing backup; the window is already gone, so waiting here freezes nothing."""
        self.timer.stop()
        try:
            backup.auto_backup(self.db_path, force=True)
        except backup.BackupError as exc:
            log.warning("closing backup failed: %s", exc)


class BackupsDialog(QDialog):
    """Back up now, and restore from the list of backups (a safety copy makes restore undoable)."""

    def __init__(
        self, db_path: Path, restore: Callable[[Path], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._restore = restore
        self.setWindowTitle(_("Backups"))
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _("Backups of {path} are kept in {folder}").format(
                    path=formatting.isolate(str(db_path)),
                    folder=formatting.isolate(str(backup.folder_for(db_path))),
                )
            )
        )
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Made"), _("Size"), _("Kind")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now"), self)
        self.restore_button = QPushButton(_("Restore selected…"), self)
        self.folder_button = QPushButton(_("Open folder"), self)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(backup.folder_for(self.db_path)))
            )
        )
        self.refresh()

    def refresh(self) -> None:
        self.items = backup.list_backups(self.db_path)
        self.table.setRowCount(len(self.items))
        for r, info in enumerate(self.items):
            cells = (
                formatting.format_datetime(info.made_at, utc=False),
                formatting.format_number(info.size / 1_048_576, 1) + " MB",
                _("safety copy before a restore") if info.safety_copy else _("backup"),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.restore_button.setEnabled(bool(self.items))
        if self.items:
            self.table.selectRow(0)

    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)

        def done(path: object) -> None:
            self.backup_button.setEnabled(True)
            self.refresh()

        def failed(exc: Exception) -> None:
            self.backup_button.setEnabled(True)
            show_failure(self, exc, None)

        run_in_background(lambda: backup.make_backup(self.db_path), done, failed, owner=self)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        info = self.items[rows[0].row()]
        answer = QMessageBox.question(
            self,
            _("Restore backup"),
            _(
                "Replace the current data with the backup made {when}? The data as it is now is kept as a safety copy, so you can undo this."
            ).format(when=formatting.format_datetime(info.made_at, utc=False)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._restore(info.path)
        except backup.BackupError as exc:
            show_failure(self, exc, None)
            return
        self.refresh()


def offer_backup_for_damaged(
    db_path: Path, problems: list[str], parent: QWidget | None = None
) -> bool:
    """The database failed its quick check: move it aside and restore the newest good backup if
    the user agrees. Returns whether a usable database is now in place."""
    newest = backup.newest_good_backup(db_path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("The database is damaged"))
    text = _(
        "TouchDesk found damage in {path}. The damaged file will be moved aside, not deleted."
    ).format(path=formatting.isolate(str(db_path)))
    restore_button = None
    if newest is not None:
        text += "\n\n" + _("The newest good backup was made {when}.").format(
            when=formatting.format_datetime(newest.made_at, utc=False)
        )
        restore_button = box.addButton(_("Restore that backup"), QMessageBox.ButtonRole.AcceptRole)
    else:
        text += "\n\n" + _("There is no good backup; TouchDesk can start with an empty database.")
    start_empty = box.addButton(
        _("Start with an empty database"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setText(text)
    box.setDetailedText("\n".join(problems))
    box.exec()
    clicked = box.clickedButton()
    if clicked is None or clicked not in (restore_button, start_empty):
        return False
    aside = backup.move_aside(db_path)
    log.warning("damaged database moved to %s", aside)
    if clicked is restore_button and newest is not None:
        backup.restore(db_path, newest.path)
    return True


_previous_hook = sys.excepthook


def _show_crash(path: Path, report: str) -> None:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("TouchDesk ran into a problem"))
    box.setText(
        _(
            "Something went wrong. Your saved data is safe. A report was written to {path}; it holds no customer data."
        ).format(path=formatting.isolate(str(path)))
    )
    box.setDetailedText(report)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
    box.exec()


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Write a crash report and show it; the app keeps running when it can."""
    if issubclass(exc_type, KeyboardInterrupt):
        _previous_hook(exc_type, exc, tb)
        return
    log.error("unhandled exception", exc_info=(exc_type, exc, tb))
    path, report = crashlog.write_crash_log(exc_type, exc, tb)
    if QGuiApplication.instance() is not None:
        QTimer.singleShot(0, lambda: _show_crash(path, report))


def install_crash_handler() -> None:
    crashlog.enable_faulthandler()
    sys.excepthook = excepthook
