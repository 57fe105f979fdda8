"""The Plan view's automation rules: a list with Edit, Switch on/off and Delete, and the dialog that
edits a rule's name, follow-up title, days and switch (when it fires stays as suggested)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk.i18n import N_, _
from touchdesk.planner.records import RuleDraft, RuleRow
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.operations import run_op
from touchdesk.ui.widgets.field_errors import FieldErrors
from touchdesk.ui.widgets.tables import setup_table
from touchdesk.ui.wizard.describe import rule_then, rule_when

MAX_DAYS = 3650
# A string, not a QColor: QColor objects in module globals outlive Qt at exit and can crash it.
OFF = "#6b7078"


class RuleDialog(QDialog):
    """Edit one rule; ``draft()`` is what to save."""

    def __init__(self, rule: RuleRow, when: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.setWindowTitle(_("Automation rule"))
        self.errors = FieldErrors()
        self.name = QLineEdit(rule.name)
        self.title = QLineEdit(rule.title)
        self.days = QSpinBox()
        self.days.setRange(0, MAX_DAYS)
        self.days.setValue(rule.days)
        self.enabled = QCheckBox(_("Switched &on"))
        self.enabled.setChecked(rule.enabled)
        form = QFormLayout()
        form.addRow(_("When:"), QLabel(when))
        self.errors.add_row(form, _("&Name"), "name", self.name)
        self.errors.add_row(form, _("&Follow-up"), "title", self.title)
        days_label = (
            _("&Days before the end") if rule.trigger == "subscription_end" else _("&Days later")
        )
        self.errors.add_row(form, days_label, "days", self.days)
        form.addRow("", self.enabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def draft(self) -> RuleDraft:
        return replace(
            self.rule.as_draft(),
            name=self.name.text().strip(),
            title=self.title.text().strip(),
            days=self.days.value(),
            enabled=self.enabled.isChecked(),
        )


class RulesSection(QGroupBox):
    """The active plan's rules; every change goes through ``run_op``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Automation rules"), parent)
        self.ctx = ctx
        self.editable = True
        label = ctx.ws.touchpoint_label
        self.model: RowsModel[RuleRow] = RowsModel(
            [
                Column(
                    N_("Switch"),
                    lambda r: _("On") if r.enabled else _("Off"),
                    color=lambda r: None if r.enabled else QColor(OFF),
                ),
                Column(
                    N_("Rule"), lambda r: r.name, color=lambda r: None if r.enabled else QColor(OFF)
                ),
                Column(N_("When"), lambda r: rule_when(r, label)),
                Column(N_("Creates"), rule_then),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("ruleTable")
        self.table.setModel(self.model)
        setup_table(self.table, [60, 280, 220])
        self.edit = QPushButton(_("&Edit…"))
        self.toggle = QPushButton(_("Switch o&ff"))
        self.toggle.setObjectName("toggleRule")
        self.delete = QPushButton(_("De&lete"))
        self.edit.clicked.connect(self.edit_selected)
        self.toggle.clicked.connect(self.toggle_selected)
        self.delete.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.edit, self.toggle, self.delete):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update()

    def set_rules(self, rules: tuple[RuleRow, ...], editable: bool) -> None:
        selected = self.selected()
        self.model.set_rows(rules)
        self.editable = editable
        ids = [r.id for r in rules]
        if selected is not None and selected.id in ids:
            self.table.selectRow(ids.index(selected.id))
        elif rules:
            self.table.selectRow(0)
        self.table.setFixedHeight(max(1, min(len(rules), 8)) * 26 + 30)
        self._update()

    def selected(self) -> RuleRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update(self) -> None:
        rule = self.selected()
        on = rule is not None and self.editable
        for b in (self.edit, self.toggle, self.delete):
            b.setEnabled(on)
        self.toggle.setText(_("Switch o&n") if rule and not rule.enabled else _("Switch o&ff"))

    def edit_selected(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        dialog = RuleDialog(rule, rule_when(rule, self.ctx.ws.touchpoint_label), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        draft = dialog.draft()
        run_op(self, lambda: self.ctx.ws.save_rule(draft, rule.id))

    def toggle_selected(self) -> None:
        rule = self.selected()
        if rule is not None:
            run_op(self, lambda: self.ctx.ws.set_rule_enabled(rule.id, not rule.enabled))

    def delete_selected(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete rule"),
            _("Delete the rule “{name}”? Follow-ups it already created stay.").format(
                name=rule.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_op(self, lambda: self.ctx.ws.delete_rule(rule.id))
