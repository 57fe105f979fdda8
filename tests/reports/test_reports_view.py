"""The Reports view with real widgets: make a journey summary off the UI thread and see its pages,
save it, print it to a PDF printer, cancel a monthly report, and the month picker in Jalali."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel

from tests.helpers.factories import customer, touch
from touchdesk import formatting
from touchdesk.ui.context import AppContext
from touchdesk.ui.views.reports import ReportsView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def view(workspace, qtbot, tmp_path, monkeypatch) -> Iterator[ReportsView]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TOUCHDESK_HOME", str(tmp_path / "home"))
    widget = ReportsView(AppContext(workspace))
    qtbot.addWidget(widget)
    yield widget
    QThreadPool.globalInstance().waitForDone(10000)
    QApplication.processEvents()


def _pages(view: ReportsView) -> list[QLabel]:
    return [view.preview_layout.itemAt(i).widget() for i in range(view.preview_layout.count())]


def test_journey_summary_is_made_previewed_saved_and_printed(view, workspace, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Sara Ahmadi")
    for day in range(1, 6):
        touch(workspace, cid, note=f"Call {day}", at=dt.datetime(2026, 11, day, 9))
    view.journey_of(cid, "Sara Ahmadi")
    assert not view.generate.isEnabled() and view.cancel.isEnabled()
    qtbot.waitUntil(lambda: view.pdf is not None, timeout=20000)
    assert view.generate.isEnabled() and view.save.isEnabled()
    assert len(_pages(view)) == view.pages >= 1
    assert not _pages(view)[0].pixmap().isNull()
    view.preview_layout.activate()
    assert view.preview.minimumSizeHint().height() >= sum(p.height() for p in _pages(view))
    target = tmp_path / "saved.pdf"
    view.save_to(target)
    text = PdfReader(target).pages[-1].extract_text() + PdfReader(target).pages[0].extract_text()
    assert "Sara Ahmadi" in text and "Call 5" in text
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    view.print_to(printer)
    assert len(PdfReader(printed).pages) == view.pages


def test_cancel_stops_the_report(view, workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Many")
    for n in range(40):
        touch(workspace, cid, at=dt.datetime(2026, 11, 1 + n % 28, 9, n))
    view.kind.setCurrentIndex(view.kind.findData("monthly"))
    view.stop()  # nothing running: harmless
    view.start()
    view.stop()
    qtbot.waitUntil(lambda: view.generate.isEnabled(), timeout=20000)
    assert view.pdf is None and view.status.text() == "Cancelled."


def test_journey_without_customer_asks_for_one(view):  # type: ignore[no-untyped-def]
    view.kind.setCurrentIndex(view.kind.findData("journey"))
    view.start()
    assert view.status.text() == "Choose a customer first." and view.generate.isEnabled()


def test_month_picker_shows_jalali_months(view):  # type: ignore[no-untyped-def]
    formatting.configure(calendar="jalali")
    view.refresh_choices()
    month = view.month.itemData(0)
    assert month.calendar == "jalali" and view.month.itemText(0) == month.label
    assert month == formatting.Month.containing(
        formatting.to_local(formatting.utc_now()).date(), "jalali"
    )
