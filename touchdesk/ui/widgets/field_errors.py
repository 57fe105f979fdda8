"""Per-field messages under form fields: a ``ValidationError`` maps field names to messages, and
each appears in red right below the field it is about (nothing the user typed is touched)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget


class FieldErrors:
    """Error labels for the fields of a form, keyed like ``ValidationError.errors``."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}

    def wrap(self, key: str, field: QWidget) -> QWidget:
        """A container holding ``field`` with its (hidden) error label beneath it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        box.setFocusProxy(field)  # the row's label mnemonic (Alt+letter) focuses the field
        label = QLabel()
        label.setObjectName(f"error_{key}")
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        label.hide()
        layout.addWidget(label)
        self._labels[key] = label
        return box

    def add_row(self, form: QFormLayout, title: str, key: str, field: QWidget) -> None:
        """A form row whose label's Alt+letter focuses the field itself (QLabel skips a buddy
        that does not take focus, such as a container)."""
        label = QLabel(title)
        label.setBuddy(field.focusProxy() or field)
        form.addRow(label, self.wrap(key, field))

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message by its field; returns the messages that have no field here."""
        self.clear()
        unplaced = []
        for key, message in errors.items():
            label = self._labels.get(key)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message)
            label.show()
        return unplaced

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def message(self, key: str) -> str:
        label = self._labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""
