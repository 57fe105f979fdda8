"""The answer-snippet library: reusable replies (title + text), searchable, copied with one click
or inserted into the note being logged, so the business says the same thing on every channel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk.data.records import SnippetRow, ValidationError
from touchdesk.data.workspace import Workspace
from touchdesk.i18n import N_, _
from touchdesk.ui.dialogs.banner import FailureBanner
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.operations import run_op
from touchdesk.ui.widgets.field_errors import FieldErrors
from touchdesk.ui.widgets.tables import setup_table


class SnippetsDialog(QDialog):
    """With ``on_insert``, an Insert button hands the chosen text to the caller (quick-log)."""

    def __init__(
        self,
        ws: Workspace,
        *,
        on_insert: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.on_insert = on_insert
        self.current_id: int | None = None
        self.setWindowTitle(_("Answer snippets"))
        self.resize(720, 420)
        self.banner = FailureBanner(self.save)
        self.errors = FieldErrors()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search snippets"))
        self.search.setClearButtonEnabled(True)
        self.model: RowsModel[SnippetRow] = RowsModel(
            [Column(N_("Title"), lambda r: r.title)], self
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("Title"))
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(_("The reply text"))
        self.copy_button = QPushButton(_("&Copy"))
        self.insert_button = QPushButton(_("&Insert into note"))
        self.insert_button.setVisible(on_insert is not None)
        self.new_button = QPushButton(_("&New"))
        self.save_button = QPushButton(_("&Save"))
        self.delete_button = QPushButton(_("&Delete"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.errors.wrap("title", self.title))
        right_layout.addWidget(self.errors.wrap("body", self.body), 1)
        buttons = QHBoxLayout()
        for b in (
            self.copy_button,
            self.insert_button,
            self.new_button,
            self.save_button,
            self.delete_button,
        ):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show(cur.row())
        )
        self.copy_button.clicked.connect(self.copy)
        self.insert_button.clicked.connect(self.insert)
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.table.doubleClicked.connect(lambda _i: self.insert() if on_insert else self.copy())
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        self.model.set_rows(self.ws.snippets(self.search.text()))
        row = next((i for i, r in enumerate(self.model.rows()) if r.id == self.current_id), 0)
        if self.model.rowCount():
            self.table.selectRow(row)
        else:
            self.new()

    def _show(self, row: int) -> None:
        snippet = self.model.row_at(row)
        if snippet is None:
            return
        self.current_id = snippet.id
        self.title.setText(snippet.title)
        self.body.setPlainText(snippet.body)
        self.errors.clear()

    def new(self) -> None:
        self.current_id = None
        self.table.clearSelection()
        self.title.clear()
        self.body.clear()
        self.title.setFocus()

    def copy(self) -> None:
        """Put the snippet's text on the clipboard."""
        QGuiApplication.clipboard().setText(self.body.toPlainText())

    def insert(self) -> None:
        if self.on_insert is not None and self.body.toPlainText():
            self.on_insert(self.body.toPlainText())
            self.accept()

    def save(self) -> None:
        self.errors.clear()
        self.banner.hide()
        title, body, sid = self.title.text(), self.body.toPlainText(), self.current_id

        def saved(new_id: int) -> None:
            self.current_id = new_id
            self.refresh()

        run_op(
            self,
            lambda: self.ws.save_snippet(title, body, sid),
            on_success=saved,
            on_failure=self._failed,
        )

    def delete(self) -> None:
        if self.current_id is None:
            return
        sid = self.current_id
        self.current_id = None
        run_op(
            self,
            lambda: self.ws.delete_snippet(sid),
            on_success=lambda _r: self.refresh(),
            on_failure=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc.errors)
        else:
            self.banner.show_error(exc)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.insert() if self.on_insert else self.copy()
            return
        super().keyPressEvent(event)
