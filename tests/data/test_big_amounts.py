"""Amounts as Iranian shops have them: 25,000,000 Toman is 2,500,000,000 hundredths, past a 32-bit
integer. Stored, summed and planned with exactly on both engines."""

from __future__ import annotations

import datetime as dt

from tests.helpers.factories import customer
from touchdesk.data.records import TouchpointInput
from touchdesk.planner.records import PlanProfile

TOMAN_25M = 25_000_000_00


def test_a_big_purchase_is_stored_and_summed_exactly(workspace) -> None:  # type: ignore[no-untyped-def]
    cid = customer(workspace, "خرید بزرگ")
    when = dt.datetime(2026, 10, 10, 10, 0)
    for _ in range(3):
        workspace.log_touchpoint(
            TouchpointInput(
                cid,
                "sales_conversation",
                "in_person",
                "positive",
                "inbound",
                occurred_at=when,
                amount_cents=TOMAN_25M,
            )
        )
    summary = workspace.month_summary(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert summary.revenue_cents == 3 * TOMAN_25M
    assert workspace.timeline(cid)[0].amount_cents == TOMAN_25M


def test_a_big_budget_plan_is_saved(workspace) -> None:  # type: ignore[no-untyped-def]
    profile = PlanProfile("shop", 3, 90_000_000_000_00, "IRT", 60)
    suggestion = workspace.suggest_plan(profile)
    plan = workspace.plan(workspace.save_plan(suggestion))
    assert plan.profile.budget_cents == 90_000_000_000_00
    assert plan.row.total_cost_cents == suggestion.total_cost_cents
