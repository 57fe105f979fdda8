"""The optimizer is exact: it equals brute force on random small catalogs, never goes over budget
or hours, covers every marked stage when it can and reports the ones it cannot."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from touchdesk.planner.optimizer import Item, Option, Solution, evaluate, rank_key, solve

STAGES = ("before_purchase", "during_purchase", "after_purchase", "customer_service")


def brute_force(items: list[Item], budget: int, hours: int, stages: tuple[str, ...]) -> Solution:
    best: Solution | None = None
    for combo in itertools.product(*[[None, *range(len(i.options))] for i in items]):
        s = evaluate(items, combo, stages)
        if s.cost <= budget and s.hours <= hours and (best is None or rank_key(s) > rank_key(best)):
            best = s
    assert best is not None
    return best


options = st.builds(
    Option,
    cost=st.integers(0, 5_000_000_000),
    hours=st.integers(0, 60),
    value=st.integers(0, 4_000),
)
items = st.lists(
    st.builds(
        Item, stage=st.sampled_from(STAGES), options=st.lists(options, max_size=2).map(tuple)
    ),
    max_size=7,
)
# Small numbers make ties (equal value, cost, hours) frequent, which tests the tie-breaking.
tiny_items = st.lists(
    st.builds(
        Item,
        stage=st.sampled_from(STAGES),
        options=st.lists(
            st.builds(
                Option, cost=st.integers(0, 4), hours=st.integers(0, 3), value=st.integers(0, 3)
            ),
            max_size=2,
        ).map(tuple),
    ),
    max_size=7,
)
marked = st.lists(st.sampled_from(STAGES), unique=True, max_size=4).map(tuple)


@settings(max_examples=300, deadline=None)
@given(items, st.integers(0, 10_000_000_000), st.integers(0, 150), marked)
def test_equals_brute_force_with_large_amounts(items, budget, hours, stages):
    assert solve(items, budget, hours, stages) == brute_force(items, budget, hours, stages)


@settings(max_examples=300, deadline=None)
@given(tiny_items, st.integers(0, 10), st.integers(0, 8), marked)
def test_equals_brute_force_with_many_ties(items, budget, hours, stages):
    assert solve(items, budget, hours, stages) == brute_force(items, budget, hours, stages)


@settings(max_examples=200, deadline=None)
@given(items, st.integers(0, 10_000_000_000), st.integers(0, 150), marked)
def test_never_over_budget_or_hours(items, budget, hours, stages):
    s = solve(items, budget, hours, stages)
    assert s.cost <= budget
    assert s.hours <= hours
    assert s == evaluate(items, s.choices, stages)


def test_covers_marked_stages_even_at_the_cost_of_value():
    items = [
        Item("before_purchase", (Option(100, 10, 900),)),
        Item("customer_service", (Option(60, 5, 10),)),
        Item("before_purchase", (Option(40, 5, 500),)),
    ]
    # Without the wish: the two before-purchase items (value 1,400).
    assert solve(items, 160, 15, ()).choices == (0, None, 0)
    # With customer service marked, one before-purchase item has to make room (910 > 510).
    s = solve(items, 160, 15, ("before_purchase", "customer_service"))
    assert s.choices == (0, 0, None)
    assert s.covered == {"before_purchase", "customer_service"}


def test_reports_a_stage_it_cannot_cover():
    items = [
        Item("before_purchase", (Option(10, 1, 5),)),
        Item("customer_service", (Option(500, 1, 50),)),  # dearer than the whole budget
    ]
    s = solve(items, 100, 10, ("before_purchase", "customer_service"))
    assert s.choices == (0, None)
    assert s.covered == {"before_purchase"}


def test_takes_the_cheaper_version_when_the_full_one_does_not_fit():
    item = Item("after_purchase", (Option(300, 40, 100), Option(50, 10, 60)))
    assert solve([item], 200, 80, ()).choices == (1,)
    assert solve([item], 400, 20, ()).choices == (1,)
    assert solve([item], 400, 80, ()).choices == (0,)


def test_ties_go_to_the_cheaper_then_to_the_earlier_choice():
    items = [
        Item("before_purchase", (Option(20, 1, 5),)),
        Item("before_purchase", (Option(10, 1, 5),)),
    ]
    assert solve(items, 20, 10, ()).choices == (None, 0)
    equal = [
        Item("before_purchase", (Option(10, 1, 5),)),
        Item("during_purchase", (Option(10, 1, 5),)),
    ]
    assert solve(equal, 10, 10, ()).choices == (None, 0)


def test_nothing_fits_nothing_chosen():
    items = [Item("before_purchase", (Option(10, 1, 5),))]
    s = solve(items, 0, 0, ("before_purchase",))
    assert s.choices == (None,)
    assert (s.value, s.cost, s.hours, s.covered) == (0, 0, 0, frozenset())
