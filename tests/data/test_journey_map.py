"""The journey map's queries: each touchpoint's outcome mix by shown outcome, and the touchpoints
behind a friction point, in the analytics' scope (period, tag, no deleted customers)."""

from __future__ import annotations

import datetime as dt

from tests.helpers.factories import customer, touch
from touchdesk.formatting import Month
from touchdesk.journeymap_layout import TouchpointMix

NOV = Month(2026, 11)


def test_mix_counts_resolved_decisions_as_they_went_and_skips_deleted(workspace) -> None:  # type: ignore[no-untyped-def]
    ws = workspace
    a = customer(ws, "Sara", tags=("vip",))
    b = customer(ws, "Ali")
    gone = customer(ws, "Gone")
    yes = touch(ws, a, "sales_conversation", "phone", "decision", at=dt.datetime(2026, 11, 2, 9))
    no = touch(ws, b, "sales_conversation", "phone", "decision", at=dt.datetime(2026, 11, 3, 9))
    touch(ws, b, "sales_conversation", "email", "decision", at=dt.datetime(2026, 11, 4, 9))
    touch(ws, a, "billing", "email", "negative", at=dt.datetime(2026, 11, 5, 9))
    touch(ws, a, "billing", "email", "positive", at=dt.datetime(2026, 10, 31, 23, 59))  # October
    touch(ws, gone, "billing", "email", "negative", at=dt.datetime(2026, 11, 6, 9))
    ws.resolve_decision(yes, "positive")
    ws.resolve_decision(no, "negative")
    ws.delete_customer(gone)
    assert ws.journey_mix(NOV) == [
        TouchpointMix("billing", "after_purchase", {"negative": 1}, 0),
        TouchpointMix(
            "sales_conversation",
            "during_purchase",
            {"positive": 1, "negative": 1, "decision": 1},
            3,
        ),
    ]
    assert ws.journey_mix(NOV, tag="VIP") == [
        TouchpointMix("billing", "after_purchase", {"negative": 1}, 0),
        TouchpointMix("sales_conversation", "during_purchase", {"positive": 1}, 1),
    ]
    assert ws.journey_mix(Month(2025, 1)) == []


def test_touchpoint_events_by_channel_and_tag_newest_first(workspace) -> None:  # type: ignore[no-untyped-def]
    ws = workspace
    a = customer(ws, "Sara", tags=("vip",))
    b = customer(ws, "Ali")
    first = touch(ws, a, "billing", "email", "negative", at=dt.datetime(2026, 11, 1, 0, 0))
    second = touch(ws, b, "billing", "email", "neutral", at=dt.datetime(2026, 11, 30, 23, 59))
    phone = touch(ws, a, "billing", "phone", "negative", at=dt.datetime(2026, 11, 15, 9))
    touch(ws, a, "billing", "email", "negative", at=dt.datetime(2026, 12, 1, 0, 0))  # December
    touch(ws, a, "thank_you", "email", "positive", at=dt.datetime(2026, 11, 15, 9))
    assert [r.id for r in ws.touchpoint_events(NOV, "billing", "email")] == [second, first]
    assert [r.id for r in ws.touchpoint_events(NOV, "billing")] == [second, phone, first]
    assert [r.id for r in ws.touchpoint_events(NOV, "billing", "email", tag="vip")] == [first]
    assert [r.id for r in ws.touchpoint_events(NOV, "billing", limit=1)] == [second]
    assert ws.touchpoint_events(NOV, "billing", "email", tag="nobody") == []
