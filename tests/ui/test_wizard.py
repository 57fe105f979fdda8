"""The planning wizard walked with the keyboard and mouse: profile, journey edit, touchpoint toggles
whose totals match ``evaluate_plan`` exactly, a corrected cost, task edits, a rule switched off;
then the plan, its tasks and rules in the database, and the rules firing on a purchase."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.factories import customer, touch
from tests.ui.conftest import type_text
from tests.ui.plan_helpers import (
    click_back,
    click_next,
    edit_cell,
    open_wizard,
    replace_text,
    save,
)
from touchdesk.catalog import stage_label
from touchdesk.planner.records import PlanProfile, TaskDraft
from touchdesk.planner.tasks import generate_tasks
from touchdesk.ui.wizard.describe import over_text
from touchdesk.ui.wizard.tasks_page import OWNER, TITLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

AT = dt.datetime(2026, 12, 1, 15, 30)  # naive UTC; the tests run with TZ=UTC


def fill_profile(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    page = wizard.profile
    page.business.setFocus()
    qtbot.keyClicks(page.business, "On")  # keyboard search: "Online shop"
    replace_text(qtbot, page.team, "2")
    qtbot.keyClicks(page.owners, "Sam, Maryam")
    page.budget.setFocus()
    type_text(qtbot, page.budget, "۵۰۰")  # Persian digits are accepted
    replace_text(qtbot, page.hours, "40")
    check = page.stages["customer_service"]
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def shown_totals(page) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return page.bars.budget.text.text(), page.bars.hours.text.text()


def expected_totals(ws, profile, choices) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    s = ws.evaluate_plan(profile, choices)
    return (
        over_text(s.total_cost_cents, profile.budget_cents, True, profile.currency),
        over_text(s.total_hours, profile.hours, False, profile.currency),
    )


def test_walk_the_whole_wizard_and_save(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    ws = workspace
    wizard = open_wizard(qtbot, ctx)
    fill_profile(qtbot, wizard)
    click_next(qtbot, wizard)
    state = wizard.state
    assert state.profile == PlanProfile(
        "online_shop", 2, 50000, "USD", 40, ("after_purchase", "customer_service")
    )
    assert state.owners == ["Sam", "Maryam"]

    # Page 2: rename the first step with F2, add a step of our own, move it up.
    journey = wizard.journey
    template = ws.planning_knowledge().journey_template("online_shop")
    assert [s.name for s in journey.current_steps()] == [s.name for s in template]
    journey.steps.setCurrentItem(journey.steps.topLevelItem(0))
    edit_cell(qtbot, journey.steps, "Looks for a birthday present")
    journey.new_name.setFocus()
    qtbot.keyClicks(journey.new_name, "Asks friends on a forum")
    qtbot.keyClick(journey.new_name, Qt.Key.Key_Return)
    qtbot.mouseClick(journey.up, Qt.MouseButton.LeftButton)
    steps = journey.current_steps()
    assert steps[0].name == "Looks for a birthday present"
    assert steps[0].key == template[0].key
    assert [s.name for s in steps[-2:]] == ["Asks friends on a forum", template[-1].name]
    assert steps[-2].stage == "before_purchase" and steps[-2].key == "own_0"
    click_next(qtbot, wizard)
    assert state.steps == steps

    # Page 3: the optimizer's set, then a toggle, a switch to lean and a corrected cost.
    page = wizard.touchpoints
    profile = state.planned_profile()
    recommended = ws.suggest_plan(profile)
    assert state.choices == recommended.choices
    assert shown_totals(page) == expected_totals(ws, profile, recommended.choices)
    choices = dict(recommended.choices)
    added = next(o.touchpoint for o in recommended.left_out if o.code == "hours")
    combo = page.combos[added][0]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Not in plan -> Lean
    choices[added] = "lean"
    assert state.choices == choices
    assert shown_totals(page) == expected_totals(ws, profile, choices)
    assert page.bars.hours.over  # the hours now go over: the bar turns red
    evaluated = ws.evaluate_plan(profile, choices)
    why = {c.touchpoint: c.why for c in evaluated.chosen}
    assert all(item.text(4) == why[added] for item in page.items[added])

    full = next(k for k, v in choices.items() if v == "full")
    combo = page.combos[full][-1]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Full -> Lean
    choices[full] = "lean"
    assert all(c.currentText() == "Lean" for c in page.combos[full])
    assert shown_totals(page) == expected_totals(ws, profile, choices)

    for key in ("thank_you", "feedback_survey"):  # the follow-ups checked at the end
        if key not in choices:
            page.set_version(key, "lean")
            choices[key] = "lean"
    page.tree.setCurrentItem(page.items["thank_you"][0])
    assert page.editor.title() == "Thank-you letter"
    replace_text(qtbot, page.editor.costs["lean"], "12.50")
    replace_text(qtbot, page.editor.hours["lean"], "3")
    qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    assert ws.plan_cost_overrides("USD")[("thank_you", "lean")] == (1250, 3)
    assert shown_totals(page) == expected_totals(ws, profile, choices)
    chosen = {c.touchpoint: c for c in ws.evaluate_plan(profile, choices).chosen}
    assert (chosen["thank_you"].cost_cents, chosen["thank_you"].hours) == (1250, 3)
    assert page.items["thank_you"][0].text(2) == "$12.50 · 3 h/month"
    click_next(qtbot, wizard)

    # Page 4: the generated tasks, one edited, one removed, one added.
    tasks_page = wizard.tasks
    generated = generate_tasks(ws.planning_knowledge(), choices, state.today, ["Sam", "Maryam"])
    assert tasks_page.tasks() == generated
    assert {t.owner for t in generated} == {"Sam", "Maryam"}
    tasks_page.table.setCurrentCell(0, TITLE)
    edit_cell(qtbot, tasks_page.table, "Write the thank-you card text")
    tasks_page.table.setCurrentCell(1, OWNER)
    edit_cell(qtbot, tasks_page.table, "Maryam")
    removed = tasks_page.tasks()[2]
    tasks_page.table.setCurrentCell(2, TITLE)
    qtbot.mouseClick(tasks_page.remove, Qt.MouseButton.LeftButton)
    tasks_page.table.setCurrentCell(0, TITLE)
    qtbot.mouseClick(tasks_page.add, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is tasks_page.table
    edit_cell(qtbot, tasks_page.table, "Order thank-you cards")
    expected_tasks = [
        TaskDraft(
            "Write the thank-you card text",
            generated[0].due,
            generated[0].touchpoint,
            generated[0].owner,
        ),
        TaskDraft(generated[1].title, generated[1].due, generated[1].touchpoint, "Maryam"),
        *generated[3:],
        TaskDraft(
            "Order thank-you cards",
            state.today + dt.timedelta(days=7),
            generated[0].touchpoint,
            "Sam",
        ),
    ]
    assert tasks_page.tasks() == expected_tasks
    assert removed not in expected_tasks
    click_next(qtbot, wizard)

    # Page 5: every suggested rule is on; switch the referral rule off with the keyboard.
    automate = wizard.automate
    sources = [d.source for d in automate.drafts]
    assert "thank_you_next_day" in sources and "feedback_two_weeks" in sources
    off = next(
        i
        for i, s in enumerate(sources)
        if s not in ("thank_you_next_day", "feedback_two_weeks")
        and automate.drafts[i].trigger == "purchase"
    )
    automate.rules.setCurrentRow(off)
    automate.rules.setFocus()
    qtbot.keyClick(automate.rules, Qt.Key.Key_Space)
    assert [automate.is_enabled(i) for i in range(len(sources))] == [
        i != off for i in range(len(sources))
    ]
    assert automate.tools.text()
    click_next(qtbot, wizard)

    # Page 6: the summary, a name, Save.
    summary = wizard.summary
    assert shown_totals(summary) == expected_totals(ws, profile, choices)
    qtbot.keyClicks(summary.name, "Spring plan")
    plan_id = save(qtbot, wizard)

    plan = ws.active_plan()
    assert plan is not None and plan.id == plan_id
    assert (plan.row.name, plan.row.version, plan.row.revises_id) == ("Spring plan", 1, None)
    assert plan.profile == profile
    assert {t.touchpoint: t.version for t in plan.chosen} == choices
    final = ws.evaluate_plan(profile, choices)
    assert (plan.row.total_cost_cents, plan.row.total_hours) == (
        final.total_cost_cents,
        final.total_hours,
    )
    assert [(t.title, t.due, t.touchpoint, t.owner) for t in plan.tasks] == [
        (t.title, t.due, t.touchpoint, t.owner) for t in sorted(expected_tasks, key=lambda t: t.due)
    ]
    plan_followups = [f for f in ws.followups() if f.origin == "plan"]
    assert sorted(f.title for f in plan_followups) == sorted(t.title for t in expected_tasks)
    rules = {r.source: r.enabled for r in ws.rules()}
    assert rules == {s: i != off for i, s in enumerate(sources)}

    # Logging a purchase now creates the thank-you and the survey; the switched-off rule does not.
    cid = customer(ws)
    touch(ws, cid, "ecommerce", "website", "positive", at=AT, amount_cents=4500)
    created = sorted((f.due_at, f.title) for f in ws.followups(cid) if f.origin == "rule")
    purchase = ("purchase", "first_purchase")  # this is the customer's first purchase
    enabled = [d for i, d in enumerate(automate.drafts) if i != off and d.trigger in purchase]
    assert created == sorted(
        (dt.datetime.combine(AT.date() + dt.timedelta(days=d.days), dt.time(9, 0)), d.title)
        for d in enabled
    )
    assert (dt.datetime(2026, 12, 2, 9, 0), "Send a thank-you note") in created
    assert (dt.datetime(2026, 12, 15, 9, 0), "Ask for feedback on the purchase") in created
    assert automate.drafts[off].title not in {t for _d, t in created}


def test_what_cannot_fit_is_said_in_words(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, ctx)
    page = wizard.profile
    qtbot.keyClicks(page.budget, "0")
    replace_text(qtbot, page.hours, "0")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    tp = wizard.touchpoints
    assert wizard.state.choices == {}
    assert tp.coverage.text() == (
        "Nothing fits yet: raise the budget or the hours, or choose touchpoints by hand."
    )
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()

    click_back(qtbot, wizard)
    click_back(qtbot, wizard)
    replace_text(qtbot, page.hours, "3")
    for check in page.stages.values():
        check.setChecked(True)
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    best = workspace.suggest_plan(wizard.state.planned_profile())
    assert best.uncovered_stages  # three hours cannot reach every stage
    assert tp.coverage.text() == (
        "No touchpoint yet for a stage you marked: "
        + ", ".join(stage_label(s) for s in best.uncovered_stages)
        + " — the budget and hours cannot cover it"
    )
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_space_switches_the_selected_touchpoint(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, ctx)
    qtbot.keyClicks(wizard.profile.budget, "300")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    page = wizard.touchpoints
    key = next(k for k in page.items if k not in wizard.state.choices)
    page.tree.setCurrentItem(page.items[key][0])
    page.tree.setFocus()
    profile = wizard.state.planned_profile()
    base = dict(wizard.state.choices)
    for version in ("lean", "full", ""):
        qtbot.keyClick(page.tree, Qt.Key.Key_Space)
        expected = {**base, key: version} if version else base
        assert wizard.state.choices == expected
        assert [c.currentData() for c in page.combos[key]] == [version] * len(page.combos[key])
        assert shown_totals(page) == expected_totals(workspace, profile, expected)
