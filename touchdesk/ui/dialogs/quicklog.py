"""The quick-log dialog, the heart of TouchDesk: who, which touchpoint, which channel, how it
went, when, a note, an amount and a follow-up — all by keyboard, Enter saves.

Saving runs off the UI thread; if it fails (database locked, read-only file, full disk) the dialog
stays open with everything typed, says why in plain words and offers Retry.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import CHANNELS, DIRECTIONS, OUTCOMES, stage_label
from touchdesk.data.records import FollowUpRequest, TouchpointInput, ValidationError
from touchdesk.data.workspace import Workspace
from touchdesk.i18n import _
from touchdesk.ui import state
from touchdesk.ui.dialogs.banner import FailureBanner
from touchdesk.ui.language import from_qdate, from_qdatetime, setup_date_edit, to_qdatetime
from touchdesk.ui.operations import run_op
from touchdesk.ui.widgets.customer_picker import CustomerPicker
from touchdesk.ui.widgets.field_errors import FieldErrors

REMEMBERED = ("touchpoint", "channel", "outcome", "direction")
FOLLOW_NONE, FOLLOW_DAYS, FOLLOW_DATE = 0, 1, 2


class _EnterSaves(QObject):
    """In the note, Enter saves and Shift+Enter starts a new line."""

    def __init__(self, dialog: QuickLogDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.dialog.save()
                return True
        return False


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for key, label in items:
        box.addItem(label, key)
    return box


def _select(box: QComboBox, key: object) -> None:
    index = box.findData(key)
    if index >= 0:
        box.setCurrentIndex(index)


class QuickLogDialog(QDialog):
    """``saved(event_id, data)`` is emitted once the touchpoint is committed."""

    saved = Signal(int, object)

    def __init__(
        self, ws: Workspace, customer_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.event_id: int | None = None
        self.setWindowTitle(_("Log a touchpoint"))
        self.setMinimumWidth(520)
        self.banner = FailureBanner(self.save)
        self.errors = FieldErrors()

        self.customer = CustomerPicker(ws)
        self.new_customer_button = QPushButton(_("New c&ustomer…"))
        self.new_customer_button.setAutoDefault(False)
        customer_row = QHBoxLayout()
        customer_row.setContentsMargins(0, 0, 0, 0)
        customer_row.addWidget(self.customer, 1)
        customer_row.addWidget(self.new_customer_button)
        customer_box = QWidget()
        customer_box.setLayout(customer_row)
        customer_box.setFocusProxy(self.customer)

        self.touchpoint = _combo(
            [(t.key, ws.touchpoint_label(t.key)) for t in ws.touchpoint_types()]
        )
        self._stages = {t.key: t.stage for t in ws.touchpoint_types()}
        self.stage = QLabel()
        self.stage.setObjectName("stageLabel")
        tp_row = QHBoxLayout()
        tp_row.setContentsMargins(0, 0, 0, 0)
        tp_row.addWidget(self.touchpoint, 1)
        tp_row.addWidget(self.stage)
        tp_box = QWidget()
        tp_box.setLayout(tp_row)
        tp_box.setFocusProxy(self.touchpoint)
        self.channel = _combo([(c.key, c.label) for c in CHANNELS])
        self.outcome = _combo([(o.key, o.label) for o in OUTCOMES])
        self.direction = _combo([(d.key, d.label) for d in DIRECTIONS])
        self.when = QDateTimeEdit()
        setup_date_edit(self.when, with_time=True)
        self.when.setDateTime(to_qdatetime(formatting.to_local(formatting.utc_now())))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(_("What was said (Shift+Enter for a new line)"))
        self.note.installEventFilter(_EnterSaves(self))
        self.snippets_button = QPushButton(_("&Snippets…"))
        self.snippets_button.setAutoDefault(False)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(
            _("Optional, in {currency}").format(currency=formatting.currency_name())
        )
        self.reply_to = QComboBox()
        self.reply_label = QLabel(_("&Reply to"))
        self.reply_label.setBuddy(self.reply_to)

        self.follow_mode = _combo(
            [
                (str(FOLLOW_NONE), _("No follow-up")),
                (str(FOLLOW_DAYS), _("Follow up in N days")),
                (str(FOLLOW_DATE), _("Follow up on a date")),
            ]
        )
        self.follow_days = QSpinBox()
        self.follow_days.setRange(0, 3650)
        self.follow_days.setValue(3)
        self.follow_days.setSuffix(_(" days"))
        self.follow_date = QDateEdit()
        setup_date_edit(self.follow_date, with_time=False)
        self.follow_date.setDate(QDate.currentDate().addDays(7))
        self.follow_title = QLineEdit(_("Follow up"))
        follow_row = QHBoxLayout()
        follow_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.follow_mode, self.follow_days, self.follow_date, self.follow_title):
            follow_row.addWidget(w)
        follow_box = QWidget()
        follow_box.setLayout(follow_row)
        follow_box.setFocusProxy(self.follow_mode)

        note_row = QHBoxLayout()
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.snippets_button, 0, Qt.AlignmentFlag.AlignTop)
        note_box = QWidget()
        note_box.setLayout(note_row)
        note_box.setFocusProxy(self.note)

        form = QFormLayout()
        self.errors.add_row(form, _("&Customer"), "customer", customer_box)
        self.errors.add_row(form, _("&Touchpoint"), "touchpoint", tp_box)
        self.errors.add_row(form, _("C&hannel"), "channel", self.channel)
        self.errors.add_row(form, _("&Outcome"), "outcome", self.outcome)
        self.errors.add_row(form, _("&Direction"), "direction", self.direction)
        self.errors.add_row(form, _("&When"), "occurred_at", self.when)
        self.errors.add_row(form, _("&Note"), "note", note_box)
        self.errors.add_row(form, _("&Amount"), "amount", self.amount)
        form.addRow(self.reply_label, self.errors.wrap("reply_to", self.reply_to))
        self.errors.add_row(form, _("&Follow-up"), "follow_up", follow_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.saving = QLabel(_("Saving…"))
        self.saving.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.saving)
        bottom.addWidget(self.buttons, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(bottom)

        self.touchpoint.currentIndexChanged.connect(self._touchpoint_changed)
        self.follow_mode.currentIndexChanged.connect(self._follow_mode_changed)
        self.customer.customer_changed.connect(self._customer_changed)
        self._restore_defaults()
        self._touchpoint_changed()
        self._follow_mode_changed()
        self._customer_changed(None)
        if customer_id is not None:
            self.customer.set_customer(customer_id, ws.customer(customer_id).name)
            self.touchpoint.setFocus()
        else:
            self.customer.setFocus()

    # --- behaviour of the fields -----------------------------------------------------------------

    def _restore_defaults(self) -> None:
        for key in REMEMBERED:
            value = state.read(f"quicklog/{key}")
            if value:
                _select(getattr(self, key), value)

    def _remember_defaults(self) -> None:
        for key in REMEMBERED:
            state.write(f"quicklog/{key}", getattr(self, key).currentData())

    def _touchpoint_changed(self) -> None:
        stage = self._stages.get(self.touchpoint.currentData() or "", "")
        self.stage.setText(stage_label(stage) if stage else "")

    def _follow_mode_changed(self) -> None:
        mode = int(self.follow_mode.currentData())
        self.follow_days.setVisible(mode == FOLLOW_DAYS)
        self.follow_date.setVisible(mode == FOLLOW_DATE)
        self.follow_title.setVisible(mode != FOLLOW_NONE)

    def _customer_changed(self, customer_id: object) -> None:
        """Offer the customer's unanswered requests as "reply to" choices."""
        self.reply_to.clear()
        self.reply_to.addItem(_("Not a reply"), None)
        requests = []
        if isinstance(customer_id, int):
            try:
                requests = self.ws.open_requests(customer_id)
            except Exception:
                requests = []
        for req in requests:
            text = _("{when} — {touchpoint}").format(
                when=formatting.format_datetime(req.occurred_at),
                touchpoint=self.ws.touchpoint_label(req.touchpoint),
            )
            if req.note:
                text += f" — {req.note[:40]}"
            self.reply_to.addItem(text, req.id)
        self.reply_to.setVisible(bool(requests))
        self.reply_label.setVisible(bool(requests))

    def insert_snippet(self, body: str) -> None:
        """Put an answer snippet into the note at the cursor."""
        self.note.insertPlainText(body)
        self.note.setFocus()

    # --- saving ----------------------------------------------------------------------------------

    def value(self) -> TouchpointInput:
        """What the form says, as a ``TouchpointInput``; ``ValidationError`` for what it cannot say."""
        errors: dict[str, str] = {}
        customer_id = self.customer.resolve()
        if customer_id is None:
            errors["customer"] = (
                _("Pick a customer from the list, or create a new one")
                if self.customer.text().strip()
                else _("Choose a customer")
            )
        amount = None
        if self.amount.text().strip():
            try:
                amount = formatting.parse_money(self.amount.text())
            except ValueError as exc:
                errors["amount"] = str(exc)
        follow_up = None
        mode = int(self.follow_mode.currentData())
        if mode == FOLLOW_DAYS:
            follow_up = FollowUpRequest(self.follow_title.text(), days=self.follow_days.value())
        elif mode == FOLLOW_DATE:
            follow_up = FollowUpRequest(
                self.follow_title.text(), due=from_qdate(self.follow_date.date())
            )
        if errors:
            raise ValidationError(errors)
        when_local: dt.datetime = from_qdatetime(self.when.dateTime())
        assert customer_id is not None
        return TouchpointInput(
            customer_id=customer_id,
            touchpoint=self.touchpoint.currentData(),
            channel=self.channel.currentData(),
            outcome=self.outcome.currentData(),
            direction=self.direction.currentData(),
            occurred_at=formatting.to_utc(when_local),
            note=self.note.toPlainText(),
            amount_cents=amount,
            reply_to_id=self.reply_to.currentData(),
            follow_up=follow_up,
        )

    def save(self) -> None:
        if self.saving.isVisible():
            return
        self.errors.clear()
        self.banner.hide()
        try:
            data = self.value()
        except ValidationError as exc:
            self._failed(exc)
            return
        self._busy(True)
        run_op(
            self,
            lambda: self.ws.log_touchpoint(data),
            on_success=lambda event_id: self._done(event_id, data),
            on_failure=self._failed,
            background=True,
        )

    def _busy(self, busy: bool) -> None:
        self.saving.setVisible(busy)
        self.save_button.setEnabled(not busy)

    def _done(self, event_id: int, data: TouchpointInput) -> None:
        self._busy(False)
        self.event_id = event_id
        self._remember_defaults()
        self.saved.emit(event_id, data)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        if isinstance(exc, ValidationError):
            rest = self.errors.show(exc.errors)
            if rest:
                self.banner.show_message("\n".join(rest))
            return
        self.banner.show_error(exc)
