"""Chosen touchpoints become dated tasks with owners, and suggested rules and tools."""

from __future__ import annotations

import datetime as dt

from touchdesk.i18n import set_language
from touchdesk.planner.journeys import touchpoints_for_step
from touchdesk.planner.knowledge import load
from touchdesk.planner.records import JourneyStep
from touchdesk.planner.tasks import generate_tasks, suggested_rules, tools_to_consider

START = dt.date(2026, 12, 1)


def test_tasks_follow_the_version_and_the_offsets():
    tasks = generate_tasks(load(), {"support_channels": "lean"}, START)
    assert [(t.title, t.due) for t in tasks] == [
        ("Put the support phone number where customers can find it", dt.date(2026, 12, 4)),
        ("Write reusable answers to the common problems", dt.date(2026, 12, 8)),
        ("Add live chat to the website", dt.date(2026, 12, 15)),
    ]
    full = generate_tasks(load(), {"support_channels": "full"}, START)
    assert full[-1].title == "Set up the ticketing help desk"
    assert full[-1].due == dt.date(2026, 12, 22)


def test_first_five_posts_within_four_weeks():
    tasks = generate_tasks(load(), {"digital_content": "lean"}, START)
    assert ("Publish the first five posts", dt.date(2026, 12, 29)) in [
        (t.title, t.due) for t in tasks
    ]
    assert all(t.touchpoint == "digital_content" and t.owner == "" for t in tasks)


def test_owners_take_touchpoints_in_turn():
    choices = {"thank_you": "lean", "billing": "lean", "social_media": "lean"}
    tasks = generate_tasks(load(), choices, START, ["Ali", " ", "Sara"])
    owners = {t.touchpoint: t.owner for t in tasks}
    # Catalog order: social media, thank-you, billing.
    assert owners == {"social_media": "Ali", "thank_you": "Sara", "billing": "Ali"}
    assert [t.due for t in tasks] == sorted(t.due for t in tasks)


def test_tasks_in_persian():
    set_language("fa")
    tasks = generate_tasks(load(), {"thank_you": "lean"}, START)
    assert tasks[0].title == "متن پیام تشکر را بنویس"


def test_rules_suggested_once_per_rule():
    rules = suggested_rules(load(), ["thank_you", "feedback_survey", "support_channels"])
    assert [r.source for r in rules] == [
        "thank_you_next_day",
        "feedback_two_weeks",
        "support_callback",
    ]
    thanks = rules[0]
    assert (thanks.trigger, thanks.days, thanks.title) == ("purchase", 1, "Send a thank-you note")
    callback = rules[2]
    assert (callback.stage, callback.outcome, callback.days) == ("customer_service", "negative", 1)


def test_tools_and_step_matching():
    tools = tools_to_consider(load(), ["support_channels"])
    assert tools == [("support_channels", "A live chat or help desk tool")]
    step = JourneyStep("read_reviews", "during_purchase", "Reads reviews")
    assert touchpoints_for_step(load(), step) == ("product_reviews",)
