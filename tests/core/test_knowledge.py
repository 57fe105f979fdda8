"""The packaged planning knowledge is complete, bilingual and consistent, and its checks catch
broken data."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from touchdesk.catalog import BUSINESS_KIND_KEYS, TOUCHPOINT_BY_KEY, TOUCHPOINT_KEYS
from touchdesk.data.records import TouchpointTypeRow
from touchdesk.i18n import set_language
from touchdesk.planner.knowledge import KnowledgeError, load, parse


def raw(name: str) -> dict:
    return json.loads(resources.files("touchdesk.resources").joinpath(name).read_text("utf-8"))


def raw_all() -> tuple[dict, dict, dict]:
    return (
        raw("planning_touchpoints.json"),
        raw("planning_journeys.json"),
        raw("planning_rules.json"),
    )


def test_every_builtin_touchpoint_in_catalog_order_with_its_stage():
    k = load()
    assert tuple(k.touchpoints) == TOUCHPOINT_KEYS
    for key, tp in k.touchpoints.items():
        assert tp.stage == TOUCHPOINT_BY_KEY[key].stage
        assert tp.steps and tp.kinds and tp.tasks
        assert tp.lean.hours <= tp.full.hours
        assert tp.lean.cost_cents("USD") <= tp.full.cost_cents("USD")
        assert 0 < tp.lean.impact_share < 100 == tp.full.impact_share


def test_seed_examples_are_in_the_data():
    k = load()
    support = k.touchpoints["support_channels"]
    assert support.full.name.en == "a knowledge base with ticketing"
    assert support.lean.name.en == "live chat"
    assert support.min_team == 1 and support.full.min_team == 2
    content = [t.title.en for t in k.touchpoints["digital_content"].tasks]
    assert "Decide the first five posts to publish within four weeks" in content
    reviews = [t.title.en for t in k.touchpoints["product_reviews"].tasks]
    assert any("10% off" in t for t in reviews)
    assert [s.key for s in k.journey_template("other")] == [
        "search_problem",
        "compare_products",
        "read_reviews",
        "buy",
        "self_help",
        "contact_support",
    ]


def test_every_text_has_english_and_persian():
    k = load()
    for tp in k.touchpoints.values():
        texts = [tp.full.name, tp.full.description, tp.lean.name, tp.lean.description]
        texts += [t.title for t in tp.tasks] + list(tp.tools)
        for text in texts:
            assert text.en.strip() and text.fa.strip()
            assert any("\u0600" <= ch <= "\u06ff" for ch in text.fa)
    for rule in k.rules.values():
        assert rule.title.fa.strip() and rule.name.fa.strip()


def test_text_follows_the_language():
    k = load()
    assert k.touchpoints["support_channels"].lean.name.text == "live chat"
    set_language("fa")
    assert k.touchpoints["support_channels"].lean.name.text == "گفتگوی آنلاین (لایو چت)"
    assert k.journey_template("shop")[0].name == "از یک دوست درباره ما می‌شنود"


def test_templates_for_every_kind_and_rules_well_formed():
    k = load()
    assert set(k.templates) == set(BUSINESS_KIND_KEYS)
    assert k.rules["renewal_reminder"].period_days == 30
    assert {r.trigger for r in k.rules.values()} == {
        "event",
        "purchase",
        "first_purchase",
        "subscription_end",
    }


@pytest.mark.parametrize(
    ("currency", "cents"),
    [("USD", 150_00), ("GBP", 150_00), ("IRT", 8_000_000_00), ("IRR", 80_000_000_00)],
)
def test_default_costs_by_currency(currency, cents):
    assert load().touchpoints["support_channels"].full.cost_cents(currency) == cents


def test_user_touchpoints_get_generic_knowledge():
    rows = [
        TouchpointTypeRow("social_media", "before_purchase", "Social media", "", True, True),
        TouchpointTypeRow(
            "whatsapp_group", "after_purchase", "WhatsApp group", "گروه واتساپ", False, True
        ),
        TouchpointTypeRow("fax", "after_purchase", "Fax", "", False, False),
    ]
    k = load().with_types(rows)
    assert list(k.touchpoints) == ["social_media", "whatsapp_group"]
    mine = k.touchpoints["whatsapp_group"]
    assert not mine.builtin and mine.stage == "after_purchase"
    assert set(mine.steps) == {"receive_order", "pay_invoice", "renew", "buy_again", "recommend"}
    assert mine.tasks[0].title.en == "Decide who runs WhatsApp group and how"
    assert mine.tasks[0].title.fa == "مشخص کن چه کسی و چگونه گروه واتساپ را اجرا می‌کند"
    assert mine.name.text == "WhatsApp group"


def broken(mutate) -> tuple[dict, dict, dict]:
    data = copy.deepcopy(raw_all())
    mutate(*data)
    return data


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t, j, r: t["touchpoints"][0].update(stage="after_purchase"),
        lambda t, j, r: t["touchpoints"][0].update(steps=["no_such_step"]),
        lambda t, j, r: t["touchpoints"][0]["lean"].update(hours=999),
        lambda t, j, r: t["touchpoints"][0]["full"].update(name_fa=""),
        lambda t, j, r: t["touchpoints"][0].update(kinds=["castle"]),
        lambda t, j, r: t["touchpoints"][0].update(rules=["no_such_rule"]),
        lambda t, j, r: t["touchpoints"].pop(),
        lambda t, j, r: t["touchpoints"][1]["full"]["cost"].pop("IRT"),
        lambda t, j, r: t["touchpoints"][1]["lean"].update(impact_share=0),
        lambda t, j, r: t["touchpoints"][1]["tasks"][0].update(days=-1),
        lambda t, j, r: j["templates"].pop("shop"),
        lambda t, j, r: r["rules"]["renewal_reminder"].update(period_days=3),
        lambda t, j, r: r["rules"]["thank_you_next_day"].update(trigger="sometimes"),
    ],
)
def test_broken_data_is_refused(mutate):
    with pytest.raises(KnowledgeError):
        parse(*broken(mutate))


def test_packaged_data_parses():
    assert parse(*raw_all()) == load()
