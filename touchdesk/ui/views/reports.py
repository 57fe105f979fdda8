"""The Reports screen: pick a report and its month, customer or plan; make it off the UI thread with
a progress bar and Cancel; preview the pages; Save as, Print, or open it in the system's viewer.

Pages are previewed with pypdfium2 (PDFium) rather than QtPdf, which the PySide6 wheels we ship do
not include; the same renderer rasterises pages for printing.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.formatting import Month
from touchdesk.i18n import _
from touchdesk.reports.jobs import Cancelled, ReportRequest, make_pdf
from touchdesk.ui.context import AppContext
from touchdesk.ui.operations import explain, run_in_background
from touchdesk.ui.widgets.customer_picker import CustomerPicker

PREVIEW_PAGES = 12
PREVIEW_SCALE = 1.2
MONTHS_BACK = 24


def render_pages(pdf: bytes, scale: float, limit: int | None = None) -> list[QImage]:
    """Rasterise the first ``limit`` pages of a PDF (safe on a worker: QImage is not a widget)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for index in range(min(len(doc), limit or len(doc))):
            bitmap = doc[index].render(scale=scale, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            images.append(image.copy())
    finally:
        doc.close()
    return images


def page_count(pdf: bytes) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


class _Progress(QObject):
    """Carries a worker's progress to the UI thread (queued, as the receiver lives there)."""

    moved = Signal(str, int)


class ReportsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pdf: bytes | None = None
        self.pages = 0
        self._cancel: threading.Event | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="touchdesk-reports-"))
        self._progress = _Progress(self)
        self._progress.moved.connect(self._on_progress)

        self.kind = QComboBox()
        for key, title in (
            ("monthly", _("Monthly touchpoint report")),
            ("journey", _("Customer journey summary")),
            ("plan", _("Touchpoint plan")),
        ):
            self.kind.addItem(title, key)
        self.month = QComboBox()
        self.appendix = QCheckBox(_("List every touchpoint of the month (appendix)"))
        self.customer = CustomerPicker(ctx.ws)
        self.customer.setPlaceholderText(_("Type a customer's name, phone or e-mail"))
        self.plan = QComboBox()
        self.options = QStackedWidget()
        monthly_page, journey_page, plan_page = QWidget(), QWidget(), QWidget()
        form = QFormLayout(monthly_page)
        form.addRow(_("Month"), self.month)
        form.addRow("", self.appendix)
        QFormLayout(journey_page).addRow(_("Customer"), self.customer)
        QFormLayout(plan_page).addRow(_("Plan"), self.plan)
        for page in (monthly_page, journey_page, plan_page):
            self.options.addWidget(page)
        self.kind.currentIndexChanged.connect(self.options.setCurrentIndex)

        self.generate = QPushButton(_("Make report"))
        self.generate.setDefault(True)
        self.cancel = QPushButton(_("Cancel"))
        self.cancel.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.status = QLabel()
        self.save = QPushButton(_("Save as…"))
        self.print_button = QPushButton(_("Print…"))
        self.open_button = QPushButton(_("Open in viewer"))
        for button in (self.save, self.print_button, self.open_button):
            button.setEnabled(False)
        self.generate.clicked.connect(self.start)
        self.cancel.clicked.connect(self.stop)
        self.save.clicked.connect(self._save_dialog)
        self.print_button.clicked.connect(self.print_report)
        self.open_button.clicked.connect(self.open_in_viewer)

        self.preview = QWidget()
        self.preview_layout = QVBoxLayout(self.preview)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # The pages' full height, so the area scrolls instead of squeezing them together.
        self.preview_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Report")))
        top.addWidget(self.kind, 1)
        actions = QHBoxLayout()
        for w in (self.generate, self.cancel, self.bar):
            actions.addWidget(w)
        actions.addStretch(1)
        for w in (self.save, self.print_button, self.open_button):
            actions.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.options)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.refresh_choices()
        ctx.bus.changed.connect(self._data_changed)

    # --- choices ---------------------------------------------------------------------------------

    def refresh_choices(self) -> None:
        """Months of the user's calendar (Jalali months with Jalali) and the saved plans."""
        calendar = formatting.options().calendar
        today = formatting.to_local(formatting.utc_now()).date()
        month = Month.containing(today, calendar)
        self.month.clear()
        for _n in range(MONTHS_BACK):
            self.month.addItem(month.label, month)
            month = month.previous()
        self.plan.clear()
        self.plan.addItem(_("The active plan"), None)
        for row in self.ctx.ws.plans():
            self.plan.addItem(row.name or _("Plan {id}").format(id=row.id), row.id)

    def _data_changed(self, what: str) -> None:
        if what in ("plans", "settings"):
            self.refresh_choices()

    def request(self) -> ReportRequest | None:
        kind = self.kind.currentData()
        if kind == "monthly":
            return ReportRequest(
                "monthly", month=self.month.currentData(), appendix=self.appendix.isChecked()
            )
        if kind == "journey":
            customer_id = self.customer.resolve()
            if customer_id is None:
                self.status.setText(_("Choose a customer first."))
                return None
            return ReportRequest("journey", customer_id=customer_id)
        return ReportRequest("plan", plan_id=self.plan.currentData())

    def journey_of(self, customer_id: int, name: str = "") -> None:
        """Make a customer's journey summary at once (the customer page's one-click action)."""
        self.kind.setCurrentIndex(self.kind.findData("journey"))
        self.customer.set_customer(customer_id, name)
        self.start()

    # --- making ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Make the chosen report on a worker thread."""
        request = self.request()
        if request is None or self._cancel is not None:
            return
        cancel = threading.Event()
        self._cancel = cancel
        self.generate.setEnabled(False)
        self.cancel.setEnabled(True)
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self.status.setText(_("Reading the data…"))
        ws, moved = self.ctx.ws, self._progress.moved

        def work() -> tuple[bytes, list[QImage], int]:
            pdf = make_pdf(ws, request, cancel=cancel, progress=moved.emit)
            return pdf, render_pages(pdf, PREVIEW_SCALE, PREVIEW_PAGES), page_count(pdf)

        run_in_background(work, self._done, self._failed, owner=self)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(_("Cancelling…"))

    def _on_progress(self, stage: str, n: int) -> None:
        if self._cancel is None or self._cancel.is_set():
            return
        if stage == "rows":
            self.status.setText(_("Reading touchpoints: {n}").format(n=formatting.format_int(n)))
        else:
            self.status.setText(_("Laying out page {n}…").format(n=formatting.format_int(n)))

    def _finish(self) -> None:
        self._cancel = None
        self.generate.setEnabled(True)
        self.cancel.setEnabled(False)
        self.bar.setVisible(False)

    def _done(self, result: tuple[bytes, list[QImage], int]) -> None:
        self._finish()
        self.pdf, images, self.pages = result
        self.path.write_bytes(self.pdf)
        while self.preview_layout.count():
            item = self.preview_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for image in images:
            page = QLabel()
            pixmap = QPixmap.fromImage(image)
            page.setPixmap(pixmap)
            page.setFixedSize(pixmap.size())  # a page keeps its shape; the area scrolls
            self.preview_layout.addWidget(page)
        if self.pages > len(images):
            note = _("Showing {shown} of {total} pages; open the report in the viewer to see all.")
            self.status.setText(
                note.format(
                    shown=formatting.format_int(len(images)),
                    total=formatting.format_int(self.pages),
                )
            )
        else:
            self.status.setText(_("{n} pages").format(n=formatting.format_int(self.pages)))
        for button in (self.save, self.print_button, self.open_button):
            button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.status.setText(_("Cancelled.") if isinstance(exc, Cancelled) else explain(exc))

    # --- using the result ------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """Where the last report is kept for the viewer (a private temporary folder)."""
        return self._folder / (_("report") + f"-{dt.date.today().isoformat()}.pdf")

    def save_to(self, target: str | Path) -> None:
        """Write the last report to ``target``."""
        if self.pdf is None:
            return
        Path(target).write_bytes(self.pdf)
        self.ctx.status(_("Saved {path}").format(path=target))

    def _save_dialog(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save report"), str(Path.home() / self.path.name), _("PDF files (*.pdf)")
        )
        if name:
            try:
                self.save_to(name)
            except OSError as exc:
                self.status.setText(explain(exc))

    def print_report(self) -> None:
        """Print through the system's print dialog (pages rasterised at the printer's resolution)."""
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        assert self.pdf is not None
        scale = min(printer.resolution(), 300) / 72
        painter = QPainter(printer)
        try:
            for index, image in enumerate(render_pages(self.pdf, scale)):
                if index:
                    printer.newPage()
                rect = painter.viewport()
                size = image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(
                    rect.x(),
                    rect.y(),
                    image.scaled(
                        size,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    ),
                )
        finally:
            painter.end()

    def open_in_viewer(self) -> None:
        if self.pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
