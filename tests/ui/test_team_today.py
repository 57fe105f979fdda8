"""Today in a team: "Mine / Everyone's" (remembered), who each follow-up is assigned to, "Assign
to…" from the list, and "Assigned to" in the follow-up form — and none of it when working alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.helpers.factories import customer
from tests.ui.conftest import wait_idle
from touchdesk import formatting
from touchdesk.data.records import StaleEdit
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import utc_now
from touchdesk.ui import state
from touchdesk.ui.operations import explain
from touchdesk.ui.views.today import TodayView

# The offscreen platform cannot raise or grab for the "Assign to…" pop-up menu.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ASSIGNED = 2  # the "Assigned to" column of the follow-up sections


@pytest.fixture
def team(workspace: Workspace) -> Iterator[tuple[Workspace, Workspace, dict[str, int]]]:
    """Ana (the window's user) and Bob, with three overdue follow-ups: Ana's own, Bob's own and
    one Ana gave Bob."""
    workspace.set_user("ana")
    bob = Workspace.open(workspace.location, user="bob")
    bob.add_user("bob", "Bob K.")
    cid = customer(workspace, "Sara Ahmadi")
    late = utc_now() - dt.timedelta(days=2)
    ids = {
        "ana": workspace.add_followup("Ana's call", late, customer_id=cid),
        "bob": bob.add_followup("Bob's visit", late - dt.timedelta(hours=1), customer_id=cid),
        "given": workspace.add_followup(
            "Quote for Bob", late + dt.timedelta(hours=1), customer_id=cid, assignee="bob"
        ),
    }
    yield workspace, bob, ids
    bob.close()


def _today(window, qtbot) -> TodayView:  # type: ignore[no-untyped-def]
    view = window.show_view("today")
    _settle(view, qtbot)
    return view


def _settle(view: TodayView, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.is_loaded() and not view._loading and not view._timer.isActive())
    wait_idle(qtbot)


def _overdue(view: TodayView) -> list[tuple[str, str]]:
    model = view.overdue.model
    return [
        (model.data(model.index(r, 3)), model.data(model.index(r, ASSIGNED)))
        for r in range(model.rowCount())
    ]


def test_alone_there_is_no_switch_and_no_assignee(workspace, window, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Sara Ahmadi")
    workspace.add_followup("Call", utc_now() - dt.timedelta(days=1), customer_id=cid)
    view = _today(window, qtbot)
    assert view.overdue.model.rowCount() == 1
    assert view.switch.isHidden()
    assert view.overdue.table.isColumnHidden(ASSIGNED)
    assert view.overdue.buttons[2].isHidden()


@pytest.mark.both_backends
def test_mine_and_everyones(team, window, qtbot):  # type: ignore[no-untyped-def]
    view = _today(window, qtbot)
    assert not view.switch.isHidden() and view.switch.mine()
    assert not view.overdue.table.isColumnHidden(ASSIGNED)
    assert _overdue(view) == [("Ana's call", "ana")]

    view.switch.everyone_button.click()
    _settle(view, qtbot)
    assert _overdue(view) == [
        ("Bob's visit", "Bob K."),
        ("Ana's call", "ana"),
        ("Quote for Bob", "Bob K."),
    ]
    assert state.read("today/mine", None, bool) is False
    again = TodayView(window.ctx)
    qtbot.addWidget(again)
    _settle(again, qtbot)
    assert not again.switch.mine() and again.overdue.model.rowCount() == 3


@pytest.mark.both_backends
def test_assign_to_from_the_list(team, window, qtbot):  # type: ignore[no-untyped-def]
    workspace, _bob, ids = team
    view = _today(window, qtbot)
    row = view.overdue.selected()
    assert row.id == ids["ana"]
    assign = view.overdue.buttons[2]
    assert assign.text() == "Assign to…" and assign.isVisible()
    assign.click()
    menu = view.assign_popup
    qtbot.waitUntil(menu.isVisible)
    labels = [(a.text(), a.isChecked()) for a in menu.actions()]
    assert labels == [("ana", True), ("Bob K.", False)]
    next(a for a in menu.actions() if a.data() == "bob").trigger()
    assert workspace.followup(ids["ana"]).assignee == "Bob K."
    _settle(view, qtbot)
    assert _overdue(view) == []


@pytest.mark.both_backends
def test_followup_form_asks_for_whom(team, window, qtbot):  # type: ignore[no-untyped-def]
    workspace, _bob, _ids = team
    cid = workspace.find_customers()[0].id
    dialog = window.ctx.touchpoints.add_followup(cid, parent=window)
    box = dialog.assignee_box
    assert [box.itemText(i) for i in range(box.count())] == ["ana", "Bob K."]
    assert box.currentData() == "ana"
    dialog.title.setText("Send samples")
    box.setCurrentIndex(box.findData("bob"))
    dialog.done(QDialog.DialogCode.Accepted)
    (made,) = [f for f in workspace.open_followups(cid) if f.title == "Send samples"]
    assert (made.assignee, made.author) == ("Bob K.", "ana")


def test_followup_form_alone_does_not_ask(workspace, window, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(workspace, "Sara Ahmadi")
    dialog = window.ctx.touchpoints.add_followup(cid, parent=window)
    assert dialog.assignee_box.count() == 0 and dialog.assignee() is None
    assert not dialog.assignee_box.isVisibleTo(dialog)
    dialog.done(QDialog.DialogCode.Accepted)
    (made,) = workspace.open_followups(cid)
    assert made.assignee == made.author == workspace.user_name


def test_a_stale_followup_change_is_explained(team) -> None:  # type: ignore[no-untyped-def]
    workspace, bob, ids = team
    old = workspace.followup(ids["given"])
    bob.complete_followup(ids["given"])
    with pytest.raises(StaleEdit) as caught:
        workspace.assign_followup(ids["given"], "ana", expected_version=old.version)
    # The follow-up records who changed it last: Bob is named.
    assert explain(caught.value).startswith("Bob K. changed this meanwhile, so nothing was saved.")


@pytest.mark.both_backends
def test_customer_shows_who_changed_it_last(team, window, qtbot):  # type: ignore[no-untyped-def]
    workspace, bob, _ids = team
    (row,) = workspace.find_customers()
    current = bob.customer(row.id)
    bob.update_customer(row.id, current.as_input(), expected_version=current.version)
    customers = window.show_view("customers")
    customers.select_customer(row.id)
    detail = customers.detail
    changed = formatting.format_date(formatting.to_local(bob.customer(row.id).updated_at))
    assert f"Changed by Bob K. on {changed}" in detail.card.text()
    assert not detail.followups_view.isColumnHidden(2)
    assignees = {detail.followups.data(detail.followups.index(r, 2)) for r in range(3)}
    assert assignees == {"ana", "Bob K."}


def test_a_reschedule_over_someone_elses_is_refused_and_explained(team, window, qtbot):  # type: ignore[no-untyped-def]
    workspace, bob, ids = team
    view = _today(window, qtbot)
    view.switch.everyone_button.click()
    _settle(view, qtbot)
    row = next(r for r in view.overdue.model.rows() if r.id == ids["given"])
    bobs_time = dt.datetime(2030, 1, 2, 9, 0)
    bob.reschedule_followup(ids["given"], bobs_time)
    dialog = window.ctx.touchpoints.reschedule_followup(
        row.id, row.title, row.due_at, version=row.version, parent=window
    )
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.close()

    QTimer.singleShot(50, read_and_close)
    dialog.done(QDialog.DialogCode.Accepted)
    assert seen and seen[0].startswith("Bob K. changed this meanwhile")
    assert workspace.followup(ids["given"]).due_at == bobs_time
