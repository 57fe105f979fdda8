"""Create or edit a customer: every field checked at once, each message shown by its field,
nothing typed lost when saving fails — nor when someone else saved the customer meanwhile (the
stale-edit dialog lets the user keep, merge or discard their edit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from touchdesk.data.records import CustomerDetail, CustomerInput, StaleEdit, ValidationError
from touchdesk.data.workspace import Workspace
from touchdesk.i18n import _
from touchdesk.ui.dialogs.banner import FailureBanner
from touchdesk.ui.dialogs.stale_edit import StaleEditDialog
from touchdesk.ui.operations import release_when_closed, run_op
from touchdesk.ui.widgets.field_errors import FieldErrors


def split_list(text: str) -> tuple[str, ...]:
    """Several values typed in one field, separated by commas (Latin or Persian) or new lines."""
    parts = text.replace("،", ",").replace("\n", ",").split(",")
    return tuple(p.strip() for p in parts if p.strip())


class CustomerDialog(QDialog):
    """``customer_id`` is set once saved; ``saved(customer_id)`` runs after a successful save."""

    def __init__(
        self,
        ws: Workspace,
        customer_id: int | None = None,
        *,
        name: str = "",
        saved: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.customer_id = customer_id
        self._saved = saved
        # The customer as the form was filled from it: the base of a merge, and the version a
        # save must start from.
        self.base: CustomerDetail | None = None
        self.stale_dialog: StaleEditDialog | None = None
        self.setWindowTitle(_("Edit customer") if customer_id else _("New customer"))
        self.setMinimumWidth(460)
        self.banner = FailureBanner(self.save)
        self.errors = FieldErrors()
        self.name = QLineEdit(name)
        self.company = QLineEdit()
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(_("e.g. 0912 345 6789, +44 20 7946 0018"))
        self.emails = QLineEdit()
        self.city = QLineEdit()
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("How they found you"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("Separate tags with commas"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        form = QFormLayout()
        self.errors.add_row(form, _("&Name"), "name", self.name)
        self.errors.add_row(form, _("&Company"), "company", self.company)
        self.errors.add_row(form, _("&Phones"), "phone", self.phones)
        self.errors.add_row(form, _("&E-mails"), "email", self.emails)
        self.errors.add_row(form, _("C&ity"), "city", self.city)
        self.errors.add_row(form, _("&Source"), "source", self.source)
        self.errors.add_row(form, _("&Tags"), "tags", self.tags)
        self.errors.add_row(form, _("N&otes"), "notes", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if customer_id is not None:
            self._load(customer_id)

    def _load(self, customer_id: int) -> None:
        self.base = self.ws.customer(customer_id)
        self.fill(self.base.as_input())

    def fill(self, c: CustomerInput) -> None:
        """Show ``c`` in the form."""
        self.name.setText(c.name)
        self.company.setText(c.company)
        self.phones.setText(", ".join(c.phones))
        self.emails.setText(", ".join(c.emails))
        self.city.setText(c.city)
        self.source.setText(c.source)
        self.tags.setText(", ".join(c.tags))
        self.notes.setPlainText(c.notes)

    def value(self) -> CustomerInput:
        return CustomerInput(
            name=self.name.text(),
            company=self.company.text(),
            phones=split_list(self.phones.text()),
            emails=split_list(self.emails.text()),
            city=self.city.text(),
            source=self.source.text(),
            tags=split_list(self.tags.text()),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        self._save(self.value())

    def _save(self, data: CustomerInput) -> None:
        self.errors.clear()
        self.banner.hide()
        cid = self.customer_id
        if cid is None:
            run_op(
                self,
                lambda: self.ws.create_customer(data),
                on_success=self._done,
                on_failure=self._failed,
            )
        else:
            version = self.base.version if self.base is not None else None

            def update() -> int:
                self.ws.update_customer(cid, data, expected_version=version)
                return cid

            run_op(
                self,
                update,
                on_success=self._done,
                on_failure=lambda exc: self._failed(exc, data),
            )

    def _done(self, customer_id: int) -> None:
        self.customer_id = customer_id
        if self._saved is not None:
            self._saved(customer_id)
        self.accept()

    def _failed(self, exc: Exception, data: CustomerInput | None = None) -> None:
        if isinstance(exc, StaleEdit) and data is not None and self.base is not None:
            self._stale(exc, data)
            return
        if isinstance(exc, ValidationError):
            rest = self.errors.show(exc.errors)
            if rest:
                self.banner.show_message("\n".join(rest))
            return
        self.banner.show_error(exc)

    def _stale(self, exc: StaleEdit, mine: CustomerInput) -> None:
        """Someone saved meanwhile: show both sides and let the user choose (non-blocking)."""
        assert self.base is not None and isinstance(exc.current, CustomerDetail)
        current: CustomerDetail = exc.current
        dialog = StaleEditDialog(
            self.base.as_input(), mine, current.as_input(), exc.changed_by, parent=self
        )
        self.stale_dialog = dialog

        def chosen(action: str, data: CustomerInput) -> None:
            # From now on the customer as they saved it is what this form is based on, so a
            # second stale save compares with it.
            self.base = current
            self.fill(data)
            if action == "discard":
                self.reject()
            else:
                self._save(data)

        dialog.chosen.connect(chosen)
        release_when_closed(dialog)
        dialog.open()
