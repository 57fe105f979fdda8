"""Suggestions on the real catalog knowledge: fit checks, lean versions, and the sentences that
explain every choice, with hand-computed amounts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from touchdesk import formatting
from touchdesk.i18n import set_language
from touchdesk.planner.knowledge import load
from touchdesk.planner.records import JourneyStep, PlanProfile
from touchdesk.planner.suggest import evaluate, suggest

USD = 100  # hundredths


def only_support_affordable() -> dict[tuple[str, str], tuple[int, int]]:
    """Every touchpoint but support channels costs $1,000 a month (and no hours)."""
    return {
        (key, version): (1000 * USD, 0)
        for key in load().touchpoints
        if key != "support_channels"
        for version in ("full", "lean")
    }


def test_lean_version_when_the_full_one_does_not_fit_the_budget():
    profile = PlanProfile(
        "online_shop", 2, 100 * USD, "USD", 20, ("customer_service", "before_purchase")
    )
    s = suggest(load(), profile, only_support_affordable())
    assert [(c.touchpoint, c.version) for c in s.chosen] == [("support_channels", "lean")]
    assert s.chosen[0].why == (
        "lean version chosen: live chat instead of a knowledge base with ticketing, "
        "saves $130.00 and 28 h/month; serves 2 of the journey's steps"
    )
    # Support impact 8 x lean share 60% x marked stage 2 x (1 + 2 steps served).
    assert (s.total_cost_cents, s.total_hours, s.impact) == (20 * USD, 12, 2880)
    assert s.uncovered_stages == ("before_purchase",)
    reasons = {o.touchpoint: (o.code, o.reason) for o in s.left_out}
    # $20 spent + $1,000 - $100 budget.
    assert reasons["social_media"] == ("budget", "would exceed the budget by $920.00")
    assert reasons["company_events"] == ("kind", "does not suit an online shop")
    assert len(s.chosen) + len(s.left_out) == 20


def test_lean_version_when_the_team_is_too_small():
    profile = PlanProfile("online_shop", 1, 999 * USD, "USD", 20)
    s = suggest(load(), profile, only_support_affordable())
    assert s.chosen[0].why.startswith(
        "lean version chosen: live chat instead of a knowledge base with ticketing, "
        "which needs a team of 2"
    )


def test_left_out_for_the_team_and_for_hours():
    profile = PlanProfile("shop", 1, 0, "USD", 0)
    s = suggest(load(), profile)
    assert s.chosen == ()
    reasons = {o.touchpoint: o.reason for o in s.left_out}
    assert reasons["company_events"] == "needs a team of 2"
    # Thank-you lean costs nothing but takes 2 hours.
    assert reasons["thank_you"] == "would exceed the hours by 2 h/month"
    assert (
        reasons["social_media"] == "would exceed the budget by $20.00 and the hours by 12 h/month"
    )
    assert reasons["ecommerce"] != reasons["point_of_sale"]


def test_amounts_in_the_profile_currency_with_persian_digits():
    set_language("fa")
    formatting.configure(persian_digits=True, currency="IRT")
    profile = PlanProfile("shop", 1, 0, "IRT", 0)
    s = suggest(load(), profile)
    reasons = {o.touchpoint: o.reason for o in s.left_out}
    assert "۱٬۰۰۰٬۰۰۰" in reasons["social_media"]
    assert s.left_out[0].name == "رسانه‌های اجتماعی"


def test_rial_costs_are_ten_times_toman():
    toman = suggest(load(), PlanProfile("online_shop", 3, 10**9 * 100, "IRT", 1000))
    rial = suggest(load(), PlanProfile("online_shop", 3, 10**10 * 100, "IRR", 1000))
    assert rial.total_cost_cents == 10 * toman.total_cost_cents
    assert rial.choices == toman.choices


def test_never_over_budget_on_the_real_catalog():
    k = load()
    for business in ("shop", "online_shop", "subscription", "services", "other"):
        for team in (1, 2, 4):
            for budget in (0, 90, 450, 2000):
                for hours in (0, 15, 60, 200):
                    p = PlanProfile(business, team, budget * USD, "USD", hours, ("after_purchase",))
                    s = suggest(k, p)
                    assert s.total_cost_cents <= p.budget_cents
                    assert s.total_hours <= p.hours
                    assert all(c.version in ("full", "lean") for c in s.chosen)


def test_custom_journey_steps_change_the_weights():
    k = load()
    base = PlanProfile("online_shop", 2, 10_000 * USD, "USD", 1000)
    only_support = replace(
        base, steps=(JourneyStep("contact_support", "customer_service", "Calls us"),)
    )
    a = {c.touchpoint: c.impact for c in suggest(k, base).chosen}
    b = {c.touchpoint: c.impact for c in suggest(k, only_support).chosen}
    # Support serves 2 steps of the template, 1 of the custom journey: 8 x 100 x 3 vs 8 x 100 x 2.
    assert (a["support_channels"], b["support_channels"]) == (2400, 1600)


def test_an_added_step_is_served_by_its_stage():
    k = load()
    step = JourneyStep("my_own_step", "after_purchase", "Unboxing video")
    p = PlanProfile("online_shop", 2, 10_000 * USD, "USD", 1000, steps=(step,))
    impacts = {c.touchpoint: c.impact for c in suggest(k, p).chosen}
    assert impacts["thank_you"] == 5 * 100 * 2
    assert impacts["support_channels"] == 8 * 100 * 1


def test_evaluate_explains_a_hand_picked_set_over_budget():
    profile = PlanProfile("online_shop", 1, 100 * USD, "USD", 30)
    s = evaluate(load(), profile, {"support_channels": "full", "thank_you": "lean"})
    assert (s.total_cost_cents, s.total_hours) == (150 * USD, 42)
    assert (s.over_budget_cents, s.over_hours) == (50 * USD, 12)
    why = {c.touchpoint: c.why for c in s.chosen}
    assert why["support_channels"].endswith("; warning: needs a team of 2")
    left = {o.touchpoint: o.code for o in s.left_out}
    assert left["social_media"] == "budget_hours"


def test_evaluate_says_when_something_would_fit():
    profile = PlanProfile("online_shop", 1, 1000 * USD, "USD", 300)
    s = evaluate(load(), profile, {})
    assert {o.code for o in s.left_out} == {"kind", "by_choice"}


def test_evaluate_refuses_unknown_keys():
    with pytest.raises(ValueError):
        evaluate(load(), PlanProfile("shop", 1, 0, "USD", 0), {"nope": "full"})
    with pytest.raises(ValueError):
        evaluate(load(), PlanProfile("shop", 1, 0, "USD", 0), {"thank_you": "huge"})


def test_json_shape_is_stable():
    s = suggest(load(), PlanProfile("services", 2, 500 * USD, "USD", 40, ("before_purchase",)))
    data = s.to_json()
    assert set(data) >= {
        "chosen",
        "left_out",
        "total_cost",
        "total_hours",
        "impact",
        "uncovered_stages",
    }
    assert set(data["chosen"][0]) >= {"touchpoint", "version", "cost", "hours", "why"}
    assert set(data["left_out"][0]) >= {"touchpoint", "reason"}
    assert data["total_cost"] == formatting.money_to_plain(s.total_cost_cents)
