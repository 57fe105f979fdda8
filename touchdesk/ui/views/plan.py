"""The Plan view: the active plan (or an earlier version) with its touchpoints' cost and hours,
touchpoints logged this month against each planned one, tasks done / due / overdue (ticked off
from the list), the automation rules, the versions, and the wizard to make or revise the plan.
With no plan yet it is an invitation to run the wizard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import label as term_label
from touchdesk.catalog import stage_label
from touchdesk.i18n import N_, _, is_rtl
from touchdesk.planner.records import PlanDetail, PlanProgress, PlanRow
from touchdesk.ui.context import AppContext
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.operations import run_in_background
from touchdesk.ui.views.plan_parts import PlanTouchpoint, touchpoint_rows
from touchdesk.ui.views.plan_rules import RulesSection
from touchdesk.ui.views.plan_tasks import TasksSection, fit_rows
from touchdesk.ui.widgets.tables import setup_table
from touchdesk.ui.wizard.bars import TotalsBars
from touchdesk.ui.wizard.describe import hours_text, join_names, version_label

REFRESH_ON = ("plans", "followups", "rules", "events", "settings", "catalog")


@dataclass(frozen=True, slots=True)
class Loaded:
    plans: list[PlanRow]
    detail: PlanDetail | None
    progress: PlanProgress | None
    today: dt.date


class PlanView(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Loaded | None = None
        self.shown_id: int | None = None  # an earlier version chosen in the versions list
        self.pages = QStackedWidget()
        self.pages.addWidget(self._empty_page())
        self.pages.addWidget(self._plan_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._loading = False
        self._again = False
        self._timer = QTimer(self, singleShot=True, interval=100)
        self._timer.timeout.connect(self.refresh)
        ctx.bus.changed.connect(self._data_changed)
        self.refresh()

    # --- layout ----------------------------------------------------------------------------------

    def _empty_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(_("No plan yet"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        text = QLabel(
            _(
                "A plan picks the touchpoints that bring the most for your budget and the hours"
                " you have, turns them into dated tasks and sets up follow-ups that create"
                " themselves. It takes about five minutes."
            )
        )
        text.setWordWrap(True)
        self.start = QPushButton(_("&Plan touchpoints…"))
        self.start.setObjectName("startWizard")
        self.start.clicked.connect(self.open_wizard)
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(text)
        column.addWidget(self.start, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        column.setContentsMargins(120, 20, 120, 20)
        return page

    def _plan_page(self) -> QWidget:
        self.heading = QLabel()
        self.heading.setObjectName("planHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.revise = QPushButton(_("&Revise the plan…"))
        self.revise.setObjectName("reviseWizard")
        self.revise.clicked.connect(self.open_wizard)
        self.pdf = QPushButton(_("Print / save &PDF…"))
        self.pdf.setObjectName("planPdf")
        self.pdf.clicked.connect(self.save_pdf)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.pdf, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.revise, 0, Qt.AlignmentFlag.AlignTop)
        self.profile = QLabel()
        self.profile.setWordWrap(True)
        self.bars = TotalsBars()
        self.touchpoints: RowsModel[PlanTouchpoint] = RowsModel(
            [
                Column(N_("Touchpoint"), lambda r: r.name),
                Column(N_("Version"), lambda r: version_label(r.version)),
                Column(N_("Monthly cost"), lambda r: formatting.format_money(r.cost, r.currency)),
                Column(N_("Hours"), lambda r: hours_text(r.hours)),
                Column(N_("Logged this month"), lambda r: formatting.format_int(r.logged)),
                Column(N_("Why"), lambda r: r.why),
            ],
            self,
        )
        self.tp_table = QTableView()
        self.tp_table.setObjectName("planTouchpoints")
        self.tp_table.setModel(self.touchpoints)
        setup_table(self.tp_table, [200, 80, 120, 100, 130])
        tp_box = QGroupBox(_("Touchpoints: planned and logged this month"))
        self.tp_box = tp_box
        QVBoxLayout(tp_box).addWidget(self.tp_table)
        self.task_box = TasksSection(self.ctx)
        self.tasks, self.task_table = self.task_box.model, self.task_box.table
        self.done, self.undone = self.task_box.done, self.task_box.undone
        self.rules = RulesSection(self.ctx)
        self.versions: RowsModel[PlanRow] = RowsModel(
            [
                Column(N_("Version"), lambda r: formatting.format_int(r.version)),
                Column(
                    N_("Saved"),
                    lambda r: formatting.format_datetime(r.created_at),
                ),
                Column(
                    N_("Monthly cost"),
                    lambda r: formatting.format_money(r.total_cost_cents, r.currency),
                ),
                Column(N_("Hours"), lambda r: hours_text(r.total_hours)),
                Column(N_("Status"), lambda r: _("active") if r.active else _("earlier version")),
            ],
            self,
        )
        self.version_table = QTableView()
        self.version_table.setObjectName("planVersions")
        self.version_table.setModel(self.versions)
        setup_table(self.version_table, [70, 160, 140, 110])
        self.version_table.activated.connect(self._show_version)
        self.show_version = QPushButton(_("&Show this version"))
        self.show_version.clicked.connect(
            lambda: self._show_version(self.version_table.currentIndex())
        )
        version_buttons = QHBoxLayout()
        version_buttons.addStretch(1)
        version_buttons.addWidget(self.show_version)
        version_box = QGroupBox(_("Versions"))
        version_layout = QVBoxLayout(version_box)
        version_layout.addWidget(self.version_table)
        version_layout.addLayout(version_buttons)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(head)
        column.addWidget(self.profile)
        column.addWidget(self.bars)
        for box in (tp_box, self.task_box, self.rules, version_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        return scroll

    # --- loading ---------------------------------------------------------------------------------

    def _data_changed(self, what: str) -> None:
        if what in REFRESH_ON:
            self._timer.start()

    def refresh(self) -> None:
        """Read the plan on a worker; a refresh asked for meanwhile runs right after."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        ws, wanted = self.ctx.ws, self.shown_id

        def load() -> Loaded:
            today = formatting.to_local(formatting.utc_now()).date()
            plans = ws.plans()
            ids = {p.id for p in plans}
            detail = ws.plan(wanted) if wanted in ids else ws.active_plan()
            if detail is None and plans:
                detail = ws.plan(plans[0].id)
            progress = ws.plan_progress(detail.id, today=today) if detail else None
            return Loaded(plans, detail, progress, today)

        run_in_background(load, self._show, self._failed, owner=self)

    def is_loaded(self) -> bool:
        return self.data is not None

    def _finish(self) -> None:
        self._loading = False
        self.loaded.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        self.heading.setText(_("Could not read the plan: {error}").format(error=exc))
        self.pages.setCurrentIndex(1)
        self._finish()

    def _show(self, data: Loaded) -> None:
        self.data = data
        detail, progress = data.detail, data.progress
        if detail is None or progress is None:
            self.pages.setCurrentIndex(0)
            self._finish()
            return
        self.pages.setCurrentIndex(1)
        row, profile = detail.row, detail.profile
        status = _("active") if row.active else _("earlier version")
        self.heading.setText(
            # The plan's name may be in Latin letters: the line still reads right to left.
            (formatting.RLM if is_rtl() else "")
            + _("{name} — version {n} ({status})").format(
                name=formatting.isolate(row.name) if row.name else _("Touchpoint plan"),
                n=formatting.format_int(row.version),
                status=status,
            )
        )
        about = _("{business}, team of {team}; saved {date}").format(
            business=term_label("business", profile.business),
            team=formatting.format_int(profile.team),
            date=formatting.format_datetime(row.created_at),
        )
        if detail.uncovered_stages:
            about += "\n" + _("No touchpoint yet for a stage you marked: {stages}").format(
                stages=join_names(stage_label(s) for s in detail.uncovered_stages)
            )
        self.profile.setText(about)
        self.bars.show_totals(
            row.total_cost_cents, profile.budget_cents, row.total_hours, profile.hours, row.currency
        )
        rows = touchpoint_rows(detail, progress, self.ctx.ws.touchpoint_label)
        self.touchpoints.set_rows(rows)
        fit_rows(self.tp_table, len(rows))
        self.tp_box.setTitle(
            _("Touchpoints: planned and logged in {month}").format(
                month=self._month(progress.start)
            )
        )
        self.task_box.show_tasks(detail, progress, data.today)
        self.rules.set_rules(detail.rules, editable=row.active)
        self.versions.set_rows(data.plans)
        fit_rows(self.version_table, len(data.plans))
        ids = [p.id for p in data.plans]
        if detail.id in ids:
            self.version_table.selectRow(ids.index(detail.id))
        self._finish()

    @staticmethod
    def _month(start: dt.date) -> str:
        year, month, _day = formatting.calendar_parts(start)
        return formatting.format_month(year, month)

    # --- versions and the wizard -----------------------------------------------------------------

    def _show_version(self, index: QModelIndex) -> None:
        row = self.versions.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.shown_id = None if row.active else row.id
            self.refresh()

    def save_pdf(self) -> None:
        """The shown plan version as a PDF report, opened to read or print."""
        from touchdesk.ui.wizard.pdf import ask_pdf_path, write_plan_pdf

        detail = self.data.detail if self.data is not None else None
        if detail is None:
            return
        path = ask_pdf_path(self, detail.id)
        if path:
            write_plan_pdf(
                self,
                self.ctx.ws,
                detail.id,
                path,
                lambda p: self.ctx.status(_("Saved {path}").format(path=formatting.isolate(p))),
            )

    def open_wizard(self) -> QWidget:
        """Make a plan, or revise the active one (a new version; the old one is kept)."""
        from touchdesk.ui.wizard.wizard import open_plan_wizard

        wizard = open_plan_wizard(self.ctx, self)
        wizard.saved.connect(self._saved)
        return wizard

    def _saved(self, _plan_id: int) -> None:
        self.shown_id = None
        self.refresh()
