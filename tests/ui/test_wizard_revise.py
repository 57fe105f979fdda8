"""Re-running the wizard revises the plan: the answers come back, Back and Next keep edits, saving
makes version 2 and keeps version 1; and the wizard in Persian (right to left, Persian digits,
Toman, Jalali dates)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text
from tests.ui.plan_helpers import click_back, click_next, edit_cell, open_wizard, replace_text, save
from touchdesk import formatting
from touchdesk.i18n import set_language
from touchdesk.ui.language import apply_qt_language
from touchdesk.ui.wizard.describe import over_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def first_plan(qtbot, ctx, budget: str = "300") -> int:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, ctx)
    qtbot.keyClicks(wizard.profile.budget, budget)
    for _page in range(5):
        click_next(qtbot, wizard)
    qtbot.keyClicks(wizard.summary.name, "Shop plan")
    return save(qtbot, wizard)


def test_back_and_next_keep_what_was_entered(ctx, qtbot):  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, ctx)
    qtbot.keyClicks(wizard.profile.budget, "300")
    click_next(qtbot, wizard)
    wizard.journey.steps.setCurrentItem(wizard.journey.steps.topLevelItem(1))
    edit_cell(qtbot, wizard.journey.steps, "Searches online at night")
    click_next(qtbot, wizard)
    page = wizard.touchpoints
    key = next(k for k in page.combos if k not in wizard.state.choices)
    page.set_version(key, "full")
    choices = dict(wizard.state.choices)
    click_next(qtbot, wizard)
    wizard.tasks.table.setCurrentCell(0, 1)
    edit_cell(qtbot, wizard.tasks.table, "First things first")
    click_back(qtbot, wizard)
    click_back(qtbot, wizard)
    click_back(qtbot, wizard)
    assert wizard.profile.budget.text() == "300"
    click_next(qtbot, wizard)
    assert wizard.journey.current_steps()[1].name == "Searches online at night"
    click_next(qtbot, wizard)
    assert wizard.state.choices == choices
    assert page.combos[key][0].currentText() == "Full"
    click_next(qtbot, wizard)
    assert wizard.tasks.tasks()[0].title == "First things first"

    # A changed budget asks the optimizer again (the owner's toggles were for the old budget).
    for _page in range(3):
        click_back(qtbot, wizard)
    replace_text(qtbot, wizard.profile.budget, "900")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.state.choices == ctx.ws.suggest_plan(wizard.state.planned_profile()).choices


def test_rerunning_the_wizard_makes_version_two_and_keeps_one(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    first = first_plan(qtbot, ctx)
    v1 = workspace.plan(first)
    wizard = open_wizard(qtbot, ctx, workspace.active_plan())
    assert wizard.windowTitle() == "Revise the plan"
    assert wizard.profile.budget.text() == "300"
    assert wizard.profile.business.currentData() == "shop"
    replace_text(qtbot, wizard.profile.budget, "450")
    click_next(qtbot, wizard)
    assert [s.key for s in wizard.journey.current_steps()] == [
        s.key for s in workspace.planning_knowledge().journey_template("shop")
    ]
    click_next(qtbot, wizard)
    # The budget changed, so the optimizer suggests again for the new one.
    profile = wizard.state.planned_profile()
    assert profile.budget_cents == 45000
    assert wizard.state.choices == workspace.suggest_plan(profile).choices
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert "Saving makes version 2; version 1 is kept." in wizard.summary.contents.text()
    assert wizard.summary.name.text() == "Shop plan"
    second = save(qtbot, wizard)

    versions = workspace.plans()
    assert [(p.id, p.version, p.active, p.revises_id) for p in versions] == [
        (second, 2, True, first),
        (first, 1, False, None),
    ]
    assert workspace.active_plan().profile.budget_cents == 45000
    kept = workspace.plan(first)
    assert kept.touchpoints == v1.touchpoints
    assert kept.profile == v1.profile
    assert all(r.plan_id == second for r in workspace.rules())


def test_revising_without_changes_keeps_the_choices_and_rule_switches(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    first_plan(qtbot, ctx, "200")
    before = workspace.active_plan()
    (rule, *_rest) = before.rules
    workspace.set_rule_enabled(rule.id, False)
    wizard = open_wizard(qtbot, ctx, workspace.active_plan())
    for _page in range(5):
        click_next(qtbot, wizard)
    assert wizard.state.choices == {t.touchpoint: t.version for t in before.chosen}
    save(qtbot, wizard)
    after = workspace.active_plan()
    assert after.row.version == 2
    assert {t.touchpoint: t.version for t in after.chosen} == wizard.state.choices
    switches = {r.source: r.enabled for r in after.rules}
    assert switches[rule.source] is False
    # Unfinished tasks carry over to the new version instead of being made twice.
    assert sorted(t.title for t in after.tasks) == sorted(t.title for t in before.tasks)


@pytest.fixture
def persian(qapp):  # type: ignore[no-untyped-def]
    set_language("fa")
    formatting.configure_for_language("fa", currency="IRT")
    apply_qt_language(qapp, "fa")
    yield
    set_language("en")


def test_the_wizard_in_persian(ctx, workspace, qtbot, persian):  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, ctx)
    assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.profile.layoutDirection() == Qt.LayoutDirection.RightToLeft
    wizard.profile.budget.setFocus()
    type_text(qtbot, wizard.profile.budget, "۱۲٬۰۰۰٬۰۰۰")
    click_next(qtbot, wizard)
    assert wizard.state.profile.budget_cents == 1_200_000_000
    assert wizard.state.profile.currency == "IRT"
    click_next(qtbot, wizard)
    page = wizard.touchpoints
    s = wizard.state.suggestion
    assert page.bars.budget.text.text() == over_text(s.total_cost_cents, 1_200_000_000, True, "IRT")
    assert "۱۲٬۰۰۰٬۰۰۰" in page.bars.budget.text.text()
    assert page.tree.layoutDirection() == Qt.LayoutDirection.RightToLeft
    click_next(qtbot, wizard)
    table = wizard.tasks.table
    first = wizard.tasks.tasks()[0]
    y, m, d = formatting.jalali(first.due)
    assert table.item(0, 0).text() == formatting.digits(f"{y:04d}/{m:02d}/{d:02d}")
    table.setCurrentCell(0, 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.calendar().name() == "Jalali"
    qtbot.keyPress(editor, Qt.Key.Key_Escape)
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    plan_id = save(qtbot, wizard)
    assert workspace.plan(plan_id).row.currency == "IRT"
