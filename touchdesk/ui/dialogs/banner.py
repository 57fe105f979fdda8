"""The message strip at the top of a dialog when saving failed: what went wrong in plain words and
a Retry button, while every field keeps what the user typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from touchdesk.i18n import _
from touchdesk.ui.operations import explain, is_retryable


class FailureBanner(QWidget):
    def __init__(self, retry: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failureBanner")
        self.setStyleSheet(
            "#failureBanner { background: #fdecea; border: 1px solid #e0a49c; border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a1c12;")
        self.retry_button = QPushButton(_("Retry"))
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(retry)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def show_error(self, exc: BaseException) -> None:
        self.label.setText(_("Not saved. {reason}").format(reason=explain(exc)))
        self.retry_button.setVisible(is_retryable(exc))
        self.show()

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.retry_button.hide()
        self.show()
