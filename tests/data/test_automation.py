"""Automation rules fire inside the data service whenever a touchpoint is logged: purchases,
first purchases, stage and outcome filters, subscription ends, historical imports, switches."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.factories import customer, touch
from touchdesk.data.records import ValidationError
from touchdesk.formatting import to_local, utc_now
from touchdesk.planner.knowledge import load
from touchdesk.planner.records import PlanProfile, RuleDraft
from touchdesk.planner.tasks import suggested_rules

AT = dt.datetime(2026, 12, 1, 15, 30)  # naive UTC; the tests run with TZ=UTC


def rule_followups(ws, cid):
    return [(f.title, f.due_at) for f in ws.followups(cid) if f.origin == "rule"]


def save_plan_with(ws, choices):
    """Save a plan for ``choices`` with the rules the knowledge suggests for them."""
    profile = PlanProfile("online_shop", 1, 0, "USD", 0)
    suggestion = ws.evaluate_plan(profile, choices)
    return ws.save_plan(suggestion, (), suggested_rules(load(), list(choices)))


def test_a_purchase_creates_the_thank_you_and_the_survey(workspace):
    save_plan_with(workspace, {"thank_you": "lean", "feedback_survey": "lean"})
    cid = customer(workspace)
    event_id = touch(workspace, cid, "ecommerce", "website", "positive", at=AT, amount_cents=4500)
    assert rule_followups(workspace, cid) == [
        ("Send a thank-you note", dt.datetime(2026, 12, 2, 9, 0)),
        ("Ask for feedback on the purchase", dt.datetime(2026, 12, 15, 9, 0)),
    ]
    assert {f.event_id for f in workspace.followups(cid)} == {event_id}


def test_a_contact_without_an_amount_is_not_a_purchase(workspace):
    save_plan_with(workspace, {"thank_you": "lean"})
    cid = customer(workspace)
    touch(workspace, cid, "ecommerce", "website", "positive", at=AT)
    touch(workspace, cid, "ecommerce", "website", "positive", at=AT, amount_cents=0)
    assert rule_followups(workspace, cid) == []


def test_disabled_and_deleted_rules_do_nothing(workspace):
    save_plan_with(workspace, {"thank_you": "lean"})
    (rule,) = workspace.rules()
    workspace.set_rule_enabled(rule.id, False)
    cid = customer(workspace)
    touch(workspace, cid, "point_of_sale", "in_person", at=AT, amount_cents=100)
    assert rule_followups(workspace, cid) == []
    workspace.set_rule_enabled(rule.id, True)
    touch(workspace, cid, "point_of_sale", "in_person", at=AT, amount_cents=100)
    assert len(rule_followups(workspace, cid)) == 1
    workspace.delete_rule(rule.id)
    touch(workspace, cid, "point_of_sale", "in_person", at=AT, amount_cents=100)
    assert len(rule_followups(workspace, cid)) == 1
    assert workspace.rules() == []


def test_first_purchase_fires_only_on_the_first(workspace):
    save_plan_with(workspace, {"onboarding": "lean"})
    cid = customer(workspace)
    touch(workspace, cid, "sales_conversation", at=AT - dt.timedelta(days=3))
    touch(workspace, cid, "ecommerce", "website", at=AT, amount_cents=100)
    touch(workspace, cid, "ecommerce", "website", at=AT + dt.timedelta(days=5), amount_cents=100)
    assert rule_followups(workspace, cid) == [
        ("Check in: is the set-up going well?", dt.datetime(2026, 12, 4, 9, 0))
    ]
    other = customer(workspace, "Reza Karimi")
    touch(workspace, other, "point_of_sale", "in_person", at=AT, amount_cents=100)
    assert len(rule_followups(workspace, other)) == 1


def test_negative_support_contact_gets_a_call_back(workspace):
    save_plan_with(workspace, {"support_channels": "lean"})
    cid = customer(workspace)
    touch(workspace, cid, "support_channels", "phone", "positive", "inbound", at=AT)
    touch(workspace, cid, "social_media", "social", "negative", "inbound", at=AT)
    assert rule_followups(workspace, cid) == []
    touch(workspace, cid, "support_channels", "phone", "negative", "inbound", at=AT)
    touch(workspace, cid, "self_service", "website", "negative", "inbound", at=AT)
    assert (
        rule_followups(workspace, cid)
        == [("Call back about the problem", dt.datetime(2026, 12, 2, 9, 0))] * 2
    )


def test_renewal_reminder_before_the_subscription_ends(workspace):
    save_plan_with(workspace, {"subscription_renewal": "lean"})
    cid = customer(workspace)
    touch(workspace, cid, "subscription_renewal", "email", "positive", at=AT, amount_cents=900)
    # Ends 30 days after 1 December (31 December); reminded 7 days before, at 09:00.
    assert rule_followups(workspace, cid) == [
        ("Remind about the renewal", dt.datetime(2026, 12, 24, 9, 0))
    ]


def test_zero_days_is_due_at_the_touchpoint(workspace):
    workspace.save_rule(RuleDraft("Invoice", "Send the invoice", "purchase", 0))
    cid = customer(workspace)
    touch(workspace, cid, "billing", "email", at=AT, amount_cents=1)
    assert rule_followups(workspace, cid) == [("Send the invoice", AT)]


def test_historical_imports_only_create_future_followups(workspace, tmp_path):
    save_plan_with(workspace, {"thank_you": "lean", "feedback_survey": "lean"})
    recent = to_local(utc_now()) - dt.timedelta(days=5)
    csv = tmp_path / "touchpoints.csv"
    csv.write_text(
        "date,customer,touchpoint,channel,outcome,amount\n"
        f"{recent:%Y-%m-%d %H:%M},Sara Ahmadi,ecommerce,website,positive,120\n"
        "2020-03-01 10:00,Reza Karimi,ecommerce,website,positive,80\n"
        f"{recent:%Y-%m-%d %H:%M},Nima Rad,social_media,social,positive,\n",
        encoding="utf-8",
    )
    report = workspace.import_touchpoints(csv)
    assert report.imported == 3
    # Only the survey of the recent purchase (due in nine days) is still ahead.
    assert report.followups_created == 1
    titles = [f.title for f in workspace.followups() if f.origin == "rule"]
    assert titles == ["Ask for feedback on the purchase"]


def test_live_logging_of_a_past_purchase_still_creates_followups(workspace):
    save_plan_with(workspace, {"thank_you": "lean"})
    cid = customer(workspace)
    touch(workspace, cid, "ecommerce", "website", at=dt.datetime(2020, 3, 1, 10), amount_cents=1)
    assert rule_followups(workspace, cid) == [("Send a thank-you note", dt.datetime(2020, 3, 2, 9))]


def test_rules_can_be_edited(workspace):
    rid = workspace.save_rule(
        RuleDraft("After events", "Call", "event", 2, touchpoint="company_events")
    )
    workspace.save_rule(
        RuleDraft("After events", "Call them", "event", 3, touchpoint="company_events"), rid
    )
    (row,) = workspace.rules()
    assert (row.title, row.days, row.touchpoint, row.plan_id) == (
        "Call them",
        3,
        "company_events",
        None,
    )
    cid = customer(workspace)
    touch(workspace, cid, "company_events", "event", at=AT)
    assert rule_followups(workspace, cid) == [("Call them", dt.datetime(2026, 12, 4, 9))]


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (RuleDraft("", "x"), "name"),
        (RuleDraft("n", "  "), "title"),
        (RuleDraft("n", "t", "whenever"), "trigger"),
        (RuleDraft("n", "t", days=-1), "days"),
        (RuleDraft("n", "t", touchpoint="nope"), "touchpoint"),
        (RuleDraft("n", "t", stage="later"), "stage"),
        (RuleDraft("n", "t", outcome="great"), "outcome"),
        (RuleDraft("n", "t", "subscription_end", 7, period_days=5), "period_days"),
    ],
)
def test_bad_rules_are_refused(workspace, draft, field):
    with pytest.raises(ValidationError) as info:
        workspace.save_rule(draft)
    assert field in info.value.errors
    assert workspace.rules() == []
