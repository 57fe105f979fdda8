"""Logging a touchpoint, the heart of TouchDesk: keyboard only, Enter saves, remembered defaults,
Persian digits in amounts, replies to open requests, and a failed save that loses nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from tests.helpers.factories import customer, touch
from tests.ui.conftest import type_text, wait_idle
from touchdesk.ui.dialogs.quicklog import QuickLogDialog

# The offscreen platform cannot raise windows or grab the keyboard for the completer popup.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def _open_with_keyboard(qtbot, window) -> QuickLogDialog:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QuickLogDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: _focused() is not None and dialog.isAncestorOf(_focused()))
    return dialog


def _alt(qtbot, dialog, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(_focused() or dialog, key, Qt.KeyboardModifier.AltModifier)


def test_log_with_the_keyboard_only(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Shirin Zarei", phone="09121112233")
    customer(workspace, "Kaveh Shams")
    dialog = _open_with_keyboard(qtbot, window)
    assert _focused() is dialog.customer
    type_text(qtbot, _focused(), "shir")
    popup = dialog.customer.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.customer.customer_id == cid

    _alt(qtbot, dialog, Qt.Key.Key_T)
    assert _focused() is dialog.touchpoint
    qtbot.keyClicks(_focused(), "Supp")
    _alt(qtbot, dialog, Qt.Key.Key_H)
    qtbot.keyClicks(_focused(), "Onl")
    _alt(qtbot, dialog, Qt.Key.Key_O)
    qtbot.keyClicks(_focused(), "Neg")
    _alt(qtbot, dialog, Qt.Key.Key_D)
    qtbot.keyClicks(_focused(), "In")
    _alt(qtbot, dialog, Qt.Key.Key_N)
    assert _focused() is dialog.note
    type_text(qtbot, _focused(), "Parcel arrived broken; wants a swap")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: len(workspace.timeline(cid)) == 1)
    wait_idle(qtbot)
    (row,) = workspace.timeline(cid)
    assert (row.touchpoint, row.channel, row.outcome, row.direction) == (
        "support_channels",
        "chat",
        "negative",
        "inbound",
    )
    assert row.note == "Parcel arrived broken; wants a swap"
    assert row.reply_due_at == row.occurred_at + dt.timedelta(hours=4)
    assert abs((row.occurred_at - dt.datetime.utcnow()).total_seconds()) < 120

    view = window.show_view("customers")
    qtbot.waitUntil(lambda: view.model.row_of(cid) >= 0)
    view.select_customer(cid)
    timeline = view.detail.timeline
    assert timeline.rowCount() == 1
    assert timeline.index(0, 4).data() == "Parcel arrived broken; wants a swap"
    assert timeline.index(0, 3).data() == "Negative, awaiting reply"

    # The choices are remembered for the next log; Ctrl+Z removes the touchpoint.
    again = _open_with_keyboard(qtbot, window)
    assert again.touchpoint.currentData() == "support_channels"
    assert again.channel.currentData() == "chat"
    again.reject()
    window.undo_action.trigger()
    assert workspace.timeline(cid) == []


def test_amount_with_persian_digits_and_a_follow_up(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Nima")
    dialog = ctx.touchpoints.quick_log(cid)
    qtbot.addWidget(dialog)
    dialog.touchpoint.setCurrentIndex(dialog.touchpoint.findData("point_of_sale"))
    assert dialog.stage.text() == "During purchase"
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("positive"))
    type_text(qtbot, dialog.amount, "۱۲٫۵۰")
    dialog.follow_mode.setCurrentIndex(1)
    dialog.follow_days.setValue(2)
    dialog.follow_title.setText("Thank-you call")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(workspace.timeline(cid)) == 1)
    wait_idle(qtbot)
    assert workspace.timeline(cid)[0].amount_cents == 1250
    (fu,) = workspace.open_followups(cid)
    assert fu.title == "Thank-you call"


def test_field_messages_keep_what_was_typed(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    dialog = ctx.touchpoints.quick_log()
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("Keep me")
    dialog.amount.setText("twelve")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.errors.message("customer") == "Choose a customer"
    assert "not a number" in dialog.errors.message("amount")
    assert dialog.note.toPlainText() == "Keep me"
    assert dialog.amount.text() == "twelve"


def test_reply_to_an_open_request_records_the_response_time(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Parisa")
    asked = dt.datetime.utcnow().replace(microsecond=0) - dt.timedelta(hours=3)
    request = touch(
        workspace, cid, "support_channels", direction="inbound", at=asked, note="Login fails"
    )
    dialog = ctx.touchpoints.quick_log(cid)
    qtbot.addWidget(dialog)
    assert dialog.reply_to.count() == 2
    assert not dialog.reply_to.isHidden()
    dialog.reply_to.setCurrentIndex(1)
    dialog.note.setPlainText("Reset the password")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: workspace.event(request).replied_at is not None)
    wait_idle(qtbot)
    assert 170 <= workspace.event(request).response_minutes <= 190


def _read_only(engine):  # type: ignore[no-untyped-def]
    """Make every new write connection refuse writes (tests run as root, where chmod does not)."""

    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only = ON")

    engine.dispose()
    event.listen(engine, "connect", on_connect)
    return on_connect


def test_failed_save_on_a_read_only_database_keeps_the_dialog(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Reza Tehrani")
    engine = workspace.db.write_engine
    hook = _read_only(engine)
    dialog = ctx.touchpoints.quick_log(cid)
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("Promised a call back on Saturday")
    dialog.amount.setText("80")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.banner.isVisible)
    assert "read-only" in dialog.banner.label.text()
    assert dialog.banner.retry_button.isVisibleTo(dialog)
    assert dialog.isVisible()
    assert dialog.note.toPlainText() == "Promised a call back on Saturday"
    assert dialog.amount.text() == "80"
    assert dialog.customer.customer_id == cid
    assert workspace.timeline(cid) == []

    event.remove(engine, "connect", hook)
    engine.dispose()
    dialog.banner.retry_button.click()
    qtbot.waitUntil(lambda: len(workspace.timeline(cid)) == 1)
    wait_idle(qtbot)
    assert workspace.timeline(cid)[0].note == "Promised a call back on Saturday"
