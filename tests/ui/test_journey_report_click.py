"""The journey summary is one click from a customer's page."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QThreadPool

from tests.helpers.factories import customer, touch

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_journey_report_button_makes_the_customers_summary(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Sara Ahmadi")
    touch(workspace, cid, note="Asked about delivery", at=dt.datetime(2026, 11, 2, 9))
    customers = window.show_view("customers")
    customers.detail.show_customer(cid)
    qtbot.mouseClick(customers.detail.report_button, Qt.MouseButton.LeftButton)
    reports = window.views["reports"]
    assert window.current_key() == "reports"
    qtbot.waitUntil(lambda: reports.pdf is not None, timeout=20000)
    assert reports.kind.currentData() == "journey"
    assert reports.pages >= 1
    QThreadPool.globalInstance().waitForDone(10000)
