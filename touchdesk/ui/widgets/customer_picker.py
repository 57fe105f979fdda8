"""Pick a customer by typing: a line edit whose completion list is read from the search index
(20 matches at a time), so it stays instant with 100,000 customers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from touchdesk.i18n import _
from touchdesk.ui.models.completion import CustomerCompletionModel

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

DEBOUNCE_MS = 80


class CustomerPicker(QLineEdit):
    """``customer_id`` is the chosen customer; typing clears it until a match is picked."""

    customer_changed = Signal(object)  # int | None

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.customer_id: int | None = None
        self.setPlaceholderText(_("Type a name, phone or e-mail"))
        self.setClearButtonEnabled(True)
        self.matches = CustomerCompletionModel(ws, self)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        self.completer_.setWidget(self)
        # The QModelIndex overload of activated; PySide6's stubs cannot index a signal.
        self.completer_.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        if self.customer_id is not None:
            self.customer_id = None
            self.customer_changed.emit(None)
        self._timer.start()

    def _search(self) -> None:
        self.matches.set_query(self.text())
        if self.matches.rowCount() and self.hasFocus():
            self.completer_.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

    def _picked(self, index: QModelIndex) -> None:
        row = self.matches.customer_at(index.row())
        if row is not None:
            self.set_customer(row.id, row.name)

    def set_customer(self, customer_id: int | None, name: str = "") -> None:
        """Choose a customer (``None`` clears the choice and the text)."""
        self._timer.stop()
        self._hide_popup()
        self.setText(name if customer_id is not None else "")
        if customer_id != self.customer_id:
            self.customer_id = customer_id
            self.customer_changed.emit(customer_id)

    def resolve(self) -> int | None:
        """The chosen customer, or the only one matching what was typed; else ``None``."""
        if self.customer_id is None and self.text().strip():
            rows = self.ws.find_customers(self.text(), limit=2)
            if len(rows) == 1:
                self.set_customer(rows[0].id, rows[0].name)
        return self.customer_id
