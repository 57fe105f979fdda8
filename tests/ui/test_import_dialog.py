"""The contacts import dialog driven like a user: column choices, dry-run errors and counts,
remembered mappings, duplicates, Persian right-to-left; dropping files on the window; follow-ups
to a calendar from the File menu."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.data.test_contacts_formats import by_name, contacts_copy
from tests.helpers.factories import customer
from touchdesk.data.workspace import Workspace
from touchdesk.i18n import set_language
from touchdesk.ui.context import AppContext
from touchdesk.ui.dialogs.import_mapping import ImportContactsDialog

SHOP_LIST = (
    "Kunde,شماره,Mail,Stadt,Code\r\n"
    "Anna Berg,0912 100 2000,anna@example.com,Tehran,A1\r\n"
    "Ben Roth,0912 100 3000,ben@,Karaj,A2\r\n"
    "Cara Voss,,cara@example.com,,A3\r\n"
)


def dialog_for(ctx: AppContext, qtbot, path: Path) -> ImportContactsDialog:  # type: ignore[no-untyped-def]
    dialog = ImportContactsDialog(ctx, ctx.ws.open_contacts(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None or bool(dialog.problem))
    return dialog


def recheck(dialog: ImportContactsDialog, qtbot, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        change()


def test_choose_columns_see_errors_import_and_remember(
    ctx: AppContext, workspace: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "shop.csv"
    source.write_text(SHOP_LIST, "utf-8")
    dialog = dialog_for(ctx, qtbot, source)
    # Guessed: شماره is a phone, "Mail" an e-mail, "Stadt" and "Kunde" unknown words.
    assert dialog.fields() == ("", "phone", "email", "", "")
    assert dialog.problem == "Choose the column that holds the name (or the company)."
    assert not dialog.import_button.isEnabled()
    assert dialog.preview.item(1, 0).text() == "Anna Berg"
    assert dialog.preview.horizontalHeaderItem(1).text() == "شماره"
    recheck(dialog, qtbot, lambda: dialog.set_field(0, "name"))
    assert dialog.counts() == (2, 0, 1)
    assert [dialog.errors.item(i).text() for i in range(dialog.errors.count())] == [
        "row 3: email: not a valid e-mail address: ben@"
    ]
    assert dialog.summary.text() == (
        "New customers: 2 · Merged into existing ones: 0 · Skipped: 0 · "
        "Rows with errors (not imported): 1"
    )
    # Leave the e-mails out: every row is good now.
    recheck(dialog, qtbot, lambda: dialog.set_field(2, ""))
    assert dialog.counts() == (3, 0, 0)
    assert dialog.errors.isHidden()
    recheck(dialog, qtbot, lambda: dialog.set_field(2, "email"))
    dialog.combos[3].setCurrentIndex(dialog.combos[3].findData("city"))
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.fields()[3] == "city")
    dialog.mapping_name.setText("Shop list")
    assert workspace.count_customers() == 0  # the dry runs wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=10000) as imported:
        dialog.import_button.click()
    assert imported.args[0].imported == 2
    assert by_name(workspace) == {
        "Anna Berg": ("Anna Berg", "", ("0912 100 2000",), ("anna@example.com",), "Tehran", (), ""),
        "Cara Voss": ("Cara Voss", "", (), ("cara@example.com",), "", (), ""),
    }
    assert (source.parent / "shop.csv.rejected.csv").exists()
    # The next file with the same headers opens with the same choices.
    second = tmp_path / "shop-december.csv"
    second.write_text("Kunde,شماره,Mail,Stadt,Code\r\nDina Kaya,0912 100 4000,,Qom,A4\r\n", "utf-8")
    again = dialog_for(ctx, qtbot, second)
    assert again.fields() == ("name", "phone", "email", "city", "")
    assert again.kind_label.text() == (
        "Columns matched with the saved mapping “Shop list”; change any below."
    )
    assert again.mapping_name.text() == "Shop list"
    assert again.counts() == (1, 0, 0)


def test_duplicates_counted_and_merged(
    ctx: AppContext, workspace: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    customer(workspace, "Mina Sharifi", email="mina.sharifi@example.org")
    dialog = dialog_for(ctx, qtbot, contacts_copy(tmp_path, "outlook_contacts.csv"))
    assert dialog.kind_label.text() == "An Outlook contacts export: columns matched automatically."
    assert dialog.duplicate_box.isVisibleTo(dialog)
    assert dialog.duplicate_label.text() == "Already customers (same phone or e-mail): 2."
    assert dialog.counts() == (1, 0, 0)
    dialog.duplicate_buttons["new"].click()
    assert dialog.counts() == (3, 0, 0)
    dialog.duplicate_buttons["merge"].click()
    assert dialog.counts() == (1, 2, 0)
    assert dialog.summary.text().startswith("New customers: 1 · Merged into existing ones: 2")
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    found = by_name(workspace)
    assert sorted(found) == ["Mina Sharifi", "Reza Ali Tehrani"]
    assert found["Mina Sharifi"][2] == ("031 3344 5566", "0913 111 2222")
    assert found["Mina Sharifi"][5] == ("Friends", "Newsletter")


def test_persian_dialog_is_right_to_left(ctx: AppContext, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("fa")
    dialog = dialog_for(ctx, qtbot, contacts_copy(tmp_path, "android_v21.vcf"))
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.counts() == (4, 0, 0)
    assert dialog.combos == []


def drag_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(50, 50), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    drop = QDropEvent(
        QPointF(50, 50), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    return enter, drop, mime


def test_dropping_a_vcard_on_the_window_opens_the_import(
    window, workspace: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text_file = tmp_path / "notes.txt"
    text_file.write_text("x", "utf-8")
    enter, _drop, _mime = drag_events(text_file)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    source = contacts_copy(tmp_path, "contacts_v40.vcf")
    enter, drop, _mime = drag_events(source)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.findChild(ImportContactsDialog) is not None)
    dialog = window.findChild(ImportContactsDialog)
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert dialog.isVisible()
    assert dialog.counts() == (1, 0, 0)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert [c.name for c in workspace.find_customers()] == ["Kian Moradi"]


def test_file_menu_imports_and_exports_follow_ups(
    window, workspace: Workspace, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    source = contacts_copy(tmp_path, "google_contacts_2024.csv")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    window.import_contacts_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ImportContactsDialog) is not None)
    dialog = window.findChild(ImportContactsDialog)
    qtbot.waitUntil(lambda: dialog.report is not None)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    parisa = next(c.id for c in workspace.find_customers() if c.name == "Parisa Amini")
    workspace.add_followup("Send catalogue", dt.datetime(2026, 12, 2, 7, 0), customer_id=parisa)
    target = tmp_path / "calendar"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_calendar_action.trigger()
    written = tmp_path / "calendar.ics"
    qtbot.waitUntil(written.exists)
    (event,) = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Send catalogue — Parisa Amini"
    assert "Phone: 0919 100 2000" in str(event["description"])
    qtbot.waitUntil(lambda: "Exported 1 follow-up" in window.statusBar().currentMessage())


def test_dropping_a_persian_spreadsheet_guesses_its_columns(
    window, workspace: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.data.test_contacts_mapping import PERSIAN_HEADERS, PERSIAN_ROWS, workbook

    source = workbook(tmp_path / "مشتریان.xlsx", PERSIAN_HEADERS, PERSIAN_ROWS)
    enter, drop, _mime = drag_events(source)
    QApplication.sendEvent(window, enter)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.findChild(ImportContactsDialog) is not None)
    dialog = window.findChild(ImportContactsDialog)
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert dialog.fields() == (
        "name",
        "company",
        "mobile",
        "phone",
        "email",
        "city",
        "tags",
        "notes",
        "",
    )
    assert [dialog.preview.item(2, c).text() for c in (0, 2, 8)] == ["ناصر", "9123000000", "102"]
    assert dialog.counts() == (2, 0, 1)
    assert dialog.mapping_name.text() == "مشتریان"
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert sorted(c.name for c in workspace.find_customers()) == ["سینا رضایی", "مریم احمدی"]
    assert [m.name for m in workspace.contact_mappings()] == ["مشتریان"]


def test_vcard_errors_name_the_contact(ctx: AppContext, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "two.vcf"
    source.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\nEMAIL:bad@@x\r\nEND:VCARD\r\n"
    )
    dialog = dialog_for(ctx, qtbot, source)
    assert dialog.counts() == (1, 0, 1)
    assert dialog.errors.item(0).text() == "contact 2: email: not a valid e-mail address: bad@@x"
