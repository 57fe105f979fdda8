"""The journey map's pure layout: lanes, time positions (mirrored in RTL), colours of resolved
decisions, the emotion curve, and the aggregate map's columns, volumes and ranks."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from touchdesk.catalog import OUTCOME_COLORS, STAGE_KEYS, TOUCHPOINTS
from touchdesk.journeymap_layout import (
    MapEvent,
    TouchpointMix,
    aggregate_map,
    customer_map,
    emotion,
    outcomes_by_stage,
)

T0 = dt.datetime(2026, 11, 1, 9, 0)


def ev(n: int, days: float, stage: str, outcome: str, resolution: str | None = None) -> MapEvent:
    return MapEvent(n, T0 + dt.timedelta(days=days), stage, "x", "phone", outcome, resolution)


EVENTS = [
    ev(3, 10, "during_purchase", "decision", "positive"),
    ev(1, 0, "before_purchase", "positive"),
    ev(2, 5, "before_purchase", "neutral"),
    ev(4, 20, "customer_service", "negative"),
    ev(5, 15, "after_purchase", "decision"),
]


def test_points_in_time_order_with_lanes_positions_and_colours() -> None:
    m = customer_map(EVENTS)
    assert [p.event.id for p in m.points] == [1, 2, 3, 5, 4]
    assert [p.lane for p in m.points] == [0, 0, 1, 2, 3]
    assert [p.x for p in m.points] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert [p.shown_outcome for p in m.points] == [
        "positive",
        "neutral",
        "positive",
        "decision",
        "negative",
    ]
    assert m.points[2].color == OUTCOME_COLORS["positive"]
    assert [p.was_decision for p in m.points] == [False, False, True, False, False]
    assert m.counts() == {"positive": 2, "neutral": 1, "negative": 1, "decision": 1}


def test_emotion_values_and_curve() -> None:
    assert [emotion(o, r) for o, r in [("positive", None), ("neutral", None)]] == [1.0, 0.0]
    assert emotion("decision", None) == 0.0
    assert emotion("decision", "positive") == 0.5
    assert emotion("decision", "negative") == -0.5
    assert emotion("negative", None) == -1.0
    curve = customer_map(EVENTS).curve()
    # lane − emotion × 0.35: up (better) is smaller, as on screen
    assert curve == [(0.0, -0.35), (0.25, 0.0), (0.5, 1 - 0.175), (0.75, 2.0), (1.0, 3.35)]


def test_rtl_mirrors_the_time_axis() -> None:
    ltr, rtl = customer_map(EVENTS), customer_map(EVENTS, rtl=True)
    assert [p.x for p in rtl.points] == [1 - p.x for p in ltr.points]
    assert rtl.ticks(3)[0].x == 1.0 and rtl.ticks(3)[0].when == T0


def test_ticks_span_first_to_last_and_degenerate_histories() -> None:
    ticks = customer_map(EVENTS).ticks(5)
    assert [t.x for t in ticks] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert ticks[-1].when == T0 + dt.timedelta(days=20)
    single = customer_map([ev(1, 0, "before_purchase", "positive")])
    assert [p.x for p in single.points] == [0.5]
    assert len(single.ticks(5)) == 1
    empty = customer_map([])
    assert empty.points == () and empty.ticks(5) == [] and empty.curve() == []


def test_aggregate_columns_volumes_ranks_and_rtl() -> None:
    mixes = [
        TouchpointMix("social_media", "before_purchase", {"positive": 3, "negative": 1}),
        TouchpointMix("sales_conversation", "during_purchase", {"decision": 2, "neutral": 2}, 3),
        TouchpointMix("my_own", "customer_service", {"negative": 4}),
    ]
    m = aggregate_map(mixes, {"my_own": 1, "sales_conversation": 2})
    assert m.columns == STAGE_KEYS
    assert len(m.nodes) == len(TOUCHPOINTS) + 1
    social = m.node("social_media")
    assert social is not None
    assert (social.column, social.row, social.volume, social.rank) == (0, 0, 4, None)
    assert social.mix == {"positive": 3, "neutral": 0, "negative": 1, "decision": 0}
    sales = m.node("sales_conversation")
    assert sales is not None and (sales.rank, sales.decisions, sales.friction) == (2, 3, 2)
    own = m.node("my_own")
    assert own is not None and (own.column, own.row, own.rank) == (3, 5, 1)  # after the 5 built-ins
    assert m.stage_totals == {
        "before_purchase": 4,
        "during_purchase": 4,
        "after_purchase": 0,
        "customer_service": 4,
    }
    assert m.total == 12 and social.share == pytest.approx(4 / 12)
    rtl = aggregate_map(mixes, rtl=True)
    assert rtl.columns == tuple(reversed(STAGE_KEYS))
    assert rtl.node("social_media").column == 3  # type: ignore[union-attr]
    only_used = aggregate_map(mixes, include_unused=False)
    assert [n.touchpoint for n in only_used.nodes] == [
        "social_media",
        "sales_conversation",
        "my_own",
    ]


def test_outcomes_by_stage_sums_mixes() -> None:
    mixes = [
        TouchpointMix("social_media", "before_purchase", {"positive": 3}),
        TouchpointMix("peer_referral", "before_purchase", {"positive": 1, "decision": 2}),
    ]
    by_stage = outcomes_by_stage(mixes)
    assert by_stage["before_purchase"] == {
        "positive": 4,
        "neutral": 0,
        "negative": 0,
        "decision": 2,
    }
    assert sum(by_stage["after_purchase"].values()) == 0


outcomes = st.sampled_from(["positive", "neutral", "negative", "decision"])


@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(STAGE_KEYS),
            outcomes,
            st.sampled_from([None, "positive", "negative"]),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_every_point_inside_the_axis_and_time_monotonic(rows, rtl) -> None:  # type: ignore[no-untyped-def]
    events = [
        MapEvent(i, T0 + dt.timedelta(minutes=m), s, "x", "sms", o, r if o == "decision" else None)
        for i, (m, s, o, r) in enumerate(rows)
    ]
    m = customer_map(events, rtl=rtl)
    assert len(m.points) == len(events)
    xs = [p.x for p in m.points]
    assert all(0.0 <= x <= 1.0 for x in xs)
    assert xs == sorted(xs, reverse=rtl)
    assert all(-1.0 <= p.emotion <= 1.0 for p in m.points)
    assert sum(m.counts().values()) == len(events)
