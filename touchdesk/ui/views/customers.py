"""The Customers screen: search-as-you-type list (lazy, sorted and filtered in SQL) beside the
selected customer's card and timeline."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import STAGES
from touchdesk.i18n import _, ngettext
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.customers import CustomerFilter, CustomerTableModel
from touchdesk.ui.operations import run_in_background
from touchdesk.ui.views.customer_detail import CustomerDetailPanel
from touchdesk.ui.widgets.tables import setup_table

SEARCH_DEBOUNCE_MS = 150
DETAIL_DELAY_MS = 120


class CustomersView(QWidget):
    badge_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ws = ctx.ws
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(_("Search name, company, phone, e-mail or tag (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)  # the box people use most must never shrink to nothing
        self.tag = QComboBox()
        self.tag.setToolTip(_("Only customers with this tag"))
        self.stage = QComboBox()
        self.stage.setToolTip(_("Only customers who reached this stage of the journey"))
        self.stage.addItem(_("Any stage"), None)
        for s in STAGES:
            self.stage.addItem(s.label, s.key)
        self.attention = QCheckBox(_("Needs attention"))
        self.attention.setToolTip(_("Overdue follow-ups, pending decisions or late replies"))
        self.model = CustomerTableModel(ws, self)
        self.table = QTableView()
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        setup_table(self.table, (180, 140, 130, 180, 95), multi=True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.count = QLabel()
        self.new_button = QPushButton(_("New customer"))
        self.edit_button = QPushButton(_("Edit"))
        self.delete_button = QPushButton(_("Delete"))
        self.merge_button = QPushButton(_("Merge"))
        self.merge_button.setToolTip(_("Select two customers who are the same person"))
        self.detail = CustomerDetailPanel(ctx)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.tag, 1)
        filters.addWidget(self.stage, 1)
        filters.addWidget(self.attention)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button, self.merge_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("customersSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self._count_timer = QTimer(self, singleShot=True, interval=250)
        self._count_timer.timeout.connect(self._update_count)
        # While typing, the selected first match changes on every keystroke: read its card and
        # timeline once the list has settled, not on every key.
        self._detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_detail)
        self._reload_timer = QTimer(self, singleShot=True, interval=50)
        self._reload_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.tag.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.stage.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.attention.toggled.connect(lambda _c: self.apply_filter())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.new_button.clicked.connect(self.new_customer)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.table.addAction(self._action(QKeySequence.StandardKey.Delete, self.delete_selected))
        ctx.bus.changed.connect(self._data_changed)
        self._fill_tags()
        self.model.reload()
        self._selection_changed()
        self._count_timer.start()

    def _action(self, key: QKeySequence.StandardKey, slot) -> object:  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QAction

        action = QAction(self.table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        return action

    # --- filtering -------------------------------------------------------------------------------

    def _fill_tags(self) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(_("Any tag"), None)
        for name in self.ctx.ws.tags():
            self.tag.addItem(name, name)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)

    def current_filter(self) -> CustomerFilter:
        return CustomerFilter(
            query=self.search.text(),
            tag=self.tag.currentData(),
            stage=self.stage.currentData(),
            needs_attention=self.attention.isChecked(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._count_timer.start()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._selection_changed()

    def _update_count(self) -> None:
        """Count the customers the list holds, on a worker (a search matching most of 100,000
        customers takes tens of milliseconds to count); an answer for a filter no longer shown
        is dropped."""
        f = self.model.filter
        ws = self.ctx.ws

        def counted(n: int) -> None:
            if self.model.filter != f:
                return
            self.count.setText(
                ngettext("{n} customer", "{n} customers", n).format(n=formatting.format_int(n))
            )

        def failed(_exc: Exception) -> None:
            if self.model.filter == f:
                self.count.clear()

        run_in_background(
            lambda: ws.count_customers(
                f.query, tag=f.tag, stage=f.stage, needs_attention=f.needs_attention
            ),
            counted,
            failed,
            owner=self,
        )

    # --- selection and actions -------------------------------------------------------------------

    def selected_rows(self) -> list:  # type: ignore[type-arg]
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.customer_at(i) for i in rows) if r is not None]

    def selected_id(self) -> int | None:
        rows = self.selected_rows()
        return rows[0].id if len(rows) == 1 else None

    def select_customer(self, customer_id: int) -> bool:
        row = self.model.row_of(customer_id)
        if row < 0:
            return False
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._show_detail()
        return True

    def _selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(len(rows) == 1)
        self.merge_button.setEnabled(len(rows) == 2)
        self._detail_timer.start()

    def _show_detail(self) -> None:
        self._detail_timer.stop()
        self.detail.show_customer(self.selected_id())

    def new_customer(self) -> None:
        def saved(cid: int) -> None:
            self.reload()
            self.select_customer(cid)

        self.ctx.customers.new_customer(
            name=self.search.text().strip(), saved=saved, parent=self.window()
        )

    def edit_selected(self) -> None:
        cid = self.selected_id()
        if cid is not None:
            self.ctx.customers.edit_customer(cid, parent=self.window())

    def delete_selected(self) -> None:
        cid = self.selected_id()
        if cid is not None:
            self.ctx.customers.delete_customer(cid, parent=self.window())

    def merge_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 2:
            self.ctx.customers.ask_merge(rows[0], rows[1], parent=self.window())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- refresh ---------------------------------------------------------------------------------

    def _data_changed(self, what: str) -> None:
        if what in ("customers", "events", "followups"):
            self._reload_timer.start()

    def reload(self) -> None:
        """Read the list again keeping the selected customer selected."""
        self._reload_timer.stop()
        keep = self.selected_id()
        self._fill_tags()
        self.model.reload()
        self._count_timer.start()
        if keep is None or not self.select_customer(keep):
            self._selection_changed()
        self.detail.refresh()

    def save_state(self, store: QSettings) -> None:
        store.setValue("customers/splitter", self.splitter.saveState())
        store.setValue("customers/header", self.table.horizontalHeader().saveState())

    def restore_state(self, store: QSettings) -> None:
        if store.contains("customers/splitter"):
            self.splitter.restoreState(store.value("customers/splitter"))
        if store.contains("customers/header"):
            self.table.horizontalHeader().restoreState(store.value("customers/header"))
