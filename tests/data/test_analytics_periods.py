"""Periods (Gregorian, Jalali, any days), tags, empty periods and the statistics helpers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.analytics_fixture import build
from tests.helpers.factories import customer, touch
from touchdesk.data.analytics import Period, ReplyStats
from touchdesk.data.analytics.scope import change, median, percentile, share
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import JALALI, Month

LATER = dt.datetime(2026, 12, 15)


def test_jalali_month_boundaries(workspace: Workspace) -> None:
    """30 Aban 1405 23:30 belongs to Aban, 1 Azar 1405 00:10 to Azar (TZ=UTC in tests)."""
    cid = customer(workspace, "Narges")
    touch(
        workspace, cid, "social_media", "social", "positive", at=dt.datetime(2026, 11, 21, 23, 30)
    )
    touch(
        workspace,
        cid,
        "point_of_sale",
        "in_person",
        "positive",
        at=dt.datetime(2026, 11, 22, 0, 10),
        amount_cents=150_000,
    )
    aban, azar = Month(1405, 8, JALALI), Month(1405, 9, JALALI)
    a_aban = workspace.analytics(aban, now=LATER)
    a_azar = workspace.analytics(azar, now=LATER)
    assert (a_aban.period.start, a_aban.period.end) == (
        dt.date(2026, 10, 23),
        dt.date(2026, 11, 21),
    )
    assert (a_azar.period.start, a_azar.period.end) == (
        dt.date(2026, 11, 22),
        dt.date(2026, 12, 21),
    )
    assert a_aban.volume.by_touchpoint["social_media"] == 1
    assert a_aban.volume.totals.touchpoints == 1 and a_aban.volume.totals.purchases == 0
    assert a_azar.volume.totals.touchpoints == 1 and a_azar.volume.totals.purchases == 1
    assert a_azar.volume.totals.revenue_cents == 150_000
    # Narges is new in Aban, not in Azar; Azar compares with Aban of the same calendar.
    assert (a_aban.volume.totals.new_customers, a_azar.volume.totals.new_customers) == (1, 0)
    assert a_azar.volume.previous.touchpoints == 1
    assert a_azar.volume.change["touchpoints"] == 0.0
    assert a_azar.volume.change["purchases"] is None  # nothing bought in Aban
    # The Gregorian month holds both.
    assert workspace.analytics(Month(2026, 11), now=LATER).volume.totals.touchpoints == 2


def test_jalali_month_of_the_fixture(workspace: Workspace) -> None:
    build(workspace)
    # Aban 1405 = 2026-10-23 .. 2026-11-21: rows 9–13 (A), 14–19 (B), 20–23 (C), 24–26 (E);
    # row 8 (10-20) is in Mehr and rows 27, 28 (11-25, 11-26) are in Azar.
    aban = workspace.analytics(Month(1405, 8, JALALI), now=LATER)
    assert aban.volume.totals.touchpoints == 18
    assert aban.volume.previous.touchpoints == 5  # Mehr (09-23 .. 10-22): rows 4–8
    assert aban.period.label.startswith("Aban")


def test_tag_filter(workspace: Workspace) -> None:
    build(workspace)
    a = workspace.analytics(Month(2026, 11), "WHOLESALE", now=LATER)  # case does not matter
    assert a.tag == "WHOLESALE"
    # A's rows 9–13 and B's rows 14–19.
    assert a.volume.totals.to_dict() == {
        "touchpoints": 11,
        "customers_contacted": 2,
        "new_customers": 1,
        "purchases": 2,
        "revenue_cents": 20000,
    }
    assert a.volume.by_outcome == {"positive": 5, "neutral": 1, "negative": 2, "decision": 3}
    # October for the tag: A's row 4 only.
    assert a.volume.previous.to_dict()["touchpoints"] == 1
    assert a.volume.change == {
        "touchpoints": 10.0,
        "customers_contacted": 1.0,
        "new_customers": None,
        "purchases": None,
        "revenue_cents": None,
    }
    assert (a.decisions.total, a.decisions.positive, a.decisions.negative, a.decisions.open) == (
        3,
        2,
        1,
        0,
    )
    assert a.responsiveness.overall == ReplyStats(1, 1, 0, 300.0, 300.0)
    assert (a.flow.cohort, a.flow.purchasers, a.flow.buyers, a.flow.repeat_buyers) == (1, 1, 2, 1)
    assert a.flow.dropped_total == 0  # D and F are not wholesale customers
    assert a.patterns.by_channel[0].sequences == 1  # B only


def test_unknown_tag_gives_zeros(workspace: Workspace) -> None:
    build(workspace)
    a = workspace.analytics(Month(2026, 11), "nobody", now=LATER)
    assert a.volume.totals.touchpoints == 0
    assert a.friction.by_pair == ()


def _assert_empty(workspace: Workspace, period: Month | tuple[dt.date, dt.date]) -> None:
    a = workspace.analytics(period, now=LATER)
    assert a.volume.totals.to_dict() == dict.fromkeys(a.volume.totals.to_dict(), 0)
    assert set(a.volume.by_stage.values()) == {0}
    assert set(a.volume.by_outcome.values()) == {0}
    assert a.friction.ranked == () and a.friction.by_touchpoint == ()
    assert a.decisions.total == 0 and a.decisions.median_days_to_resolve is None
    assert a.decisions.positive_share is None and a.decisions.preceding == ()
    assert a.responsiveness.overall == ReplyStats()
    assert a.responsiveness.overall.on_time_share is None
    assert a.responsiveness.late_negative_share is None
    assert a.flow.cohort == 0 and a.flow.conversion_rate is None and a.flow.repeat_rate is None
    assert a.flow.dropped_total == 0 and a.flow.median_days_to_first_purchase is None
    assert a.patterns.sequences == 0
    assert a.report_data()["friction"] == []


def test_empty_periods(workspace: Workspace) -> None:
    _assert_empty(workspace, Month(2026, 11))  # nothing logged at all
    build(workspace)
    _assert_empty(workspace, Month(2020, 1))
    _assert_empty(workspace, Month(1399, 1, JALALI))
    future = workspace.analytics(Month(2027, 3), now=dt.datetime(2026, 11, 25))
    assert future.volume.totals.touchpoints == 0 and future.flow.dropped_total == 0


def test_month_over_month_is_none_when_the_previous_period_is_empty(workspace: Workspace) -> None:
    build(workspace)
    september = workspace.analytics(Month(2026, 9), now=LATER).volume
    assert september.totals.touchpoints == 3
    assert set(september.change.values()) == {None}


def test_any_days_and_the_period_before(workspace: Workspace) -> None:
    build(workspace)
    days = (dt.date(2026, 11, 1), dt.date(2026, 11, 10))
    a = workspace.analytics(days, now=LATER)
    assert a.period.previous() == Period(dt.date(2026, 10, 22), dt.date(2026, 10, 31))
    # Rows dated 11-01 .. 11-10: 9, 10, 11, 14, 15, 16, 20, 21, 22, 24, 25, 26.
    assert a.volume.totals.touchpoints == 12
    assert a.volume.previous.touchpoints == 0  # nothing between 10-22 and 10-31
    single = workspace.analytics((dt.date(2026, 11, 3), dt.date(2026, 11, 3)), now=LATER)
    assert single.volume.totals.touchpoints == 2  # rows 10 and 14
    with pytest.raises(ValueError):
        Period(dt.date(2026, 11, 3), dt.date(2026, 11, 2))


def test_the_week_before_counts_only_its_own_days(workspace: Workspace) -> None:
    # The week 9..15 November against 2..8 November. The 30 days of silence before a drop-off
    # reach back to 10 October, so 20 October and 1 November are looked at but are not in the
    # week before.
    buyer = customer(workspace, "Buyer")
    newcomer = customer(workspace, "New in the week before")
    for cid, at, tp, amount in (
        (buyer, dt.datetime(2026, 10, 20, 10), "point_of_sale", 100),
        (buyer, dt.datetime(2026, 11, 1, 10), "point_of_sale", 200),
        (buyer, dt.datetime(2026, 11, 5, 10), "point_of_sale", 400),  # the week before
        (buyer, dt.datetime(2026, 11, 6, 10), "social_media", None),  # the week before
        (newcomer, dt.datetime(2026, 11, 7, 10), "social_media", None),  # the week before
        (buyer, dt.datetime(2026, 11, 10, 10), "social_media", None),  # the week
    ):
        touch(workspace, cid, tp, at=at, amount_cents=amount)
    a = workspace.analytics((dt.date(2026, 11, 9), dt.date(2026, 11, 15)), now=LATER)
    assert a.volume.previous.to_dict() == {
        "touchpoints": 3,
        "customers_contacted": 2,
        "new_customers": 1,  # the newcomer; the buyer was first seen on 20 October
        "purchases": 1,
        "revenue_cents": 400,
    }
    assert a.volume.totals.touchpoints == 1


def test_compare_can_be_switched_off(workspace: Workspace) -> None:
    build(workspace)
    v = workspace.analytics(Month(2026, 11), now=LATER, compare=False).volume
    assert v.totals.touchpoints == 20
    assert v.previous.touchpoints == 0 and set(v.change.values()) == {None}


def test_statistics_helpers() -> None:
    assert median([]) is None
    assert median([5]) == 5.0
    assert median([4, 1, 3, 2]) == 2.5
    assert percentile([], 0.9) is None
    assert percentile(list(range(1, 11)), 0.9) == 9.0
    assert percentile([7], 0.9) == 7.0
    assert percentile([1, 2, 3, 4], 0.9) == 4.0
    assert share(0, 0) is None and share(1, 4) == 0.25
    assert change(5, 0) is None and change(0, 5) == -1.0


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=60))
def test_median_and_percentile_match_their_definitions(values: list[int]) -> None:
    ordered = sorted(values)
    m = median(values)
    assert m is not None
    assert sum(1 for v in values if v < m) <= len(values) / 2
    assert sum(1 for v in values if v > m) <= len(values) / 2
    p90 = percentile(values, 0.9)
    assert p90 in ordered
    assert sum(1 for v in values if v <= p90) >= 0.9 * len(values)
    assert sum(1 for v in values if v < p90) < 0.9 * len(values)
