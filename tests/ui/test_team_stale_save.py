"""A stale customer save in the edit form: Bob saves the customer (from his own workspace) while
the form is open; saving the form shows what Bob changed beside what was typed, and each choice
— keep mine, merge, discard mine — leaves exactly the expected customer in the database."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel

from tests.helpers.factories import customer
from touchdesk.data.workspace import Workspace
from touchdesk.ui.dialogs.customer_edit import CustomerDialog
from touchdesk.ui.dialogs.stale_edit import StaleEditDialog

# Each choice on both engines: the same dialog over SQLite and over PostgreSQL.
pytestmark = pytest.mark.both_backends


@pytest.fixture
def cid(workspace: Workspace) -> int:
    return customer(workspace, "Sara Ahmadi", city="Tehran", notes="Prefers calls")


def bob_saves(bob: Workspace, cid: int, **changes: object) -> None:
    current = bob.customer(cid)
    bob.update_customer(
        cid, replace(current.as_input(), **changes), expected_version=current.version
    )


def edit_and_save_stale(workspace, bob, cid, qtbot) -> tuple[CustomerDialog, StaleEditDialog]:  # type: ignore[no-untyped-def]
    """Open the form, type a new city and note, let Bob save a company and a note, then save."""
    dialog = CustomerDialog(workspace, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.city.setText("Shiraz")
    dialog.notes.setPlainText("Wants the yearly plan")
    bob_saves(bob, cid, company="Ahmadi Trading", notes="Call after 5 pm")
    dialog.save()
    stale = dialog.stale_dialog
    assert stale is not None
    qtbot.waitUntil(stale.isVisible)
    return dialog, stale


def test_the_dialog_shows_what_each_side_changed(workspace, bob, cid, qtbot):  # type: ignore[no-untyped-def]
    dialog, stale = edit_and_save_stale(workspace, bob, cid, qtbot)
    heading = stale.findChild(QLabel, "staleHeading")
    assert "bob changed this customer while you were editing" in heading.text()
    assert stale.rows == {
        "company": ("Ahmadi Trading", "—"),
        "city": ("Tehran", "Shiraz"),
        "notes": ("Call after 5 pm", "Wants the yearly plan"),
    }
    assert list(stale.choices) == ["notes"]
    assert stale.picks() == {"notes": "theirs"}
    # Nothing typed is lost while the user decides, and nothing was written.
    assert (dialog.city.text(), dialog.notes.toPlainText()) == ("Shiraz", "Wants the yearly plan")
    assert workspace.customer(cid).city == "Tehran"
    stale.reject()


def test_keep_mine_saves_the_whole_form_over_theirs(workspace, bob, cid, qtbot):  # type: ignore[no-untyped-def]
    dialog, stale = edit_and_save_stale(workspace, bob, cid, qtbot)
    stale.keep_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = bob.customer(cid)
    assert (saved.company, saved.city, saved.notes) == ("", "Shiraz", "Wants the yearly plan")
    assert saved.version == 3


@pytest.mark.parametrize(
    ("choice", "notes"), [("mine", "Wants the yearly plan"), (None, "Call after 5 pm")]
)
def test_merge_takes_each_side_and_the_chosen_conflicts(  # type: ignore[no-untyped-def]
    workspace, bob, cid, qtbot, choice, notes
):
    """Each side's own changes are merged; a conflict keeps theirs unless mine is chosen."""
    dialog, stale = edit_and_save_stale(workspace, bob, cid, qtbot)
    if choice:
        stale.choose("notes", choice)
    stale.merge_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = bob.customer(cid)
    assert (saved.company, saved.city, saved.notes) == ("Ahmadi Trading", "Shiraz", notes)


def test_discard_mine_keeps_theirs_and_writes_nothing(workspace, bob, cid, qtbot):  # type: ignore[no-untyped-def]
    dialog, stale = edit_and_save_stale(workspace, bob, cid, qtbot)
    stale.discard_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = workspace.customer(cid)
    assert (saved.company, saved.city, saved.notes, saved.version) == (
        "Ahmadi Trading",
        "Tehran",
        "Call after 5 pm",
        2,
    )
    assert saved.updated_by == "bob"


def test_a_second_stale_save_repeats_the_choice(workspace, bob, cid, qtbot):  # type: ignore[no-untyped-def]
    dialog, stale = edit_and_save_stale(workspace, bob, cid, qtbot)
    stale.choose("notes", "mine")
    bob_saves(bob, cid, source="Instagram")
    stale.merge_button.click()
    second = dialog.stale_dialog
    assert second is not None and second is not stale
    qtbot.waitUntil(second.isVisible)
    assert dialog.isVisible()
    # Compared with what Bob saved first: only his new source is theirs; the merge is mine.
    assert second.rows == {
        "city": ("Tehran", "Shiraz"),
        "source": ("Instagram", "—"),
        "notes": ("Call after 5 pm", "Wants the yearly plan"),
    }
    assert second.choices == {}
    second.merge_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = workspace.customer(cid)
    assert (saved.company, saved.city, saved.source, saved.notes, saved.version) == (
        "Ahmadi Trading",
        "Shiraz",
        "Instagram",
        "Wants the yearly plan",
        4,
    )
