"""Random logs checked against a plain Python count of the same touchpoints (Hypothesis).

Each example logs fresh customers under a tag of its own and asks for that tag only, so examples
sharing the test's database never see each other's touchpoints.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.factories import customer, touch
from touchdesk.catalog import TOUCHPOINT_BY_KEY
from touchdesk.data.events import is_request
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month

START = dt.datetime(2026, 10, 1)
LO, HI = dt.datetime(2026, 11, 1), dt.datetime(2026, 12, 1)
TOUCHPOINTS = ("social_media", "sales_conversation", "point_of_sale", "support_channels")
CHANNELS = ("phone", "email", "chat")
_examples = itertools.count()

event = st.tuples(
    st.integers(0, 3),  # customer
    st.integers(0, 61 * 24 * 60 - 1),  # minutes after 1 October
    st.sampled_from(TOUCHPOINTS),
    st.sampled_from(CHANNELS),
    st.sampled_from(("positive", "neutral", "negative", "decision")),
    st.sampled_from(("inbound", "outbound")),
    st.one_of(st.none(), st.integers(0, 10_000)),  # amount in hundredths
    st.one_of(st.none(), st.integers(0, 600)),  # reply minutes
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(event, max_size=18))
def test_counts_match_a_plain_count(workspace: Workspace, rows: list[tuple]) -> None:
    tag = f"example{next(_examples)}"
    ids = [customer(workspace, f"{tag} {n}", tags=(tag,)) for n in range(4)]
    logged = []
    for who, minutes, tp, channel, outcome, direction, amount, reply in rows:
        when = START + dt.timedelta(minutes=minutes)
        touch(
            workspace,
            ids[who],
            tp,
            channel,
            outcome,
            direction,
            when,
            amount_cents=amount,
            response_minutes=reply,
        )
        logged.append((who, when, tp, channel, outcome, direction, amount, reply))
    a = workspace.analytics(Month(2026, 11), tag, now=HI, min_sample=1)

    inside = [r for r in logged if LO <= r[1] < HI]
    first_contact = {
        who: min(r[1] for r in logged if r[0] == who) for who in {r[0] for r in logged}
    }
    totals = a.volume.totals
    assert totals.touchpoints == len(inside)
    assert totals.customers_contacted == len({r[0] for r in inside})
    assert totals.new_customers == sum(1 for when in first_contact.values() if LO <= when < HI)
    assert totals.purchases == sum(1 for r in inside if r[6])
    assert totals.revenue_cents == sum(r[6] or 0 for r in inside)
    stages = Counter(TOUCHPOINT_BY_KEY[r[2]].stage for r in inside)
    assert {k: n for k, n in a.volume.by_stage.items() if n} == dict(stages)
    assert {k: n for k, n in a.volume.by_outcome.items() if n} == dict(
        Counter(r[4] for r in inside)
    )
    pairs = {
        (i.touchpoint, i.channel): (i.events, i.negative, i.open_decisions)
        for i in a.friction.by_pair
    }
    expected: dict[tuple[str, str], list[int]] = {}
    for r in inside:
        acc = expected.setdefault((r[2], r[3]), [0, 0, 0])
        acc[0] += 1
        acc[1] += r[4] == "negative"
        acc[2] += r[4] == "decision"
    assert pairs == {k: tuple(v) for k, v in expected.items()}
    ranked = a.friction.ranked
    assert [i.share for i in ranked] == sorted((i.share for i in ranked), reverse=True)
    assert a.decisions.open == sum(1 for r in inside if r[4] == "decision")
    requests = [r for r in inside if is_request(r[2], r[4], r[5]) or r[7] is not None]
    assert a.responsiveness.overall.requests == len(requests)
    assert a.responsiveness.overall.answered == sum(1 for r in requests if r[7] is not None)
    assert a.responsiveness.overall.on_time == sum(
        1 for r in requests if r[7] is not None and r[7] <= 240
    )
