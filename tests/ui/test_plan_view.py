"""The Plan view: an empty state that starts the wizard; the active plan's touchpoints with cost,
hours and this month's logged count; tasks done / due / overdue ticked off from the list; rules
switched off, edited and deleted (and a switched-off rule does not fire); earlier versions; Persian."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.helpers.factories import customer, touch
from tests.ui.conftest import wait_idle
from tests.ui.plan_helpers import CHOICES, make_plan, open_view, today
from touchdesk import formatting
from touchdesk.i18n import set_language
from touchdesk.planner.records import PlanProfile
from touchdesk.ui.language import apply_qt_language
from touchdesk.ui.views import plan_rules
from touchdesk.ui.wizard.describe import over_text
from touchdesk.ui.wizard.wizard import PlanWizard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

AT = dt.datetime(2026, 12, 1, 15, 30)


def reloaded(qtbot, view, action) -> None:  # type: ignore[no-untyped-def]
    """Do ``action`` and wait for the view to show the data it changed."""
    with qtbot.waitSignal(view.loaded, timeout=5000):
        action()
    wait_idle(qtbot)


def cells(model, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_empty_state_offers_the_wizard(ctx, qtbot):  # type: ignore[no-untyped-def]
    view = open_view(qtbot, ctx)
    assert view.pages.currentIndex() == 0
    assert view.start.isVisible()
    qtbot.mouseClick(view.start, Qt.MouseButton.LeftButton)
    wizard = view.findChild(PlanWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.state.previous is None
    wizard.reject()


def test_shows_the_plans_numbers_and_ticks_off_tasks(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    ws = workspace
    plan_id = make_plan(ws)
    cid = customer(ws)
    now = formatting.utc_now()
    touch(ws, cid, "point_of_sale", "in_person", at=now)
    touch(ws, cid, "point_of_sale", "in_person", at=now)
    touch(ws, cid, "thank_you", "post", at=now)
    touch(ws, cid, "ecommerce", "website", at=now)
    view = open_view(qtbot, ctx)
    assert view.pages.currentIndex() == 1
    assert view.heading.text() == "Spring — version 1 (active)"
    plan = ws.plan(plan_id)
    assert view.bars.budget.text.text() == over_text(plan.row.total_cost_cents, 30000, True, "USD")
    assert view.bars.hours.text.text() == over_text(plan.row.total_hours, 30, False, "USD")
    rows = [cells(view.touchpoints, r) for r in range(view.touchpoints.rowCount())]
    chosen = {c.touchpoint: c for c in ws.evaluate_plan(plan.profile, CHOICES).chosen}
    expected_logged = {"point_of_sale": "2", "thank_you": "1", "feedback_survey": "0"}
    assert [r[0] for r in rows] == [ws.touchpoint_label(t.touchpoint) for t in plan.chosen]
    for t, row in zip(plan.chosen, rows, strict=True):
        c = chosen[t.touchpoint]
        assert row[1:5] == [
            "Full" if c.version == "full" else "Lean",
            formatting.format_money(c.cost_cents, "USD"),
            f"{c.hours} h/month",
            expected_logged[t.touchpoint],
        ]
        assert row[5] == c.why
    assert view.task_box.title() == "Tasks: 0 done, 2 due, 1 overdue"
    tasks = [cells(view.tasks, r) for r in range(view.tasks.rowCount())]
    assert [(t[1], t[3], t[4]) for t in tasks] == [
        ("Set up the card reader", "Sam", "3 days overdue"),
        ("Write the thank-you message", "Maryam", "due"),
        ("Write the survey questions", "", "due"),
    ]
    view.task_table.selectRow(0)
    reloaded(qtbot, view, lambda: qtbot.mouseClick(view.done, Qt.MouseButton.LeftButton))
    assert view.task_box.title() == "Tasks: 1 done, 2 due, 0 overdue"
    assert cells(view.tasks, 0)[4] == "done"
    done = ws.plan(plan_id).tasks[0]
    assert done.title == "Set up the card reader" and done.done_at is not None
    assert ws.plan_progress(plan_id).tasks_done == 1
    assert view.undone.isEnabled() and not view.done.isEnabled()


def test_rules_switched_off_edited_and_deleted(ctx, workspace, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    ws = workspace
    make_plan(ws)
    view = open_view(qtbot, ctx)
    names = [r.source for r in view.rules.model.rows()]
    assert names == [r.source for r in ws.rules()]
    row = names.index("thank_you_next_day")
    view.rules.table.selectRow(row)
    assert view.rules.toggle.text() == "Switch o&ff"
    reloaded(qtbot, view, lambda: qtbot.mouseClick(view.rules.toggle, Qt.MouseButton.LeftButton))
    assert {r.source: r.enabled for r in ws.rules()}["thank_you_next_day"] is False
    assert cells(view.rules.model, row)[0] == "Off"
    assert view.rules.toggle.text() == "Switch o&n"

    def edit(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.title.setText("Ask how the survey went")
        dialog.days.setValue(7)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(plan_rules.RuleDialog, "exec", edit)
    view.rules.table.selectRow(names.index("feedback_two_weeks"))
    reloaded(qtbot, view, view.rules.edit_selected)
    survey = next(r for r in ws.rules() if r.source == "feedback_two_weeks")
    assert (survey.title, survey.days, survey.enabled) == ("Ask how the survey went", 7, True)

    cid = customer(ws)
    touch(ws, cid, "point_of_sale", "in_person", at=AT, amount_cents=2500)
    created = sorted((f.due_at, f.title) for f in ws.followups(cid) if f.origin == "rule")
    assert (dt.datetime(2026, 12, 8, 9, 0), "Ask how the survey went") in created
    assert "Send a thank-you note" not in {t for _d, t in created}  # switched off: no follow-up

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    view.rules.table.selectRow(names.index("feedback_two_weeks"))
    reloaded(qtbot, view, view.rules.delete_selected)
    assert "feedback_two_weeks" not in {r.source for r in ws.rules()}
    assert view.rules.model.rowCount() == len(names) - 1


def test_earlier_versions_are_listed_and_shown(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    first = make_plan(workspace)
    second = make_plan(workspace, budget_cents=50000, revises=first)
    view = open_view(qtbot, ctx)
    assert view.heading.text() == "Spring — version 2 (active)"
    assert [cells(view.versions, r)[0] for r in range(2)] == ["2", "1"]
    assert [cells(view.versions, r)[4] for r in range(2)] == ["active", "earlier version"]
    view.version_table.selectRow(1)
    reloaded(qtbot, view, lambda: qtbot.mouseClick(view.show_version, Qt.MouseButton.LeftButton))
    assert view.heading.text() == "Spring — version 1 (earlier version)"
    assert view.bars.budget.text.text().endswith("of $300.00")
    assert not view.rules.edit.isEnabled()
    view.version_table.selectRow(0)
    reloaded(qtbot, view, lambda: qtbot.mouseClick(view.show_version, Qt.MouseButton.LeftButton))
    assert view.data.detail.id == second


def test_revise_opens_the_wizard_on_the_active_plan(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    plan_id = make_plan(workspace)
    view = open_view(qtbot, ctx)
    qtbot.mouseClick(view.revise, Qt.MouseButton.LeftButton)
    wizard = view.findChild(PlanWizard)
    assert wizard is not None and wizard.state.previous.id == plan_id
    wizard.reject()


def test_plan_view_in_persian(ctx, workspace, qtbot, qapp):  # type: ignore[no-untyped-def]
    make_plan(workspace)
    set_language("fa")
    formatting.configure_for_language("fa", currency="USD")
    apply_qt_language(qapp, "fa")
    try:
        view = open_view(qtbot, ctx)
        assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert view.task_table.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert "۱" in view.heading.text()
        due = cells(view.tasks, 0)[0]
        y, m, d = formatting.jalali(today() - dt.timedelta(days=3))
        assert due == formatting.digits(f"{y:04d}/{m:02d}/{d:02d}")
    finally:
        set_language("en")


def test_the_file_menu_opens_the_wizard(window, workspace, qtbot):  # type: ignore[no-untyped-def]
    plan_id = make_plan(workspace)
    window.plan_action.trigger()
    wizard = window.findChild(PlanWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.state.previous.id == plan_id
    wizard.reject()


def test_a_marked_stage_without_touchpoints_is_named(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    profile = PlanProfile("shop", 1, 10000, "USD", 10, ("after_purchase", "customer_service"))
    suggestion = workspace.evaluate_plan(profile, {"thank_you": "lean"})
    workspace.save_plan(suggestion, name="Small")
    view = open_view(qtbot, ctx)
    assert view.profile.text().splitlines()[1] == (
        "No touchpoint yet for a stage you marked: Customer service"
    )
