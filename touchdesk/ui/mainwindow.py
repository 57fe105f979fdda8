"""The main window: navigation between the screens that exist, standard menus and shortcuts
(Ctrl+L log, Ctrl+N new customer, Ctrl+F search, undo/redo), remembered size, splitters and
last screen, and the About box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from touchdesk import APP_NAME, __version__, formatting
from touchdesk.i18n import _
from touchdesk.ui import state
from touchdesk.ui.context import AppContext
from touchdesk.ui.operations import run_in_background
from touchdesk.ui.views import ViewSpec, available


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.window = self
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {ctx.ws.location}")
        self.specs: list[ViewSpec] = available()
        self.views: dict[str, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 6px; }")
        for spec in self.specs:
            item = QListWidgetItem(spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar()
        self._build_menus()
        from touchdesk.ui.dialogs import import_actions  # contacts in, follow-ups out, drops

        import_actions.install(self, ctx)
        self.today_count: int | None = None
        self._count_timer = QTimer(self, singleShot=True, interval=300)
        self._count_timer.timeout.connect(self._count_today)
        ctx.bus.changed.connect(self._data_changed)
        ctx.start_live_updates(self)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self._restore()

    # --- menus -----------------------------------------------------------------------------------

    def add_file_action(self, text: str, slot: Callable[[], None]) -> QAction:
        """An entry in the File menu above Quit (the app adds Backups here)."""
        action = self._action(text, slot)
        self.file_menu.insertAction(self.quit_action, action)
        return action

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        if name:
            action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        tp = self.ctx.touchpoints
        self.log_action = self._action(
            _("&Log a touchpoint…"), self.log_touchpoint, "Ctrl+L", "logAction"
        )
        self.new_action = self._action(
            _("&New customer…"),
            self.new_customer,
            QKeySequence.StandardKey.New,
            "newCustomerAction",
        )
        self.snippets_action = self._action(
            _("Answer &snippets…"), lambda: tp.open_snippets(parent=self), None, "snippetsAction"
        )
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.plan_action = self._action(
            _("&Plan touchpoints…"), self.plan_touchpoints, None, "planAction"
        )
        self.file_menu = file_menu = bar.addMenu(_("&File"))
        for a in (self.log_action, self.new_action, self.snippets_action, self.plan_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        undo = self.ctx.undo.createUndoAction(self, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("undoAction")
        redo = self.ctx.undo.createRedoAction(self, _("&Redo"))
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        redo.setObjectName("redoAction")
        for a in (undo, redo):
            a.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.addAction(a)
        self.undo_action, self.redo_action = undo, redo
        self.find_action = self._action(
            _("&Find customer"), self.find_customer, QKeySequence.StandardKey.Find, "findAction"
        )
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu(_("&View"))
        for number, spec in enumerate(self.specs, start=1):
            shortcut = f"Ctrl+{number}" if number < 10 else None
            view_menu.addAction(
                self._action(spec.label, lambda k=spec.key: self.show_view(k), shortcut)
            )
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About TouchDesk"), self.about))

    # --- screens ---------------------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The screen for ``key``, created (and its module imported) on first use."""
        widget = self.views.get(key)
        if widget is None:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.load()(self.ctx)
            widget.setObjectName(f"view_{key}")
            if hasattr(widget, "badge_changed"):
                widget.badge_changed.connect(lambda n, k=key: self._set_badge(k, n))
            if hasattr(widget, "restore_state"):
                widget.restore_state(state.ui_state())
            self.views[key] = widget
            self.stack.addWidget(widget)
        return widget

    def show_view(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        return self.views[key]

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the current screen shows its data (start-up timing uses it)."""
        widget = self.stack.currentWidget()
        loaded = getattr(widget, "loaded", None)
        if loaded is not None and not widget.is_loaded():  # type: ignore[union-attr]
            loaded.connect(callback, Qt.ConnectionType.SingleShotConnection)
        else:
            QTimer.singleShot(0, callback)

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.stack.setCurrentWidget(self.view(self.specs[row].key))

    def _set_badge(self, key: str, count: int) -> None:
        if key == "today":
            self.today_count = count
        for i, spec in enumerate(self.specs):
            if spec.key == key:
                text = (
                    spec.label if not count else f"{spec.label}  ({formatting.format_int(count)})"
                )
                self.nav.item(i).setText(text)

    def _data_changed(self, what: str) -> None:
        if "today" not in self.views and what in ("customers", "events", "followups", "settings"):
            self._count_timer.start()

    def _count_today(self) -> None:
        """Today's count for the navigation while the Today screen has not been opened."""
        if "today" in self.views or not any(s.key == "today" for s in self.specs):
            return
        run_in_background(
            self.ctx.ws.today,
            lambda t: self._set_badge("today", t.count),
            lambda _e: None,
            owner=self,
        )

    # --- actions ---------------------------------------------------------------------------------

    def _current_customer(self) -> int | None:
        customers = self.views.get("customers")
        if customers is not None and self.stack.currentWidget() is customers:
            return customers.selected_id()  # type: ignore[attr-defined]
        return None

    def log_touchpoint(self) -> QWidget:
        return self.ctx.touchpoints.quick_log(self._current_customer(), parent=self)

    def new_customer(self) -> QWidget:
        def saved(cid: int) -> None:
            view = self.show_view("customers")
            view.reload()  # type: ignore[attr-defined]
            view.select_customer(cid)  # type: ignore[attr-defined]

        return self.ctx.customers.new_customer(saved=saved, parent=self)

    def plan_touchpoints(self) -> QWidget:
        """The planning wizard (revising the active plan when there is one)."""
        from touchdesk.ui.wizard.wizard import open_plan_wizard

        return open_plan_wizard(self.ctx, self)

    def find_customer(self) -> None:
        self.show_view("customers").focus_search()  # type: ignore[attr-defined]

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About TouchDesk"),
            _(
                "<b>TouchDesk {version}</b><p>An offline CRM for every customer touchpoint.</p><p>Data: {location}</p>"
            ).format(
                version=formatting.digits(__version__),
                location=formatting.isolate(self.ctx.ws.location),
            ),
        )

    # --- state -----------------------------------------------------------------------------------

    def _restore(self) -> None:
        store = state.ui_state()
        if store.contains("window/geometry"):
            self.restoreGeometry(store.value("window/geometry"))
        else:
            self.resize(1180, 760)
        last = str(store.value("window/view", "today"))
        keys = [s.key for s in self.specs]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)
        if "today" not in self.views:
            self._count_timer.start()

    def save_state(self) -> None:
        store = state.ui_state()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/view", self.current_key())
        for widget in self.views.values():
            if hasattr(widget, "save_state"):
                widget.save_state(store)
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
