"""Saved plans: versions, touchpoints with reasons, tasks as follow-ups, rules, progress, and the
costs the owner corrected."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.factories import customer, touch
from touchdesk.data.records import NotFound, ValidationError
from touchdesk.formatting import Month
from touchdesk.planner.knowledge import load
from touchdesk.planner.records import JourneyStep, PlanProfile, RuleDraft, TaskDraft
from touchdesk.planner.tasks import generate_tasks, suggested_rules

USD = 100
PROFILE = PlanProfile(
    "online_shop",
    2,
    500 * USD,
    "USD",
    40,
    ("after_purchase", "customer_service"),
    (JourneyStep("buy", "during_purchase", "Buys"), JourneyStep("x", "after_purchase", "Unboxes")),
)
START = dt.date(2026, 12, 1)


def save(ws, choices, *, owners=(), revises=None, name="Winter"):
    suggestion = ws.evaluate_plan(PROFILE, choices)
    tasks = generate_tasks(load(), choices, START, owners)
    rules = suggested_rules(load(), list(choices))
    return ws.save_plan(suggestion, tasks, rules, name=name, revises=revises)


def test_no_plan_at_first(workspace):
    assert workspace.plans() == []
    assert workspace.active_plan() is None


def test_save_and_read_back(workspace):
    pid = save(workspace, {"support_channels": "lean", "thank_you": "full"}, owners=["Ali", "Sara"])
    plan = workspace.plan(pid)
    assert (plan.row.name, plan.row.version, plan.row.active) == ("Winter", 1, True)
    assert (plan.row.total_cost_cents, plan.row.total_hours) == (60 * USD, 20)
    assert plan.profile == PROFILE
    assert [(t.touchpoint, t.version) for t in plan.chosen] == [
        ("thank_you", "full"),
        ("support_channels", "lean"),
    ]
    assert len(plan.touchpoints) == 20
    assert [t.touchpoint for t in plan.touchpoints][:2] == ["social_media", "online_advertising"]
    left = {t.touchpoint: t.why for t in plan.touchpoints if not t.chosen}
    assert left["company_events"] == "does not suit an online shop"
    assert plan.uncovered_stages == ()
    assert [r.source for r in plan.rules] == ["thank_you_next_day", "support_callback"]
    assert workspace.active_plan() == plan


def test_tasks_are_followups_with_owners(workspace):
    pid = save(workspace, {"support_channels": "lean", "thank_you": "full"}, owners=["Ali", "Sara"])
    plan = workspace.plan(pid)
    # Thank-you full: 2 tasks (Ali); support lean: 3 tasks (Sara).
    assert [(t.title, t.due, t.owner) for t in plan.tasks] == [
        ("Write the thank-you message", dt.date(2026, 12, 4), "Ali"),
        ("Put the support phone number where customers can find it", dt.date(2026, 12, 4), "Sara"),
        ("Order note cards for handwritten thanks", dt.date(2026, 12, 8), "Ali"),
        ("Write reusable answers to the common problems", dt.date(2026, 12, 8), "Sara"),
        ("Add live chat to the website", dt.date(2026, 12, 15), "Sara"),
    ]
    followups = {f.id: f for f in workspace.followups()}
    for task in plan.tasks:
        fu = followups[task.followup_id]
        assert (fu.title, fu.origin, fu.customer_id) == (task.title, "plan", None)
        assert fu.due_at == dt.datetime.combine(task.due, dt.time(9))


def test_progress_counts_tasks_and_planned_against_actual(workspace):
    pid = save(workspace, {"support_channels": "lean", "thank_you": "full"})
    plan = workspace.plan(pid)
    workspace.complete_followup(plan.tasks[0].followup_id)
    cid = customer(workspace)
    touch(workspace, cid, "support_channels", "phone", at=dt.datetime(2026, 12, 3, 10))
    touch(workspace, cid, "support_channels", "chat", at=dt.datetime(2026, 12, 31, 23, 59))
    touch(workspace, cid, "support_channels", "chat", at=dt.datetime(2027, 1, 1, 0, 0))
    touch(workspace, cid, "social_media", "social", at=dt.datetime(2026, 12, 3, 10))
    progress = workspace.plan_progress(pid, Month(2026, 12), today=dt.date(2026, 12, 9))
    # Done: 1; overdue (before 9 Dec): the other 4 Dec task and both 8 Dec tasks; due: 15 Dec.
    assert (progress.tasks_done, progress.tasks_overdue, progress.tasks_due) == (1, 3, 1)
    assert [(p.touchpoint, p.version, p.logged) for p in progress.planned_vs_actual] == [
        ("thank_you", "full", 0),
        ("support_channels", "lean", 2),
    ]
    assert (progress.start, progress.end) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_rescheduling_the_followup_moves_the_task(workspace):
    pid = save(workspace, {"support_channels": "lean"})
    task = workspace.plan(pid).tasks[0]
    workspace.reschedule_followup(task.followup_id, dt.datetime(2027, 1, 20, 9))
    moved = {t.id: t for t in workspace.plan(pid).tasks}[task.id]
    assert moved.due == dt.date(2027, 1, 20)
    progress = workspace.plan_progress(pid, Month(2026, 12), today=dt.date(2026, 12, 31))
    assert (progress.tasks_overdue, progress.tasks_due) == (2, 1)


def test_progress_in_a_jalali_month(workspace):
    pid = save(workspace, {"support_channels": "lean"})
    cid = customer(workspace)
    touch(workspace, cid, "support_channels", at=dt.datetime(2026, 11, 21, 12))  # 30 Aban 1405
    touch(workspace, cid, "support_channels", at=dt.datetime(2026, 11, 22, 12))  # 1 Azar 1405
    progress = workspace.plan_progress(pid, Month(1405, 9, "jalali"), today=START)
    assert progress.planned_vs_actual[0].logged == 1


def test_revising_keeps_the_previous_version(workspace):
    first = save(workspace, {"support_channels": "lean", "thank_you": "full"})
    old = workspace.plan(first)
    workspace.complete_followup(old.tasks[0].followup_id)
    second = save(workspace, {"support_channels": "full"}, revises=first, name="")
    new = workspace.plan(second)
    assert (new.row.version, new.row.revises_id, new.row.name, new.row.active) == (
        2,
        first,
        "Winter",
        True,
    )
    kept = workspace.plan(first)
    assert not kept.row.active
    assert [t.touchpoint for t in kept.chosen] == ["thank_you", "support_channels"]
    # The done task keeps its follow-up; the old open ones are gone from the follow-up list.
    assert [t.followup_id is not None for t in kept.tasks] == [True, False, False, False, False]
    plan_followups = [f for f in workspace.followups() if f.origin == "plan"]
    assert len(plan_followups) == 1 + len(new.tasks)
    # Rules now belong to the new version only.
    assert [r.plan_id for r in workspace.rules()] == [second]
    assert [p.id for p in workspace.plans()] == [second, first]
    assert workspace.active_plan().id == second
    superseded = workspace.plan_progress(first, Month(2026, 12), today=START)
    assert (superseded.tasks_done, superseded.tasks_due, superseded.tasks_overdue) == (1, 0, 0)


def test_suggest_uses_remembered_costs(workspace):
    profile = PlanProfile("online_shop", 1, 0, "USD", 0, ("customer_service",))
    assert workspace.suggest_plan(profile).chosen == ()
    assert workspace.suggest_plan(profile).uncovered_stages == ("customer_service",)
    workspace.set_plan_cost("support_channels", "lean", "usd", 0, 0)
    assert workspace.plan_cost_overrides("USD") == {("support_channels", "lean"): (0, 0)}
    assert workspace.plan_cost_overrides("IRT") == {}
    after = workspace.suggest_plan(profile)
    assert after.choices == {"support_channels": "lean"}
    assert after.uncovered_stages == ()
    workspace.set_plan_cost("support_channels", "lean", "USD", 35 * USD, 12)
    cost = workspace.evaluate_plan(profile, {"support_channels": "lean"}).total_cost_cents
    assert cost == 35 * USD
    workspace.clear_plan_cost("support_channels", "lean", "USD")
    assert workspace.suggest_plan(profile).chosen == ()
    assert (
        workspace.evaluate_plan(profile, {"support_channels": "lean"}).total_cost_cents == 20 * USD
    )


def test_user_touchpoints_take_part(workspace):
    workspace.add_touchpoint_type(
        "whatsapp_group", "after_purchase", "WhatsApp group", "گروه واتساپ"
    )
    profile = PlanProfile("shop", 1, 1000 * USD, "USD", 100)
    s = workspace.evaluate_plan(profile, {"whatsapp_group": "full"})
    (chosen,) = s.chosen
    assert (chosen.name, chosen.cost_cents, chosen.hours) == ("WhatsApp group", 100 * USD, 10)
    # The shop journey has two after-purchase steps (pays, comes back), both served.
    assert chosen.why == "full version chosen: the full version; serves 2 of the journey's steps"
    assert chosen.impact == 5 * 100 * 3
    assert "whatsapp_group" in {c.touchpoint for c in workspace.suggest_plan(profile).chosen}
    pid = workspace.save_plan(s, [TaskDraft("Start the group", START, "whatsapp_group")])
    assert workspace.plan(pid).tasks[0].touchpoint == "whatsapp_group"


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        (PlanProfile("castle", 1, 0, "USD", 0), "business"),
        (PlanProfile("shop", 0, 0, "USD", 0), "team"),
        (PlanProfile("shop", 1, -1, "USD", 0), "budget"),
        (PlanProfile("shop", 1, 0, "USD", -5), "hours"),
        (PlanProfile("shop", 1, 0, "USD", 0, ("someday",)), "stages"),
        (
            PlanProfile("shop", 1, 0, "USD", 0, (), (JourneyStep("a", "before_purchase", " "),)),
            "steps",
        ),
    ],
)
def test_bad_profiles_are_refused(workspace, profile, field):
    with pytest.raises(ValidationError) as info:
        workspace.suggest_plan(profile)
    assert field in info.value.errors


def test_bad_tasks_and_rules_save_nothing(workspace):
    s = workspace.evaluate_plan(PROFILE, {"thank_you": "lean"})
    with pytest.raises(ValidationError):
        workspace.save_plan(s, [TaskDraft("  ", START)])
    with pytest.raises(ValidationError):
        workspace.save_plan(s, [], [RuleDraft("n", "t", "whenever")])
    with pytest.raises(NotFound):
        workspace.save_plan(s, revises=99)
    assert workspace.plans() == []
    assert workspace.followups() == []


def test_bad_cost_overrides_are_refused(workspace):
    with pytest.raises(ValidationError) as info:
        workspace.set_plan_cost("nope", "huge", "USD", -1, -1)
    assert set(info.value.errors) == {"touchpoint", "version", "cost", "hours"}
    with pytest.raises(NotFound):
        workspace.plan(12)


def test_a_plan_saved_in_english_reads_in_persian_later(workspace):
    from touchdesk.i18n import set_language

    suggestion = workspace.suggest_plan(PROFILE)
    plan_id = workspace.save_plan(suggestion)
    english = {t.touchpoint: t.why for t in workspace.plan(plan_id).touchpoints}
    assert all(english.values())
    assert english == {c.touchpoint: c.why for c in suggestion.chosen} | {
        o.touchpoint: o.reason for o in suggestion.left_out
    }
    set_language("fa")
    persian = {t.touchpoint: t.why for t in workspace.plan(plan_id).touchpoints}
    assert persian.keys() == english.keys()
    for key, text in persian.items():
        assert text != english[key]
        assert any("\u0600" <= ch <= "\u06ff" for ch in text), text
