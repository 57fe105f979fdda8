"""Today: every list with exact counts (in the lists and in the navigation), and each action done
from its list — resolve a decision (undoable), complete a follow-up, record a late reply."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.factories import customer, touch
from tests.ui.conftest import wait_idle
from touchdesk.formatting import utc_now


@pytest.fixture
def busy_day(workspace):  # type: ignore[no-untyped-def]
    now = utc_now()
    ids = {name: customer(workspace, name) for name in ("Arash", "Bahar", "Cyrus", "Dina", "Elham")}
    workspace.add_followup(
        "Call about the quote", now - dt.timedelta(days=2), customer_id=ids["Arash"]
    )
    midnight = now.replace(hour=0, minute=0, second=0)
    workspace.add_followup(
        "Send the catalogue", midnight + dt.timedelta(minutes=30), customer_id=ids["Elham"]
    )
    decision = touch(
        workspace, ids["Bahar"], outcome="decision", note="Thinking about the yearly plan"
    )
    request = touch(
        workspace,
        ids["Cyrus"],
        "support_channels",
        direction="inbound",
        at=now - dt.timedelta(hours=10),
        note="Invoice is wrong",
    )
    touch(workspace, ids["Dina"], amount_cents=5000, at=now - dt.timedelta(days=90))
    return ids, decision, request


def _today(window, qtbot):  # type: ignore[no-untyped-def]
    view = window.show_view("today")
    qtbot.waitUntil(lambda: view.is_loaded() and not view._loading and not view._timer.isActive())
    wait_idle(qtbot)
    return view


def _titles(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.title() for s in view.sections if not s.isHidden()]


def test_today_lists_and_counts(busy_day, window, qtbot):  # type: ignore[no-untyped-def]
    view = _today(window, qtbot)
    assert _titles(view) == [
        "Overdue follow-ups (1)",
        "Due today (1)",
        "Pending decisions (1)",
        "Unanswered requests past their deadline (1)",
        "Customers losing touch (1)",
    ]
    assert view.overdue.model.index(0, 1).data() == "Arash"
    assert view.late.model.index(0, 3).data() == "Invoice is wrong"
    assert view.losing.model.index(0, 2).data() == "90 days"
    assert window.nav.item(0).text() == "Today  (5)"


def test_resolve_decision_from_today_and_undo(busy_day, window, workspace, qtbot):  # type: ignore[no-untyped-def]
    _ids, decision, _request = busy_day
    view = _today(window, qtbot)
    positive = next(b for b in view.decisions.buttons if b.text() == "Positive")
    positive.click()
    assert workspace.event(decision).resolution == "positive"
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Today  (4)")
    assert view.decisions.isHidden()

    window.undo_action.trigger()
    assert workspace.event(decision).resolution is None
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Today  (5)")


def test_done_and_reply_from_today(busy_day, window, workspace, qtbot):  # type: ignore[no-untyped-def]
    ids, _decision, request = busy_day
    view = _today(window, qtbot)
    next(b for b in view.overdue.buttons if b.text() == "Done").click()
    assert workspace.open_followups(ids["Arash"]) == []
    next(b for b in view.late.buttons if b.text() == "Record reply").click()
    replied = workspace.event(request)
    assert replied.replied_at is not None
    assert 595 <= replied.response_minutes <= 605
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Today  (3)")
    assert _titles(view) == ["Due today (1)", "Pending decisions (1)", "Customers losing touch (1)"]


def test_navigation_count_before_today_is_opened(ctx, workspace, busy_day, qtbot):  # type: ignore[no-untyped-def]
    from touchdesk.ui import state
    from touchdesk.ui.mainwindow import MainWindow

    state.write("window/view", "customers")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert "today" not in win.views
    qtbot.waitUntil(lambda: win.nav.item(0).text() == "Today  (5)")
