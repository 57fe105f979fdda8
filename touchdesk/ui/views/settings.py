"""The Settings screen: every option declared in ``touchdesk.settings`` with its label and help.
Changing the language, calendar or currency applies at once (the main window is rebuilt).
Below them, the Database section (``settings_database``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from touchdesk.i18n import N_, _
from touchdesk.settings import OPTIONS
from touchdesk.ui.context import AppContext
from touchdesk.ui.dialogs.banner import FailureBanner
from touchdesk.ui.operations import run_op
from touchdesk.ui.views.settings_database import DatabaseSection

CHOICE_LABELS = {
    "system": N_("Follow the system"),
    "en": "English",
    "fa": "فارسی",
    "auto": N_("Automatic (follows the language)"),
    "gregorian": N_("Gregorian"),
    "jalali": N_("Jalali (Solar Hijri)"),
}
# Changing one of these re-reads the whole UI (direction, digits, dates).
RELOCALIZE = frozenset({"language", "calendar", "currency"})
# Per person, so not kept in a team's shared database (see the Database section).
TEAM_OWN = frozenset({"user_name"})


class SettingsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editors: dict[str, QWidget] = {}
        self.banner = FailureBanner(self.save)
        form = QFormLayout()
        for option in OPTIONS:
            if option.key in TEAM_OWN and ctx.ws.team_mode:
                continue  # shared by the whole team there: the Database section sets it per computer
            editor = self._editor(option.key, option.default, option.choices)
            editor.setToolTip(_(option.help))
            editor.setObjectName(f"setting_{option.key}")
            self.editors[option.key] = editor
            help_label = QLabel(_(option.help))
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #666;")
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 6)
            box_layout.addWidget(editor)
            box_layout.addWidget(help_label)
            form.addRow(_(option.label), box)
        self.save_button = QPushButton(_("Save settings"))
        self.revert_button = QPushButton(_("Revert"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.database = DatabaseSection(ctx)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.banner)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.database)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self.load()

    def _editor(self, key: str, default: Any, choices: tuple[str, ...]) -> QWidget:
        if choices:
            box = QComboBox()
            for choice in choices:
                label = CHOICE_LABELS.get(choice, choice)
                box.addItem(label if choice in ("en", "fa") else _(label), choice)
            return box
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(1, 100_000)
            return spin
        return QLineEdit()

    def load(self) -> None:
        """Show the stored values."""
        self.banner.hide()
        for key, editor in self.editors.items():
            self._set(editor, self.ctx.ws.setting(key))

    @staticmethod
    def _set(editor: QWidget, value: Any) -> None:
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    @staticmethod
    def _get(editor: QWidget) -> Any:
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def values(self) -> dict[str, Any]:
        return {key: self._get(editor) for key, editor in self.editors.items()}

    def save(self) -> None:
        """Store what changed; a new language, calendar or currency is applied right away."""
        self.banner.hide()
        ws = self.ctx.ws
        changed = {k: v for k, v in self.values().items() if ws.setting(k) != v}
        if not changed:
            return

        def work() -> None:
            for key, value in changed.items():
                ws.set_setting(key, value)

        def done(_result: object) -> None:
            self.ctx.status(_("Settings saved."))
            if RELOCALIZE & changed.keys() and self.ctx.relocalize is not None:
                self.ctx.relocalize()

        run_op(self, work, on_success=done, on_failure=self.banner.show_error)
