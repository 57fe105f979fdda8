"""Volume, friction and decisions on the hand-counted fixture (see tests/helpers/analytics_fixture.py
for every row the numbers below are counted from)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.analytics_fixture import build
from touchdesk.data.analytics import Analytics, FrictionItem
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month

NOVEMBER = Month(2026, 11)
LATER = dt.datetime(2026, 12, 15)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    build(workspace)
    return workspace


def november(ws: Workspace, **options: object) -> Analytics:
    return ws.analytics(NOVEMBER, now=LATER, **options)  # type: ignore[arg-type]


def test_volume_totals_and_month_over_month(ws: Workspace) -> None:
    v = november(ws).volume
    # Rows 9–28 (G's row 29 is ignored: G is deleted); customers A, B, C, E; B and C are new
    # (first touchpoint ever in November); purchases rows 11 (120.00) and 18 (80.00).
    assert v.totals.to_dict() == {
        "touchpoints": 20,
        "customers_contacted": 4,
        "new_customers": 2,
        "purchases": 2,
        "revenue_cents": 20000,
    }
    # October: rows 4–8; A, D, F, E; new F and E; one purchase (row 7, 20.00).
    assert v.previous.to_dict() == {
        "touchpoints": 5,
        "customers_contacted": 4,
        "new_customers": 2,
        "purchases": 1,
        "revenue_cents": 2000,
    }
    assert v.change == {
        "touchpoints": 3.0,  # (20 - 5) / 5
        "customers_contacted": 0.0,
        "new_customers": 0.0,
        "purchases": 1.0,
        "revenue_cents": 9.0,  # (20000 - 2000) / 2000
    }


def test_volume_breakdowns(ws: Workspace) -> None:
    v = november(ws).volume
    assert v.by_stage == {
        "before_purchase": 2,  # 14, 20
        "during_purchase": 9,  # 10, 11, 15, 16, 17, 18, 21, 22, 23
        "after_purchase": 3,  # 9, 19, 26
        "customer_service": 6,  # 12, 13, 24, 25, 27, 28
    }
    assert v.by_outcome == {"positive": 5, "neutral": 5, "negative": 6, "decision": 4}
    assert {k: n for k, n in v.by_channel.items() if n} == {
        "phone": 3,  # 10, 12, 13
        "email": 6,  # 9, 17, 19, 24, 25, 26
        "social": 2,  # 14, 20
        "website": 4,  # 15, 18, 21, 28
        "chat": 4,  # 16, 22, 23, 27
        "in_person": 1,  # 11
    }
    assert len(v.by_channel) == 11 and v.by_channel["sms"] == 0
    assert {k: n for k, n in v.by_touchpoint.items() if n} == {
        "support_channels": 5,
        "sales_conversation": 4,
        "product_reviews": 2,
        "upsell_cross_sell": 1,
        "point_of_sale": 1,
        "peer_referral": 1,
        "product_catalog": 1,
        "ecommerce": 1,
        "thank_you": 1,
        "online_advertising": 1,
        "billing": 1,
        "self_service": 1,
    }
    assert len(v.by_touchpoint) == 20
    # Customers with a touchpoint of the stage in November.
    assert v.customers_by_stage == {
        "before_purchase": 2,  # B, C
        "during_purchase": 3,  # A, B, C
        "after_purchase": 3,  # A, B, E
        "customer_service": 2,  # A, E
    }


def test_friction_counts_per_touchpoint_and_pair(ws: Workspace) -> None:
    f = november(ws).friction
    support = f.touchpoint("support_channels")
    assert support == FrictionItem("support_channels", None, 5, 3, 0)  # 12, 13, 27 negative
    assert support.share == pytest.approx(0.6)
    reviews = f.touchpoint("product_reviews")
    assert reviews == FrictionItem("product_reviews", None, 2, 0, 1)  # 21 is still open
    assert (reviews.negative_share, reviews.open_share, reviews.share) == (0.0, 0.5, 0.5)
    pairs = {(i.touchpoint, i.channel): (i.events, i.negative, i.open_decisions) for i in f.by_pair}
    assert pairs[("sales_conversation", "chat")] == (3, 2, 0)  # 16, 22, 23
    assert pairs[("sales_conversation", "phone")] == (1, 0, 0)  # 10
    assert pairs[("support_channels", "phone")] == (2, 2, 0)  # 12, 13
    assert pairs[("support_channels", "email")] == (2, 0, 0)  # 24, 25
    assert pairs[("support_channels", "chat")] == (1, 1, 0)  # 27
    assert pairs[("product_reviews", "website")] == (2, 0, 1)  # 15 resolved, 21 open
    assert sum(n for n, _neg, _open in pairs.values()) == 20


def test_friction_ranking_honours_the_minimum_sample(ws: Workspace) -> None:
    # The default minimum (20 touchpoints) ranks nothing in a 20-touchpoint month of small pairs.
    assert november(ws).friction.ranked == ()
    # With 3, the 1- and 2-touchpoint pairs at 100% negative stay out; only sales/chat qualifies.
    f3 = november(ws, min_sample=3).friction
    assert [(i.touchpoint, i.channel, i.rank) for i in f3.ranked] == [
        ("sales_conversation", "chat", 1)
    ]
    assert [(i.touchpoint, i.rank) for i in f3.ranked_touchpoints] == [
        ("support_channels", 1),  # 3/5
        ("sales_conversation", 2),  # 2/4
    ]
    assert f3.touchpoint("billing").rank is None  # 1 touchpoint, 100% negative: too few
    # With 1 everything with friction is ranked; ties at 100% go to the larger sample first,
    # then by key.
    f1 = november(ws, min_sample=1).friction
    assert [(i.touchpoint, i.channel) for i in f1.ranked] == [
        ("support_channels", "phone"),  # 2/2
        ("billing", "email"),  # 1/1
        ("support_channels", "chat"),  # 1/1
        ("sales_conversation", "chat"),  # 2/3
        ("product_reviews", "website"),  # 1 open / 2
    ]
    assert [i.rank for i in f1.ranked] == [1, 2, 3, 4, 5]


def test_friction_report_objects(ws: Workspace) -> None:
    a = november(ws, min_sample=2)
    first = a.friction.to_list(1)[0]
    assert first == {
        "touchpoint": "support_channels",
        "channel": "phone",
        "events": 2,
        "negative": 2,
        "open_decisions": 0,
        "share": 1.0,
        "negative_share": 1.0,
        "open_share": 0.0,
        "rank": 1,
    }
    data = a.report_data()
    assert data["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    assert data["totals"] == {
        "touchpoints": 20,
        "customers_contacted": 4,
        "new_customers": 2,
        "purchases": 2,
        "revenue": 20000,
    }
    assert data["by_stage"]["during_purchase"] == 9
    assert [(f["touchpoint"], f["channel"]) for f in data["friction"]] == [
        ("support_channels", "phone"),
        ("sales_conversation", "chat"),
        ("product_reviews", "website"),
    ]


def test_minimum_sample_must_be_positive(ws: Workspace) -> None:
    with pytest.raises(ValueError):
        november(ws, min_sample=0)


def test_decisions(ws: Workspace) -> None:
    d = november(ws).decisions
    # 9 positive (2 days), 15 negative (0.5 day), 16 positive (4 days), 21 open.
    assert (d.total, d.positive, d.negative, d.open, d.resolved) == (4, 2, 1, 1, 3)
    assert d.positive_share == pytest.approx(2 / 3)
    assert d.median_days_to_resolve == 2.0
    # Last other touchpoint of the customer at or before the resolution: 9 <- 10 (sales
    # conversation), 16 <- 17 (product catalog), 15 <- 14 (peer referral).
    assert [(p.touchpoint, p.before_positive, p.before_negative) for p in d.preceding] == [
        ("product_catalog", 1, 0),
        ("sales_conversation", 1, 0),
        ("peer_referral", 0, 1),
    ]
    assert d.preceding[0].positive_share == 1.0


def test_decision_resolved_later_counts_as_resolved(ws: Workspace) -> None:
    """Counts are as decisions stand now: resolving C's open decision point changes November."""
    event_id = next(
        e.id
        for e in ws.timeline(ws.find_customer_id(name="Customer C") or 0)
        if e.outcome == "decision"
    )
    ws.resolve_decision(event_id, "positive")
    d = november(ws).decisions
    assert (d.positive, d.negative, d.open) == (3, 1, 0)
    assert november(ws).friction.touchpoint("product_reviews").open_decisions == 0
