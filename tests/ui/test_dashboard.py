"""The Dashboard on a hand-counted month: KPIs with their change, outcomes by stage, the ranked
friction points and their click-through to the exact touchpoints, the heatmap's blank cells and its
channel × hour view (in English and in Persian, right to left), and an empty month that shows zeros
instead of failing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.helpers.factories import customer, touch
from tests.ui.conftest import wait_idle
from touchdesk import formatting
from touchdesk.formatting import Month
from touchdesk.i18n import _, set_language
from touchdesk.ui.views.dashboard import DashboardView

OCTOBER = Month(2026, 10)


@dataclass
class Fixture:
    sara: int
    ali: int
    phone: list[int]  # Sara's 20 sales calls in October
    email: list[int]  # Ali's 20 sales e-mails in October
    sms: list[int]  # Ali's 3 social-media contacts by SMS in October
    september: int  # Sara's call on 30 September


def build_month(ws) -> Fixture:  # type: ignore[no-untyped-def]
    """October 2026, counted by hand:
    - Sara (tag vip): 20 sales conversations by phone on 1..20 Oct at 10:00 — 5 negative, 2
      decisions still open, 13 positive; and one neutral call on 30 September (so she is not new).
    - Ali: 20 sales conversations by e-mail on 1..20 Oct at 12:00 — 1 negative, 19 neutral; and 3
      negative social-media contacts by SMS on 21..23 Oct.
    October: 43 touchpoints, 2 customers contacted, 1 new (Ali), 0 purchases; September: 1.
    During purchase: positive 13, neutral 19, negative 6, open decisions 2; before purchase:
    negative 3. Friction (at least 20 touchpoints): #1 sales/phone 7/20, #2 sales/e-mail 1/20;
    social media/SMS has 3, too few to rank."""
    sara = customer(ws, "Sara Ahmadi", tags=("vip",))
    ali = customer(ws, "Ali Rezaei")
    september = touch(ws, sara, at=dt.datetime(2026, 9, 30, 10), outcome="neutral")
    outcomes = ["negative"] * 5 + ["decision"] * 2 + ["positive"] * 13
    phone = [
        touch(ws, sara, "sales_conversation", "phone", o, at=dt.datetime(2026, 10, d, 10))
        for d, o in enumerate(outcomes, 1)
    ]
    email = [
        touch(
            ws,
            ali,
            "sales_conversation",
            "email",
            "negative" if d == 1 else "neutral",
            at=dt.datetime(2026, 10, d, 12),
        )
        for d in range(1, 21)
    ]
    sms = [
        touch(ws, ali, "social_media", "sms", "negative", at=dt.datetime(2026, 10, d, 9))
        for d in (21, 22, 23)
    ]
    return Fixture(sara, ali, phone, email, sms, september)


def open_month(ctx, qtbot, month: Month) -> DashboardView:  # type: ignore[no-untyped-def]
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    view.period.set_month(month)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: view.analytics is not None and view.analytics.period.month == month)
    assert not view.busy.isVisible()
    return view


def test_kpis_and_outcomes_by_stage(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_month(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    cards = view.kpis.cards
    assert cards["touchpoints"].value.text() == "43"
    assert cards["touchpoints"].delta.text() == "+4,200% vs last month"
    assert cards["customers_contacted"].value.text() == "2"
    assert cards["customers_contacted"].delta.text() == "+100% vs last month"
    assert cards["new_customers"].value.text() == "1"
    assert cards["purchases"].value.text() == "0"
    assert cards["open_decisions"].value.text() == "2"
    assert view.stages.values() == {
        "Positive": [0, 13, 0, 0],
        "Neutral": [0, 19, 0, 0],
        "Negative": [3, 6, 0, 0],
        "Decision pending": [0, 2, 0, 0],
    }


def test_friction_click_through_lists_the_exact_touchpoints(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    f = build_month(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    model = view.friction
    assert model.rowCount() == 2
    assert [model.index(r, c).data() for r in (0, 1) for c in (0, 1, 2, 3, 4, 5, 6)] == [
        "1", "Conversation with a representative", "Phone", "20", "5", "2", "35%",
        "2", "Conversation with a representative", "E-mail", "20", "1", "0", "5%",
    ]  # fmt: skip
    view.friction_table.selectRow(0)
    qtbot.mouseClick(view.friction_button, Qt.MouseButton.LeftButton)
    dialog = view.events_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.ids() == list(reversed(f.phone))  # newest first; not September's call
    assert dialog.model.index(0, 1).data() == "Sara Ahmadi"
    dialog.close()
    second = view.open_friction(1)
    assert second is not None
    qtbot.addWidget(second)
    assert second.ids() == list(reversed(f.email))


def test_tag_filter_narrows_the_click_through(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    f = build_month(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    view.tag.setCurrentIndex(view.tag.findData("vip"))
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: view.analytics is not None and view.analytics.tag == "vip")
    assert view.kpis.cards["touchpoints"].value.text() == "20"
    assert view.friction.rowCount() == 1
    dialog = view.open_friction(0)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.ids() == list(reversed(f.phone))


def test_heatmap_blank_where_too_few_sequences(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_month(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    # Only Ali's first contact (Thursday 1 October, e-mail) starts a sequence: 1 < 20, so blank.
    assert view.heatmap.channels == ["email"]
    assert view.heatmap.cell_text("email", 3) == ""
    item = view.heatmap.item(0, view.heatmap.slots.index(3))
    assert item.toolTip() == "1 sequence started, 0 with a purchase"


def build_first_contacts(ws) -> None:  # type: ignore[no-untyped-def]
    """October 2026, counted by hand (tests run in UTC, so local hours are the UTC ones): each
    customer's first touchpoint ever starts one sequence.
    - 20 customers first reached by phone at 09:00 on 1..20 Oct; the first 10 buy at 11:00 that
      day: phone × 09 is 10 of 20 = 50%.
    - 20 customers first reached by chat at 14:30 on 1..20 Oct; the first 5 buy at 16:00: chat × 14
      is 5 of 20 = 25%.
    - 3 customers first reached by e-mail at 18:00 on 1..3 Oct, none buys: 3 < 20, blank.
    By weekday every cell has at most 3 sequences (1..20 October spreads over the week): blank."""
    for channel, hour, minute, buyers in (("phone", 9, 0, 10), ("chat", 14, 30, 5)):
        for day in range(1, 21):
            cid = customer(ws, f"{channel} {day}")
            touch(ws, cid, "social_media", channel, at=dt.datetime(2026, 10, day, hour, minute))
            if day <= buyers:
                touch(
                    ws,
                    cid,
                    "point_of_sale",
                    "in_person",
                    "positive",
                    at=dt.datetime(2026, 10, day, hour + 2),
                    amount_cents=1000,
                )
    for day in (1, 2, 3):
        touch(
            ws,
            customer(ws, f"email {day}"),
            "social_media",
            "email",
            at=dt.datetime(2026, 10, day, 18),
        )


def heatmap_texts(view: DashboardView) -> dict[tuple[str, int], str]:
    """Every non-blank heatmap cell: (channel, weekday or hour) → text."""
    h = view.heatmap
    return {
        (channel, slot): h.cell_text(channel, slot)
        for channel in h.channels
        for slot in h.slots
        if h.cell_text(channel, slot)
    }


def test_heatmap_by_hour_shows_the_cells_with_enough_sequences(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_first_contacts(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    assert view.heatmap_columns() == "weekday" and view.heatmap.columnCount() == 7
    assert heatmap_texts(view) == {}
    assert "weekday" in view.heatmap_note.text()

    qtbot.mouseClick(view.findChild(QPushButton, "heatmapByHour"), Qt.MouseButton.LeftButton)
    h = view.heatmap
    assert view.heatmap_columns() == "hour" and h.columnCount() == 24
    assert [h.horizontalHeaderItem(c).text() for c in (0, 9, 23)] == ["00", "09", "23"]
    assert h.channels == ["phone", "email", "chat"]  # catalog order
    assert heatmap_texts(view) == {("phone", 9): "50%", ("chat", 14): "25%"}
    email = h.item(h.channels.index("email"), 18)
    assert email.text() == "" and email.toolTip() == "3 sequences started, 0 with a purchase"
    assert h.item(h.channels.index("phone"), 9).toolTip() == (
        "20 sequences started, 10 with a purchase"
    )
    assert "hour of the day" in view.heatmap_note.text()

    # Another month keeps the hour view; back to weekdays on a click.
    view.period.set_month(Month(2026, 11))
    qtbot.waitUntil(lambda: view.analytics is not None and view.analytics.period.month.month == 11)
    assert view.heatmap.columnCount() == 24 and heatmap_texts(view) == {}
    qtbot.mouseClick(view.findChild(QPushButton, "heatmapByWeekday"), Qt.MouseButton.LeftButton)
    assert view.heatmap_columns() == "weekday" and view.heatmap.columnCount() == 7


def test_heatmap_by_hour_in_persian_reads_right_to_left(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_first_contacts(workspace)
    set_language("fa")
    formatting.configure_for_language("fa")
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.resize(1200, 900)
    view.show()
    view.period.set_month(OCTOBER)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: view.analytics is not None and view.analytics.period.month == OCTOBER)
    hour = view.findChild(QPushButton, "heatmapByHour")
    assert hour.text() == _("By hour")
    qtbot.mouseClick(hour, Qt.MouseButton.LeftButton)
    h = view.heatmap
    assert [h.horizontalHeaderItem(c).text() for c in (0, 9, 23)] == ["۰۰", "۰۹", "۲۳"]
    assert heatmap_texts(view) == {("phone", 9): "۵۰٪", ("chat", 14): "۲۵٪"}
    # Midnight is the rightmost column, 23:00 the leftmost.
    header = h.horizontalHeader()
    assert header.sectionViewportPosition(0) > header.sectionViewportPosition(23)
    assert hour.mapTo(view, hour.rect().center()).x() < (
        view.findChild(QPushButton, "heatmapByWeekday").mapTo(view, hour.rect().center()).x()
    )


def test_empty_month_shows_zeros_not_errors(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_month(workspace)
    view = open_month(ctx, qtbot, Month(2025, 1))
    cards = view.kpis.cards
    assert [cards[k].value.text() for k in ("touchpoints", "new_customers", "purchases")] == [
        "0",
        "0",
        "0",
    ]
    assert cards["revenue"].value.text() == "$0.00"
    assert cards["touchpoints"].delta.text() == "— vs last month"
    assert cards["median_reply"].value.text() == "—"
    assert view.friction.rowCount() == 0
    assert view.stages.values() == {}
    assert view.stages.stack.currentWidget() is view.stages.empty
    assert view.heatmap.rowCount() == 0


def test_qtcharts_is_imported_only_when_the_dashboard_opens(db_path) -> None:  # type: ignore[no-untyped-def]
    script = f"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from touchdesk.data.workspace import Workspace
from touchdesk.ui.context import AppContext
from touchdesk.ui.mainwindow import MainWindow
window = MainWindow(AppContext(Workspace.open({str(db_path)!r})))
before = "PySide6.QtCharts" in sys.modules
window.show_view("dashboard")
print(before, "PySide6.QtCharts" in sys.modules)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == ["False", "True"]


def test_paging_months_runs_one_computation_at_a_time_and_shows_the_newest(qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    from PySide6.QtWidgets import QWidget

    from touchdesk.ui.views.dashboard_worker import LatestJob

    owner = QWidget()
    qtbot.addWidget(owner)
    shown: list[str] = []
    ran: list[str] = []
    gate = threading.Event()
    job = LatestJob(owner, shown.append, lambda exc: shown.append(f"error {exc}"))

    def slow() -> str:
        gate.wait(5)
        ran.append("September")
        return "September"

    job.request(slow)
    job.request(lambda: ran.append("October") or "October")
    job.request(lambda: ran.append("November") or "November")
    assert job.busy
    gate.set()
    qtbot.waitUntil(lambda: shown == ["November"])
    wait_idle(qtbot)
    assert ran == ["September", "November"]  # October was replaced before it started
    assert shown == ["November"] and not job.busy
