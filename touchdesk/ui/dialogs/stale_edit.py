"""Someone else saved this customer while you were editing: what they changed beside what you
typed, and the choice — keep mine, merge, or discard mine. Nothing is decided silently: a field
both of you changed shows both values and its own choice; a field only one of you changed is
listed too, so the merge holds no surprise."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from touchdesk.data.conflicts import FIELD_LABELS, EditMerge, merge_edit
from touchdesk.data.records import CustomerInput
from touchdesk.i18n import _

EMPTY = "—"


def shown_value(value: object) -> str:
    """A field's value as the dialog shows it (lists one per comma, empty as a dash)."""
    items = value if isinstance(value, tuple | list) else (value or "",)
    return ", ".join(str(v) for v in items).strip() or EMPTY


class StaleEditDialog(QDialog):
    """``chosen(action, data)``: ``"mine"`` with the whole form, ``"merge"`` with the merged
    customer, or ``"discard"`` with theirs."""

    chosen = Signal(str, object)

    def __init__(
        self,
        base: CustomerInput,
        mine: CustomerInput,
        theirs: CustomerInput,
        changed_by: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staleEditDialog")
        self.base, self.mine, self.theirs = base, mine, theirs
        self.merge: EditMerge = merge_edit(base, mine, theirs)
        self.setWindowTitle(_("Changed while you were editing"))
        self.setMinimumWidth(560)
        who = changed_by or _("Someone else")
        heading = QLabel(
            "<b>{}</b>".format(
                escape(_("{name} changed this customer while you were editing").format(name=who))
            )
        )
        heading.setWordWrap(True)
        heading.setObjectName("staleHeading")
        explain = QLabel(
            _(
                "Nothing has been saved yet. Keep yours, merge both (choose per field where "
                "you both changed the same thing), or discard yours and keep theirs."
            )
        )
        explain.setWordWrap(True)
        self.choices: dict[str, QButtonGroup] = {}
        self.rows: dict[str, tuple[str, str]] = {}
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(14)
        for column, title in enumerate((_("Field"), _("Their value"), _("Your value"), _("Keep"))):
            header = QLabel(f"<b>{escape(title)}</b>")
            grid.addWidget(header, 0, column)
        fields = [f for f in FIELD_LABELS if f in self.merge.mine or f in self.merge.theirs]
        for row, name in enumerate(fields, start=1):
            theirs_text = shown_value(getattr(theirs, name))
            mine_text = shown_value(getattr(mine, name))
            self.rows[name] = (theirs_text, mine_text)
            grid.addWidget(QLabel(_(FIELD_LABELS[name])), row, 0, Qt.AlignmentFlag.AlignTop)
            for column, text in ((1, theirs_text), (2, mine_text)):
                label = QLabel(text)
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._choice(name), row, 3, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_widget)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.keep_button = QPushButton(_("Keep mine"))
        self.keep_button.setToolTip(_("Save your whole form over their changes"))
        self.merge_button = QPushButton(_("Merge"))
        self.merge_button.setToolTip(
            _("Save their changes together with yours, as chosen for each field")
        )
        self.discard_button = QPushButton(_("Discard mine"))
        self.discard_button.setToolTip(_("Keep the customer as they saved it"))
        self.merge_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.keep_button.clicked.connect(lambda: self._choose("mine", self.mine))
        self.merge_button.clicked.connect(lambda: self._choose("merge", self.merged()))
        self.discard_button.clicked.connect(lambda: self._choose("discard", self.theirs))

    def _choice(self, name: str) -> QWidget:
        """Mine / theirs for a field both changed; who changed it otherwise."""
        if name not in self.merge.conflicts:
            only = (
                _("only you changed this")
                if name in self.merge.mine
                else _("only they changed this")
            )
            note = QLabel(only)
            note.setStyleSheet("color: #666;")
            return note
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(box)
        for key, text in (("theirs", _("Theirs")), ("mine", _("Mine"))):
            button = QRadioButton(text)
            button.setObjectName(f"choice_{name}_{key}")
            button.setProperty("choice", key)
            button.setChecked(key == "theirs")
            group.addButton(button)
            row.addWidget(button)
        self.choices[name] = group
        return box

    def choose(self, field: str, side: str) -> None:
        """Pick ``"mine"`` or ``"theirs"`` for a conflicting field (as clicking its button does)."""
        for button in self.choices[field].buttons():
            if button.property("choice") == side:
                button.setChecked(True)

    def picks(self) -> dict[str, str]:
        """The side chosen for each conflicting field."""
        result = {}
        for name, group in self.choices.items():
            checked = group.checkedButton()
            result[name] = str(checked.property("choice")) if checked else "theirs"
        return result

    def merged(self) -> CustomerInput:
        return merge_edit(self.base, self.mine, self.theirs, self.picks()).merged

    def _choose(self, action: str, data: CustomerInput) -> None:
        self.chosen.emit(action, data)
        self.accept()
