"""Settings → Database: where the data lives now (this computer's file or a team server), a
PostgreSQL server to test and use — host, port, database and user, never a password — and, on a
team server, the name this computer works under."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from touchdesk import formatting
from touchdesk.data.connection import (
    DEFAULT_PORT,
    EMPTY,
    TOUCHDESK,
    ConnectionReport,
    build_url,
    try_connection,
)
from touchdesk.i18n import _
from touchdesk.paths import default_db_location, is_server_url
from touchdesk.ui import db_choice
from touchdesk.ui.context import AppContext
from touchdesk.ui.operations import run_in_background

OK_COLOR, PROBLEM_COLOR = "#1b5e20", "#b00020"


class DatabaseSection(QGroupBox):
    """The Database part of the Settings screen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Database"), parent)
        self.setObjectName("databaseSection")
        self.ctx = ctx
        ws = ctx.ws
        self.current = QLabel()
        self.current.setObjectName("currentDatabase")
        self.current.setWordWrap(True)
        self.current.setText(self._describe_current())
        self.name = QLineEdit(ws.user_name)
        self.name.setObjectName("teamUserName")
        self.name_button = QPushButton(_("Use this name"))
        self.host = QLineEdit()
        self.host.setPlaceholderText(_("e.g. db.example.com or 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("touchdesk")
        self.user = QLineEdit()
        self.user.setPlaceholderText(_("your login on the server"))
        for field in (self.host, self.database, self.user):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # addresses read left to right
        self.password_note = QLabel(
            _(
                "There is no password field: TouchDesk never stores passwords. PostgreSQL's own "
                "client finds it in ~/.pgpass (on Windows %APPDATA%\\postgresql\\pgpass.conf), in "
                "the PGPASSWORD environment variable, or in a PGSERVICE entry."
            )
        )
        self.password_note.setObjectName("passwordNote")
        self.password_note.setWordWrap(True)
        self.password_note.setStyleSheet("color: #666;")
        self.test_button = QPushButton(_("Test connection"))
        self.use_button = QPushButton(_("Use this database"))
        self.local_button = QPushButton(_("Use this computer's file"))
        self.open_now_button = QPushButton(_("Open it now"))
        self.open_now_button.hide()
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        self.result.hide()

        form = QFormLayout()
        form.addRow(_("Now open"), self.current)
        if ws.team_mode:
            name_row = QHBoxLayout()
            name_row.addWidget(self.name, 1)
            name_row.addWidget(self.name_button)
            form.addRow(_("Your name"), name_row)
        else:
            self.name.hide()
            self.name_button.hide()
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database name"), self.database)
        form.addRow(_("User"), self.user)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        buttons.addWidget(self.local_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.password_note)
        layout.addLayout(buttons)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_now_button)
        layout.addLayout(result_row)

        self._fill_from(db_choice.remembered_url() or (ws.location if ws.team_mode else ""))
        self.local_button.setVisible(bool(db_choice.remembered_url()) or ws.team_mode)
        self.test_button.clicked.connect(lambda: self.test())
        self.use_button.clicked.connect(lambda: self.test(use=True))
        self.local_button.clicked.connect(self.use_local_file)
        self.open_now_button.clicked.connect(self.open_now)
        self.name_button.clicked.connect(self.apply_name)
        self._chosen = ""

    def _describe_current(self) -> str:
        ws = self.ctx.ws
        where = formatting.isolate(ws.location)
        if ws.team_mode:
            return _("A team server: {url}").format(url=where)
        return _("This computer's own file: {path}").format(path=where)

    def _fill_from(self, location: str) -> None:
        if not is_server_url(location):
            return
        url = make_url(location)
        self.host.setText(url.host or "")
        self.port.setValue(url.port or DEFAULT_PORT)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")

    def url(self) -> str:
        """The server address typed in (without a password)."""
        return build_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text()
        )

    def test(self, *, use: bool = False) -> None:
        """Try the server on a worker; with ``use``, remember it when it is fit to work in."""
        url = self.url()
        self.test_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self.open_now_button.hide()
        self._say(_("Connecting to {server}…").format(server=formatting.isolate(url)), None)
        run_in_background(
            lambda: try_connection(url),
            lambda report: self._tested(report, use),
            self._test_failed,
            owner=self,
        )

    def _tested(self, report: ConnectionReport, use: bool) -> None:
        self.test_button.setEnabled(True)
        self.use_button.setEnabled(True)
        usable = report.ok and report.state in (TOUCHDESK, EMPTY)
        text = report.message()
        if use and usable:
            db_choice.remember_url(report.url)
            self._chosen = report.url
            text += "\n" + _(
                "Saved for this computer: TouchDesk opens this database from its next start "
                "(unless a database is given with --db or TOUCHDESK_DB)."
            )
            self.open_now_button.setVisible(self.ctx.switch_database is not None)
            self.local_button.show()
        self._say(text, usable)

    def _test_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self.use_button.setEnabled(True)
        self._say(_("Could not connect: {detail}").format(detail=exc), False)

    def _say(self, text: str, good: bool | None) -> None:
        color = "" if good is None else (OK_COLOR if good else PROBLEM_COLOR)
        self.result.setStyleSheet(f"color: {color};" if color else "")
        self.result.setText(text)
        self.result.show()

    def use_local_file(self) -> None:
        """Forget the server: the next start opens this computer's own file again."""
        db_choice.remember_url("")
        self._chosen = default_db_location()
        self.open_now_button.setVisible(
            self.ctx.ws.team_mode and self.ctx.switch_database is not None
        )
        self._say(_("The next start opens this computer's own file again."), True)

    def open_now(self) -> None:
        """Switch to the chosen database right away (the window is rebuilt on it)."""
        if self._chosen and self.ctx.switch_database is not None:
            self.ctx.switch_database(self._chosen)

    def apply_name(self) -> None:
        """Work under this name on this computer (team databases only)."""
        name = self.name.text().strip()
        if not name:
            self._say(_("Your name cannot be empty."), False)
            return
        db_choice.set_team_user_name(name)
        self.ctx.ws.set_user(name)
        self.ctx.status(_("You now work as {name}.").format(name=name))
        self._say(_("You now work as {name}.").format(name=name), True)
