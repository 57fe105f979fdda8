"""Start the GUI: QApplication, language and direction, the workspace, the main window.

Start-up does only what the first frame needs: the window and the screen last used (other screens
and their imports wait until opened; Today's lists are read on a worker thread). Garbage
collection, the single-instance server, automatic backups and the integrity check start once that
screen shows its data. ``--exit-after-startup`` quits right after the first frame with data and
prints how long it took.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from touchdesk import APP_NAME, i18n
from touchdesk.data.starting import StartingWorkspace, import_data_layer
from touchdesk.i18n import _
from touchdesk.ui import db_choice
from touchdesk.ui.context import AppContext
from touchdesk.ui.language import apply_language, apply_qt_language
from touchdesk.ui.mainwindow import MainWindow
from touchdesk.ui.operations import run_in_background

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

log = logging.getLogger(__name__)
EXIT_AFTER_STARTUP = "--exit-after-startup"
AFTER_START_LATEST_MS = 10_000


def resume_gc() -> None:
    """Turn the garbage collector back on after start-up (``touchdesk.cli.main`` turns it off
    while the window starts: imports create some 120,000 objects and the collector would run
    about 170 times over them, a tenth of start-up). What start-up made lives as long as the app,
    so it is frozen out of later collections, which then stay short."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _resource(*parts: str) -> str | None:
    try:
        path = resources.files("touchdesk.resources").joinpath(*parts)
    except ModuleNotFoundError:
        return None
    return str(path) if path.is_file() else None


def load_fonts() -> None:
    """Register the bundled Vazirmatn so Persian text looks right on every system."""
    for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
        path = _resource("fonts", name)
        if path:
            QFontDatabase.addApplicationFont(path)


class Shell:
    """Owns the app context and the main window; rebuilds the window when the language changes."""

    def __init__(self, app: QApplication, ws: Workspace, lang_override: str | None = None) -> None:
        self.app = app
        self.ws = ws
        self.lang_override = lang_override
        self.ctx = AppContext(ws)
        self.ctx.relocalize = self.relocalize
        self.ctx.switch_database = self.switch_database
        self.window: MainWindow | None = None
        # Helpers living as long as the app (single-instance server, backup scheduler).
        self.services: list[QObject] = []

    def apply_language(self) -> None:
        lang = apply_language(self.app, self.ws)
        if self.lang_override and self.lang_override != lang:
            from touchdesk import formatting, settings

            lang = i18n.set_language(self.lang_override)
            formatting.configure_for_language(
                lang,
                calendar=settings.resolved_calendar(self.ws.setting("calendar"), lang),
                currency=self.ws.currency(),
            )
            apply_qt_language(self.app, lang)
        font_family = "Vazirmatn" if lang == "fa" else ""
        if font_family and font_family in QFontDatabase.families():
            font = self.app.font()
            font.setFamily(font_family)
            self.app.setFont(font)

    def build(self) -> MainWindow:
        self.apply_language()
        self.window = MainWindow(self.ctx)
        if self.ws.db.path is not None:
            self.window.add_file_action(_("&Backups…"), self.open_backups)
        return self.window

    def open_backups(self) -> None:
        from touchdesk.ui.safety import BackupsDialog

        path = self.ws.db.path
        assert path is not None
        dialog = BackupsDialog(path, self.restore_backup, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def restore_backup(self, backup_path: Path) -> None:
        """Replace the database with a backup (the backup module keeps a safety copy)."""
        from touchdesk.data import backup

        path = self.ws.db.path
        assert path is not None
        self.reopen(lambda: backup.restore(path, backup_path))

    def reopen(self, change: Callable[[], object], location: str | None = None) -> None:
        """Close the database, let ``change`` replace the file, open it (or ``location``) again
        and rebuild the window on it (the database is reopened even when ``change`` fails)."""
        old = self.window
        if old is not None:
            old.save_state()
        self.ctx.close()
        QThreadPool.globalInstance().waitForDone()
        location = location or self.ws.location
        self.ws.close()
        try:
            change()
        finally:
            from touchdesk.data.workspace import Workspace

            self.ws = Workspace.open(location, user=db_choice.user_for(location))
            self.ctx = AppContext(self.ws)
            self.ctx.relocalize = self.relocalize
            self.ctx.switch_database = self.switch_database
            window = self.build()
            window.show()
            if old is not None:
                old.hide()
                old.deleteLater()

    def switch_database(self, location: str) -> None:
        """Work in another database from now on (Settings → Database → Use this database)."""
        self.reopen(lambda: None, location)

    def finish_loading(self, then: Callable[[], None]) -> None:
        """After the first frame: load the data layer on a worker, open the real workspace on
        the UI thread, start watching for others' changes, then ``then()`` (at once when the
        workspace was opened the usual way)."""
        starting = self.ws
        if not isinstance(starting, StartingWorkspace) or starting.loaded:
            then()
            return

        def imported(_result: object) -> None:
            try:
                starting.load()
            except Exception as exc:
                log.exception("cannot open the database")
                QMessageBox.critical(
                    self.window,
                    APP_NAME,
                    _("The database could not be opened: {error}").format(error=exc),
                )
                self.app.quit()
                return
            if self.window is not None:
                self.ctx.start_live_updates(self.window)
            then()

        def failed(exc: Exception) -> None:
            log.warning("loading the data layer on a worker failed: %s", exc)
            imported(None)  # load() imports it here instead, or reports what is wrong

        run_in_background(import_data_layer, imported, failed)

    def check_integrity(self) -> None:
        """``PRAGMA quick_check`` off the UI thread; damage opens the restore prompt."""
        window = self.window

        def checked(problems: list[str]) -> None:
            if not problems:
                return
            from touchdesk.ui.safety import offer_backup_for_damaged

            path = self.ws.db.path
            assert path is not None
            outcome: list[bool] = []
            self.reopen(lambda: outcome.append(offer_backup_for_damaged(path, problems, window)))
            if outcome != [True]:
                self.app.quit()

        run_in_background(
            self.ws.db.quick_check,
            checked,
            lambda exc: log.warning("quick check failed: %s", exc),
            owner=window,
        )

    def relocalize(self) -> None:
        """Apply a new language, calendar or currency: direction, digits and every label."""
        old = self.window
        if old is not None:
            old.save_state()
        self.lang_override = None
        window = self.build()
        window.show()
        if old is not None:
            old.hide()
            old.deleteLater()


def run_gui(args: argparse.Namespace, qt_args: list[str]) -> int:
    """The ``touchdesk`` command without a subcommand: open the window on ``--db``."""
    started = time.perf_counter()
    exit_after = bool(getattr(args, "exit_after_startup", False)) or EXIT_AFTER_STARTUP in qt_args
    qt_args = [a for a in qt_args if a != EXIT_AFTER_STARTUP]
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    icon = _resource("icons", "touchdesk.png")
    if icon:
        app.setWindowIcon(QIcon(icon))
    load_fonts()
    from touchdesk.ui import safety, single_instance

    safety.install_crash_handler()
    location = db_choice.start_location(args.db)
    if not exit_after and single_instance.ask_running_instance(location):
        return 0  # the window already open on this database came forward
    ws = open_workspace(location)
    if ws is None:
        return 1
    shell = Shell(app, ws, getattr(args, "lang", None))
    window = shell.build()
    window.show()

    started_services = False

    def after_start() -> None:
        """What start-up held back: garbage collection, the single-instance server, backups,
        the integrity check and SQLite's table statistics when they are missing or old."""
        nonlocal started_services
        resume_gc()
        if started_services:
            return
        started_services = True
        shell.services.append(
            single_instance.InstanceServer(location, lambda: bring_forward(shell), app)
        )
        path = shell.ws.db.path
        if path is not None:
            backups = safety.BackupScheduler(path, app)
            shell.services.append(backups)
            app.aboutToQuit.connect(backups.on_close)
            QTimer.singleShot(1000, shell.check_integrity)
            run_in_background(
                shell.ws.db.refresh_statistics,
                lambda _ran: None,
                lambda exc: log.info("table statistics not gathered: %s", exc),
            )

    def loaded() -> None:
        """The real workspace is open: start the rest, or (when timing) quit."""
        if exit_after:
            print(f"loaded_ms={(time.perf_counter() - started) * 1000:.0f}", file=sys.stderr)
            app.quit()
        else:
            after_start()

    def first_frame() -> None:
        """The window shows its data; the data layer loads now if it was left for later."""
        if exit_after:
            # Lay out what the data changed first (the event loop would, before its next
            # paint): the frame timed is the finished one, not the widgets at their old sizes.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            window.repaint()
            print(f"startup_ms={(time.perf_counter() - started) * 1000:.0f}", file=sys.stderr)
        shell.finish_loading(loaded)

    window.when_ready(first_frame)
    if not exit_after:
        # Should the first screen never report its data, start the rest anyway.
        QTimer.singleShot(AFTER_START_LATEST_MS, lambda: shell.finish_loading(after_start))
    try:
        return app.exec()
    finally:
        if shell.window is not None:
            shell.window.save_state()
        shell.ctx.close()
        QThreadPool.globalInstance().waitForDone()
        shell.ws.close()


def open_workspace(location: str) -> Workspace | None:
    """Open the database: a current database file answers the first screen's reads before the
    data layer has loaded (see ``touchdesk.data.starting``); anything else opens the usual way,
    where a file SQLite cannot read opens the damaged-database prompt."""
    user = db_choice.user_for(location)
    starting = StartingWorkspace.open(location, user=user)
    if starting is not None:
        return cast("Workspace", starting)
    try:
        from touchdesk.data.workspace import Workspace

        return Workspace.open(location, user=user)
    except Exception as exc:
        log.exception("cannot open the database")
        path = Path(location)
        if "://" not in location and path.is_file():
            from touchdesk.ui.safety import offer_backup_for_damaged

            if offer_backup_for_damaged(path, [str(exc)]):
                return open_workspace(location)
            return None
        QMessageBox.critical(
            None, APP_NAME, _("The database could not be opened: {error}").format(error=exc)
        )
        return None


def bring_forward(shell: Shell) -> None:
    """Another start on this database asked us to show the window."""
    window = shell.window
    if window is not None:
        window.showNormal()
        window.raise_()
        window.activateWindow()
