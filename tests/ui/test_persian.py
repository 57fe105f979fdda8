"""Persian: the main window is right-to-left, dates are Jalali with Persian digits, and every date
picker uses the Jalali calendar with weeks starting on Saturday."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.factories import customer, touch
from touchdesk import formatting
from touchdesk.ui.app import Shell


def test_persian_main_window_is_rtl_with_jalali_dates(workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "مریم کاظمی", phone="09121234567")
    touch(workspace, cid, at=dt.datetime(2026, 11, 25, 10, 0), outcome="positive")
    workspace.set_setting("language", "fa")
    app = QApplication.instance()
    shell = Shell(app, workspace)
    window = shell.build()
    qtbot.addWidget(window)
    window.show()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft

    view = window.show_view("customers")
    assert view.model.index(0, 0).data() == "مریم کاظمی"
    assert view.model.index(0, 4).data() == "۱۴۰۵/۰۹/۰۴"  # 25 November 2026 = 4 Azar 1405
    assert view.model.index(0, 2).data() == "\u200e\u2066۰۹۱۲۱۲۳۴۵۶۷\u2069\u200e"
    view.select_customer(cid)
    assert view.detail.timeline.index(0, 0).data().startswith("۱۴۰۵/۰۹/۰۴")

    dialog = shell.ctx.touchpoints.quick_log(cid, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.when.calendar().name() == "Jalali"
    # Qt orders the sections for right-to-left display itself; check the Jalali parts.
    year, month, day = formatting.format_date(formatting.to_local(formatting.utc_now())).split("/")
    assert {year, month, day} <= set(dialog.when.text().replace(" ", "/").split("/"))
    assert not any(c.isascii() and c.isdigit() for c in dialog.when.text())
    popup = dialog.follow_date.calendarWidget()
    assert popup.calendar().name() == "Jalali"
    assert popup.firstDayOfWeek() == Qt.DayOfWeek.Saturday
    dialog.reject()


def test_english_stays_left_to_right_and_gregorian(window, workspace):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Sam Lee")
    touch(workspace, cid, at=dt.datetime(2026, 11, 25, 10, 0))
    view = window.show_view("customers")
    view.reload()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert view.model.index(0, 4).data() == "2026-11-25"
