"""Responsiveness, journey flow and purchase patterns on the hand-counted fixture (rows numbered as in
tests/helpers/analytics_fixture.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.analytics_fixture import build
from touchdesk.data.analytics import PatternCell, ReplyStats, StageStep
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month

NOVEMBER = Month(2026, 11)
LATER = dt.datetime(2026, 12, 15)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    build(workspace)
    return workspace


def test_responsiveness_overall_and_by_channel(ws: Workspace) -> None:
    r = ws.analytics(NOVEMBER, now=LATER).responsiveness
    # Requests 12 (300 min, late), 22 (unanswered), 24 (60, on time), 25 (500, late), 27 (120).
    assert r.overall == ReplyStats(
        requests=5, answered=4, on_time=2, median_minutes=210.0, p90_minutes=500.0
    )
    assert (r.overall.unanswered, r.overall.late, r.overall.on_time_share) == (1, 2, 0.5)
    assert r.by_channel == {
        "phone": ReplyStats(1, 1, 0, 300.0, 300.0),  # 12
        "email": ReplyStats(2, 2, 1, 280.0, 500.0),  # 24, 25
        "chat": ReplyStats(2, 1, 1, 120.0, 120.0),  # 22 unanswered, 27
    }
    assert list(r.by_channel) == ["phone", "email", "chat"]  # catalog order
    assert r.by_channel["chat"].unanswered == 1


def test_slow_replies_followed_by_negative(ws: Workspace) -> None:
    r = ws.analytics(NOVEMBER, now=LATER).responsiveness
    # Late 12 -> next is 13 (negative); late 25 -> next is 26 (negative).
    # On time 24 -> next is 25 (neutral); on time 27 -> next is 28 (neutral).
    assert (r.late_then_negative, r.on_time_then_negative) == (2, 0)
    assert r.late_negative_share == 1.0
    assert r.on_time_negative_share == 0.0


def test_journey_flow_of_the_new_customers(ws: Workspace) -> None:
    f = ws.analytics(NOVEMBER, now=LATER).flow
    # Cohort: B and C (first touchpoint ever in November).
    assert f.cohort == 2
    assert f.reached == {
        "before_purchase": 2,  # B 14, C 20
        "during_purchase": 2,  # B 15, C 21
        "after_purchase": 1,  # B 19
        "customer_service": 0,
    }
    # B bought on 11-15 10:00, 11 days 16 hours after the first contact on 11-03 18:00.
    assert f.purchasers == 1
    assert f.conversion_rate == 0.5
    assert f.median_days_to_first_purchase == pytest.approx(11 + 16 / 24)
    assert f.steps == (
        # B: 11-03 18:00 -> 11-06 12:00 = 2.75 d; C: 11-08 20:00 -> 11-09 11:00 = 0.625 d.
        StageStep("before_purchase", "during_purchase", 2, pytest.approx(1.6875)),  # type: ignore[arg-type]
        # B: 11-06 12:00 -> 11-16 09:00 = 9.875 d.
        StageStep("during_purchase", "after_purchase", 1, pytest.approx(9.875)),  # type: ignore[arg-type]
        StageStep("after_purchase", "customer_service", 0, None),
    )


def test_repeat_purchases(ws: Workspace) -> None:
    f = ws.analytics(NOVEMBER, now=LATER).flow
    # Bought in November: A (row 11; also row 2 in September) and B (row 18 only). G is deleted.
    assert (f.buyers, f.repeat_buyers, f.repeat_rate) == (2, 1, 0.5)


def test_drop_off_at_the_end_of_the_period(ws: Workspace) -> None:
    f = ws.analytics(NOVEMBER, now=LATER).flow
    # 30 silent days reached during November: D (last 10-08, product catalog) and F (last 10-11,
    # e-commerce); both went quiet in the during-purchase stage.
    assert f.dropped == {
        "before_purchase": 0,
        "during_purchase": 2,
        "after_purchase": 0,
        "customer_service": 0,
    }
    assert f.dropped_total == 2


def test_drop_off_while_the_period_runs(ws: Workspace) -> None:
    # On 11-09 only D has been silent for 30 days (F's 30 days end on 11-10 09:00).
    f = ws.analytics(NOVEMBER, now=dt.datetime(2026, 11, 9)).flow
    assert f.dropped_total == 1 and f.dropped["during_purchase"] == 1
    # A longer silence: nobody reached 60 days during November (D's 60 days end on 12-07).
    assert ws.analytics(NOVEMBER, now=LATER, silence_days=60).flow.dropped_total == 0


def test_purchase_patterns(ws: Workspace) -> None:
    p = ws.analytics(NOVEMBER, now=LATER, pattern_min_sample=2).patterns
    # Sequences starting in November: B at 14 (Tue 18:00, social; buys at 18) and C at 20 (Sun
    # 20:00, social; never buys). A's 11-02 follows 10-05 (28 days) and E's 11-04 follows 10-20:
    # both continue older sequences.
    assert p.by_channel == (PatternCell("social", None, 2, 1, 0.5),)
    assert p.sequences == 2
    # One sequence per weekday and hour is below the minimum of 2: no probability shown.
    assert p.weekday("social", 1) == PatternCell("social", 1, 1, 1, None)
    assert p.weekday("social", 6) == PatternCell("social", 6, 1, 0, None)
    assert p.hour("social", 18) == PatternCell("social", 18, 1, 1, None)
    assert p.hour("social", 20) == PatternCell("social", 20, 1, 0, None)
    assert p.weekday("social", 0) is None
    # The default minimum (20) hides even the channel figure.
    default = ws.analytics(NOVEMBER, now=LATER).patterns
    assert default.by_channel == (PatternCell("social", None, 2, 1, None),)


def test_patterns_with_a_shorter_gap(ws: Workspace) -> None:
    # With a 14-day gap, A's 11-02 (28 days after 10-05) and A's 11-20 (15 days after 11-05) start
    # sequences too; E's 11-04 (15 days after 10-20) and 11-25 (16 days after 11-09) as well.
    p = ws.analytics(NOVEMBER, now=LATER, sequence_gap_days=14, pattern_min_sample=1).patterns
    cells = {c.channel: (c.sequences, c.purchases) for c in p.by_channel}
    # email: A 11-02 (runs to 11-20, includes the purchase at 11-05), E 11-04 (no purchase);
    # phone: A 11-20 (no purchase after); chat: E 11-25; social: B (buys), C.
    assert cells == {"phone": (1, 0), "email": (2, 1), "social": (2, 1), "chat": (1, 0)}
