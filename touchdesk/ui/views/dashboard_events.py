"""The touchpoints behind a number: the list a friction point or a journey-map card opens, so the
owner can read what actually happened (and jump to the customer)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import channel_label
from touchdesk.data.records import EventRow
from touchdesk.i18n import N_, _, ngettext
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.models.timeline import outcome_text
from touchdesk.ui.operations import release_when_closed
from touchdesk.ui.widgets.tables import setup_table


class EventsDialog(QDialog):
    """A list of touchpoints with the customer, the outcome and the note; "Show customer" opens the
    selected customer on the Customers screen."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        rows: Sequence[EventRow],
        *,
        limit: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.model: RowsModel[EventRow] = RowsModel(
            [
                Column(N_("When"), lambda r: formatting.format_datetime(r.occurred_at)),
                Column(N_("Customer"), lambda r: r.customer_name),
                Column(N_("Touchpoint"), lambda r: ctx.ws.touchpoint_label(r.touchpoint)),
                Column(N_("Channel"), lambda r: channel_label(r.channel)),
                Column(N_("Outcome"), outcome_text),
                Column(N_("Note"), lambda r: r.note.replace("\n", " ")),
            ],
            self,
        )
        self.model.set_rows(rows)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, (125, 160, 160, 110, 140), stretch=5)
        shown = ngettext("{n} touchpoint", "{n} touchpoints", len(rows)).format(
            n=formatting.format_int(len(rows))
        )
        if limit is not None and len(rows) >= limit:
            shown = _("The latest {n} touchpoints").format(n=formatting.format_int(len(rows)))
        self.count = QLabel(shown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.customer_button = QPushButton(_("Show customer"))
        self.customer_button.setEnabled(False)
        buttons.addButton(self.customer_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.customer_button.setEnabled(self.selected() is not None)
        )
        self.table.doubleClicked.connect(lambda _i: self.show_customer())
        self.customer_button.clicked.connect(self.show_customer)

    def ids(self) -> list[int]:
        """The listed touchpoints' ids, in the order shown."""
        return [r.id for r in self.model.rows()]

    def selected(self) -> EventRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def show_customer(self) -> None:
        """Open the selected touchpoint's customer on the Customers screen."""
        event = self.selected()
        window = self.ctx.window
        if event is None or window is None or not hasattr(window, "show_view"):
            return
        view = window.show_view("customers")
        if hasattr(view, "select_customer") and not view.select_customer(event.customer_id):
            view.search.clear()
            view.apply_filter()
            view.select_customer(event.customer_id)
        self.accept()


def show_events(
    ctx: AppContext, title: str, rows: Sequence[EventRow], *, limit: int, parent: QWidget | None
) -> EventsDialog:
    """Open the list without blocking (it is freed once closed) and return it."""
    dialog = EventsDialog(ctx, title, rows, limit=limit, parent=parent)
    release_when_closed(dialog)
    dialog.show()
    return dialog
