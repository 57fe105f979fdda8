"""The customer form: every bad field gets its own message beside it, nothing typed is lost, and a
corrected form saves (Ctrl+N opens it from anywhere)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from touchdesk.ui.dialogs.customer_edit import CustomerDialog


def test_new_customer_with_field_messages(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustomerDialog))
    dialog = QApplication.activeModalWidget()
    dialog.phones.setText("12ab")
    dialog.emails.setText("not-an-email")
    dialog.tags.setText("vip، wholesale")  # Persian comma separates too
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors.message("name") == "name cannot be empty"
    assert "not a phone number" in dialog.errors.message("phone")
    assert "not a valid e-mail address" in dialog.errors.message("email")
    assert dialog.emails.text() == "not-an-email"
    assert workspace.count_customers() == 0

    dialog.name.setText("Golnaz Ahmadi")
    dialog.phones.setText("0912 345 6789")
    dialog.emails.setText("golnaz@example.com")
    dialog.save()
    (row,) = workspace.find_customers()
    detail = workspace.customer(row.id)
    assert (detail.name, detail.emails, detail.tags) == (
        "Golnaz Ahmadi",
        ("golnaz@example.com",),
        ("vip", "wholesale"),
    )
    view = window.views["customers"]
    assert view.selected_id() == row.id
