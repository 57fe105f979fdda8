"""The contacts import dialog: what the file is, a preview of its first rows with a field chosen
for each column, the row errors and duplicate counts of a dry run, and what to do with contacts
that are already customers.

Every change of a column's field runs a new dry run on a worker (the file is parsed and checked
exactly as the import will, then rolled back), so the counts and errors shown are what Import will
do. A spreadsheet's mapping is saved under a name when it is imported, and the next file with the
same headers opens with it. The dialog follows the language's direction (right to left in
Persian); file cells, e-mails and numbers keep their own direction inside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.data.contacts import sources
from touchdesk.data.contacts.fields import FIELDS, IGNORE, field_label, guess_fields
from touchdesk.data.contacts.formats import GOOGLE, OUTLOOK
from touchdesk.data.contacts.merge import MERGE, NEW, SKIP
from touchdesk.data.records import ImportReport
from touchdesk.i18n import _, is_rtl
from touchdesk.ui.context import AppContext
from touchdesk.ui.operations import explain, run_in_background, run_op

PREVIEW_ROWS = 5
MAX_ERRORS_SHOWN = 200
# Fields a user picks from; the phone type column only makes sense in Google's layout.
CHOICES = (IGNORE, *(key for key, _label in FIELDS if key != "phone_type"))


def shown_cell(text: str) -> str:
    """A file's cell as the preview shows it: in right-to-left Persian, wrapped in a first-strong
    isolate so "naser@" or "VIP;عمده" keep the direction of their own first letter."""
    return f"\u2068{text}\u2069" if text and is_rtl() else text


def kind_text(contacts: sources.ContactFile) -> str:
    """One line saying what the file was recognised as."""
    if contacts.kind == sources.VCARD:
        return _("Contacts from a phone or address book (vCard).")
    if contacts.kind == GOOGLE:
        return _("A Google Contacts export: columns matched automatically.")
    if contacts.kind == OUTLOOK:
        return _("An Outlook contacts export: columns matched automatically.")
    if contacts.kind == sources.STANDARD:
        return _("A TouchDesk customer list: columns matched by name.")
    if contacts.saved is not None:
        return _("Columns matched with the saved mapping “{name}”; change any below.").format(
            name=contacts.saved.name
        )
    return _("Choose what each column holds (guessed from the column names).")


class ImportContactsDialog(QDialog):
    """See the module docstring. ``imported`` carries the final ``ImportReport``."""

    imported = Signal(object)
    checked = Signal()

    def __init__(
        self, ctx: AppContext, contacts: sources.ContactFile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importContactsDialog")
        self.ctx = ctx
        self.contacts = contacts
        self.report: ImportReport | None = None
        self.problem = ""
        self._check_number = 0
        self._changed_by_user = False
        self.setWindowTitle(_("Import contacts — {file}").format(file=contacts.path.name))
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if is_rtl() else Qt.LayoutDirection.LeftToRight
        )
        layout = QVBoxLayout(self)
        self.kind_label = QLabel(kind_text(contacts))
        self.kind_label.setWordWrap(True)
        layout.addWidget(self.kind_label)
        self.combos: list[QComboBox] = []
        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        if contacts.table is not None:
            self._build_preview(layout)
        self.mapping_name = QLineEdit()
        self.mapping_name.setObjectName("mappingName")
        if contacts.kind == sources.MAPPED:
            default = contacts.saved.name if contacts.saved else contacts.path.stem
            self.mapping_name.setText(default)
            form = QFormLayout()
            form.addRow(_("Remember these columns as:"), self.mapping_name)
            layout.addLayout(form)
        self.summary = QLabel(_("Checking the file…"))
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.duplicate_box = QWidget()
        row = QHBoxLayout(self.duplicate_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.duplicate_label = QLabel()
        row.addWidget(self.duplicate_label)
        self.duplicate_group = QButtonGroup(self)
        self.duplicate_buttons: dict[str, QRadioButton] = {}
        for mode, text in (
            (SKIP, _("Skip them")),
            (MERGE, _("Merge into the existing customer")),
            (NEW, _("Import as new customers")),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"duplicates_{mode}")
            button.setChecked(mode == SKIP)
            self.duplicate_group.addButton(button)
            self.duplicate_buttons[mode] = button
            row.addWidget(button)
            button.toggled.connect(self._show_counts)
        row.addStretch(1)
        self.duplicate_box.hide()
        layout.addWidget(self.duplicate_box)
        self.errors = QListWidget()
        self.errors.setObjectName("importErrors")
        self.errors.hide()
        layout.addWidget(self.errors)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("Import"))
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(860, 560)
        self.check()

    # --- the preview with a field per column -------------------------------------------------------

    def _build_preview(self, layout: QVBoxLayout) -> None:
        contacts = self.contacts
        headers = contacts.headers
        rows = contacts.preview(PREVIEW_ROWS)
        standard = contacts.kind == sources.STANDARD
        fields = guess_fields(headers) if standard else contacts.fields
        self.preview.setColumnCount(len(headers))
        self.preview.setRowCount(len(rows) + 1)
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setVerticalHeaderLabels(
            ["", *(formatting.format_int(i) for i in range(1, len(rows) + 1))]
        )
        for column, field in enumerate(fields):
            combo = QComboBox()
            combo.setObjectName(f"mapping_{column}")
            for key in CHOICES:
                combo.addItem(field_label(key), key)
            if field not in CHOICES:  # the phone type column of a Google export
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(combo.findData(field))
            combo.currentIndexChanged.connect(self._field_changed)
            self.preview.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for r, cells in enumerate(rows, start=1):
            for column, cell in enumerate(cells):
                item = QTableWidgetItem(shown_cell(cell))
                item.setData(Qt.ItemDataRole.UserRole, cell)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.preview.setItem(r, column, item)
        self.preview.resizeColumnsToContents()
        layout.addWidget(self.preview, 1)

    def fields(self) -> tuple[str, ...]:
        """The field chosen for each column."""
        return tuple(str(combo.currentData()) for combo in self.combos)

    def set_field(self, column: int, key: str) -> None:
        """Choose the field of a column (as picking it in its combo box does)."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(key))

    def _field_changed(self) -> None:
        self._changed_by_user = True
        self.check()

    def _import_fields(self) -> tuple[str, ...] | None:
        """The fields to import with: none for a vCard, or for TouchDesk's own columns as they are
        (they import exactly as the command line imports them)."""
        if self.contacts.table is None:
            return None
        if self.contacts.kind == sources.STANDARD and not self._changed_by_user:
            return None
        return self.fields()

    def duplicates_mode(self) -> str:
        return next(m for m, b in self.duplicate_buttons.items() if b.isChecked())

    # --- dry run -------------------------------------------------------------------------------------

    def check(self) -> None:
        """Dry-run the import with the current choices on a worker; results shown when back."""
        self._check_number += 1
        number = self._check_number
        self.report = None
        self.problem = ""
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking the file…"))
        fields = self._import_fields()
        if fields is not None and not sources.has_name(fields):
            self._show_problem(_("Choose the column that holds the name (or the company)."))
            return
        ws, contacts = self.ctx.ws, self.contacts

        def work() -> ImportReport:
            return ws.import_contacts(contacts, fields=fields, dry_run=True)

        def done(report: ImportReport) -> None:
            if number == self._check_number:
                self._show_report(report)

        def failed(exc: Exception) -> None:
            if number == self._check_number:
                self._show_problem(explain(exc))

        run_in_background(work, done, failed, owner=self)

    def _show_problem(self, text: str) -> None:
        self.report = None
        self.problem = text
        self.summary.setText(text)
        self.duplicate_box.hide()
        self.errors.clear()
        self.errors.hide()
        self.import_button.setEnabled(False)
        self.checked.emit()

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.problem = ""
        self.errors.clear()
        n = formatting.format_int
        if self.contacts.kind == sources.VCARD:
            template = _("contact {n}: {field}: {reason}")
        else:
            template = _("row {n}: {field}: {reason}")
        for row, field, reason in report.rejected[:MAX_ERRORS_SHOWN]:
            self.errors.addItem(template.format(n=n(row), field=field, reason=reason))
        self.errors.setVisible(bool(report.rejected))
        self.duplicate_box.setVisible(report.duplicates > 0)
        self.duplicate_label.setText(
            _("Already customers (same phone or e-mail): {n}.").format(n=n(report.duplicates))
        )
        self._show_counts()
        self.import_button.setEnabled(report.imported + report.duplicates > 0)
        self.checked.emit()

    def counts(self) -> tuple[int, int, int]:
        """What Import will do with the current choices: (new customers, merged, rejected rows)."""
        report = self.report
        if report is None:
            return (0, 0, 0)
        mode = self.duplicates_mode()
        new = report.imported + (report.duplicates if mode == NEW else 0)
        merged = report.duplicates if mode == MERGE else 0
        return (new, merged, report.rejected_rows)

    def _show_counts(self) -> None:
        if self.report is None:
            return
        new, merged, rejected = self.counts()
        n = formatting.format_int
        skipped = self.report.duplicates if self.duplicates_mode() == SKIP else 0
        self.summary.setText(
            _(
                "New customers: {new} · Merged into existing ones: {merged} · Skipped: "
                "{skipped} · Rows with errors (not imported): {rejected}"
            ).format(new=n(new), merged=n(merged), skipped=n(skipped), rejected=n(rejected))
        )

    # --- import --------------------------------------------------------------------------------------

    def start_import(self) -> None:
        """Save the mapping (for a spreadsheet) and import on a worker with progress."""
        ws, contacts = self.ctx.ws, self.contacts
        fields = self._import_fields()
        mode = self.duplicates_mode()
        save_as = self.mapping_name.text().strip() if contacts.kind == sources.MAPPED else ""
        self.import_button.setEnabled(False)

        def work() -> ImportReport:
            if save_as and fields is not None:
                ws.save_contact_mapping(save_as, contacts.headers, fields)
            return ws.import_contacts(contacts, fields=fields, duplicates=mode)

        def done(report: ImportReport) -> None:
            n = formatting.format_int
            self.ctx.status(
                _("Imported {n} contacts from {file}").format(
                    n=n(report.imported), file=contacts.path.name
                )
            )
            self.imported.emit(report)
            self.accept()

        def failed(exc: Exception) -> None:
            self._show_problem(explain(exc))

        run_op(
            self,
            work,
            on_success=done,
            on_failure=failed,
            background=True,
            progress=_("Importing contacts…"),
        )
