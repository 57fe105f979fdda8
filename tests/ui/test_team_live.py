"""Others' changes appear without any user action: a second workspace on the same database (Bob,
in another program — on the same SQLite file, or on the PostgreSQL server via LISTEN/NOTIFY) adds
a customer and logs a touchpoint, and the open window's customer list, timeline and Today show
them on their own."""

from __future__ import annotations

import pytest

from tests.helpers.factories import customer, touch
from tests.ui.conftest import wait_idle
from touchdesk.data.records import FollowUpRequest
from touchdesk.formatting import utc_now

WAIT_MS = 10_000


@pytest.fixture
def live_window(window, qtbot):  # type: ignore[no-untyped-def]
    """The main window, polling faster than in real use so the test runs quickly."""
    live = window.ctx.live
    assert live is not None and live.running
    live.timer.setInterval(100)
    yield window
    window.ctx.close()
    wait_idle(qtbot)


def _names(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [view.model.customer_at(i).name for i in range(view.model.rowCount())]


@pytest.mark.both_backends
def test_a_customer_bob_adds_appears_in_the_list(live_window, bob, qtbot):  # type: ignore[no-untyped-def]
    view = live_window.show_view("customers")
    assert _names(view) == []
    customer(bob, "Parisa Karimi")
    qtbot.waitUntil(lambda: _names(view) == ["Parisa Karimi"], timeout=WAIT_MS)


@pytest.mark.both_backends
def test_a_touchpoint_bob_logs_appears_in_the_timeline_and_today(  # type: ignore[no-untyped-def]
    workspace, live_window, bob, qtbot
):
    cid = customer(workspace, "Sara Ahmadi")
    customers = live_window.show_view("customers")
    qtbot.waitUntil(lambda: customers.model.rowCount() == 1, timeout=WAIT_MS)
    customers.select_customer(cid)
    timeline = customers.detail.timeline
    assert timeline.rowCount() == 0
    today = live_window.show_view("today")
    qtbot.waitUntil(lambda: today.is_loaded(), timeout=WAIT_MS)
    assert today.due_today.model.rowCount() == 0
    today.switch.everyone_button.click()  # Bob's follow-up is his, not the window user's

    due = utc_now().replace(hour=23, minute=0, second=0, microsecond=0)
    touch(
        bob,
        cid,
        note="Asked about delivery",
        follow_up=FollowUpRequest("Send the tracking code", due=due.date()),
    )
    qtbot.waitUntil(lambda: timeline.rowCount() == 1, timeout=WAIT_MS)
    event = timeline.event_at(0)
    assert (event.note, event.logged_by) == ("Asked about delivery", "bob")
    qtbot.waitUntil(
        lambda: today.overdue.model.rowCount() + today.due_today.model.rowCount() == 1,
        timeout=WAIT_MS,
    )


def test_closing_stops_watching(live_window, bob, qtbot):  # type: ignore[no-untyped-def]
    ctx = live_window.ctx
    live = ctx.live
    view = live_window.show_view("customers")
    ctx.close()
    assert ctx.live is None and not live.running and not live.timer.isActive()
    customer(bob, "After closing")
    qtbot.wait(400)
    wait_idle(qtbot)
    assert _names(view) == []


def test_a_rebuilt_window_takes_over_watching(workspace, bob, qtbot):  # type: ignore[no-untyped-def]
    """Changing the language rebuilds the window on the same context: the new window watches,
    and deleting the old one does not stop it."""
    from touchdesk.ui.context import AppContext
    from touchdesk.ui.mainwindow import MainWindow

    ctx = AppContext(workspace)
    first = MainWindow(ctx)
    watcher = ctx.live
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert ctx.live is not None and ctx.live is not watcher and ctx.live.parent() is second
    assert not watcher.running
    first.deleteLater()
    qtbot.wait(10)
    ctx.live.timer.setInterval(100)
    view = second.show_view("customers")
    customer(bob, "Nasrin")
    qtbot.waitUntil(lambda: _names(view) == ["Nasrin"], timeout=WAIT_MS)
    ctx.close()
    wait_idle(qtbot)
