"""The Customers screen driven like a user: search as you type (Persian and Latin digits, Arabic and
Persian letter forms), filter, delete with undo and redo, merge duplicates."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.factories import customer, touch
from tests.ui.conftest import type_text, wait_idle
from touchdesk.ui.dialogs.merge import MergeDialog


def _names(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [view.model.index(i, 0).data() for i in range(view.model.rowCount())]


def _search(qtbot, view, text: str) -> None:  # type: ignore[no-untyped-def]
    view.search.clear()
    type_text(qtbot, view.search, text)
    qtbot.waitUntil(lambda: view.model.filter.query == text)


def test_search_as_you_type_folds_digits_and_letters(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    ali = customer(workspace, "علی رضایی", phone="09121234567", tags=("vip",))
    customer(workspace, "Kian Moradi", phone="02071234567", company="Kian Ltd")
    customer(workspace, "Sara Kazemi", email="sara@example.com")
    view = window.show_view("customers")
    assert sorted(_names(view)) == sorted(["علی رضایی", "Kian Moradi", "Sara Kazemi"])

    _search(qtbot, view, "۰۹۱۲")  # Persian digits find a number stored with Latin digits
    assert _names(view) == ["علی رضایی"]
    _search(qtbot, view, "0912")
    assert _names(view) == ["علی رضایی"]
    _search(qtbot, view, "علي")  # Arabic yeh finds the Persian yeh
    assert _names(view) == ["علی رضایی"]
    _search(qtbot, view, "kian")
    assert _names(view) == ["Kian Moradi"]
    _search(qtbot, view, "sara@exa")
    assert _names(view) == ["Sara Kazemi"]
    _search(qtbot, view, "nobody")
    assert _names(view) == []
    # The detail panel follows the first match.
    _search(qtbot, view, "vip")
    assert _names(view) == ["علی رضایی"]
    qtbot.waitUntil(lambda: view.detail.customer_id == ali)


def test_filters_by_tag_and_needs_attention(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    a = customer(workspace, "Arash", tags=("wholesale",))
    b = customer(workspace, "Bahar")
    touch(workspace, b, outcome="decision")
    del a
    view = window.show_view("customers")
    view.tag.setCurrentIndex(view.tag.findData("wholesale"))
    assert _names(view) == ["Arash"]
    view.tag.setCurrentIndex(0)
    view.attention.setChecked(True)
    assert _names(view) == ["Bahar"]


def test_delete_then_undo_and_redo(window, workspace, qtbot, ctx):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Dara")
    customer(workspace, "Elham")
    view = window.show_view("customers")
    view.select_customer(cid)
    view.table.setFocus()
    view.delete_button.click()
    qtbot.waitUntil(lambda: _names(view) == ["Elham"])
    assert workspace.customer(cid, include_deleted=True).deleted

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: sorted(_names(view)) == ["Dara", "Elham"])
    assert not workspace.customer(cid).deleted

    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _names(view) == ["Elham"])
    assert workspace.customer(cid, include_deleted=True).deleted
    assert ctx.undo.canUndo()


def test_merge_two_customers_and_undo(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    keep = customer(workspace, "Farid Karimi", phone="09120000001")
    dup = customer(workspace, "Farid K.", email="farid@example.com")
    touch(workspace, keep, note="first call")
    e2 = touch(workspace, dup, note="visited the shop")
    view = window.show_view("customers")
    selection = view.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    for cid in (keep, dup):
        selection.select(view.model.index(view.model.row_of(cid), 0), flags)
    assert view.merge_button.isEnabled()
    view.merge_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MergeDialog))
    dialog = QApplication.activeModalWidget()
    keep_button = next(b for b in dialog.group.buttons() if "Farid Karimi" in b.text())
    keep_button.setChecked(True)
    dialog.accept()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: _names(view) == ["Farid Karimi"])
    assert [e.note for e in workspace.timeline(keep)] == ["visited the shop", "first call"]
    assert workspace.customer(keep).emails == ("farid@example.com",)
    assert workspace.customer(dup, include_deleted=True).deleted

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: sorted(_names(view)) == ["Farid K.", "Farid Karimi"])
    assert [e.id for e in workspace.timeline(dup)] == [e2]
    assert workspace.customer(keep).emails == ()


def test_the_count_follows_the_search_and_drops_a_late_answer(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    for name in ("Kian Moradi", "Kian Rad", "Sara Kazemi"):
        customer(workspace, name)
    view = window.show_view("customers")
    qtbot.waitUntil(lambda: view.count.text() == "3 customers")
    _search(qtbot, view, "kian")
    qtbot.waitUntil(lambda: view.count.text() == "2 customers")
    _search(qtbot, view, "sara")
    qtbot.waitUntil(lambda: view.count.text() == "1 customer")
    # An answer counted for a search no longer shown never replaces the current one.
    shown = view.model.filter
    view.model.filter = type(shown)(query="kian")
    view._update_count()
    view.model.filter = shown
    wait_idle(qtbot)
    assert view.count.text() == "1 customer"
