"""The exact budget optimizer: choose none, or one version, of every item to maximise value.

A multiple-choice knapsack with two capacities (money and hours) and a cover wish (at least one
chosen item in every marked stage). The answer is the true optimum of a total order:

1. as many marked stages covered as possible (all of them whenever that is feasible),
2. then the highest total value,
3. then the lowest total cost, then the fewest hours,
4. then, to be deterministic, the lexicographically smallest vector of choices in the items' own
   order (none < first option < second option...).

Amounts can be large (a budget of 50,000,000 Toman is 5e9 hundredths), so a dynamic programme over
amounts is out of the question; this is depth-first branch-and-bound. The value bound at a node is
the linear relaxation of the remaining items under a *surrogate* capacity, a blend
``λ·cost/budget + (1-λ)·hours/hours_available`` that any feasible completion respects; each item's
options become the segments of their upper convex hull, so the relaxation is a greedy fill by slope.
The smallest bound over a few blends is used. The stage bound counts the marked stages still
reachable by some remaining option that fits what is left.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

# Blends of the two capacities used for the surrogate bounds (money only, even, hours only).
_BLENDS = (1.0, 0.0, 0.5, 0.8, 0.2)


@dataclass(frozen=True, slots=True)
class Option:
    cost: int
    hours: int
    value: int


@dataclass(frozen=True, slots=True)
class Item:
    stage: str
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class Solution:
    choices: tuple[int | None, ...]  # per item: index into its options, or None
    value: int
    cost: int
    hours: int
    covered: frozenset[str]  # the marked stages with a chosen item


def evaluate(
    items: Sequence[Item], choices: Sequence[int | None], stages: Sequence[str] = ()
) -> Solution:
    """Totals of a given choice vector (no feasibility check)."""
    value = cost = hours = 0
    covered = set()
    for item, choice in zip(items, choices, strict=True):
        if choice is None:
            continue
        option = item.options[choice]
        value, cost, hours = value + option.value, cost + option.cost, hours + option.hours
        if item.stage in stages:
            covered.add(item.stage)
    return Solution(tuple(choices), value, cost, hours, frozenset(covered))


def rank_key(solution: Solution) -> tuple[int, int, int, int, tuple[int, ...]]:
    """The total order the optimizer maximises (see the module notes)."""
    ranks = tuple(-(c + 1) if c is not None else 0 for c in solution.choices)
    return (len(solution.covered), solution.value, -solution.cost, -solution.hours, ranks)


def _hull(points: list[tuple[float, int]]) -> tuple[int, list[tuple[float, float, int]]]:
    """The value available at no resource, and the upper-hull segments (slope, dr, dv) after it."""
    base = max(v for r, v in points if r == 0)
    rest = sorted((r, v) for r, v in points if r > 0 and v > base)
    hull: list[tuple[float, int]] = [(0.0, base)]
    for r, v in rest:
        if v <= hull[-1][1]:
            continue
        while len(hull) >= 2:
            (r1, v1), (r2, v2) = hull[-2], hull[-1]
            # Drop the middle point when it lies on or below the chord to the new point.
            if (v2 - v1) * (r - r1) <= (v - v1) * (r2 - r1):
                hull.pop()
            else:
                break
        hull.append((r, v))
    segments = [
        ((v2 - v1) / (r2 - r1), r2 - r1, v2 - v1) for (r1, v1), (r2, v2) in itertools.pairwise(hull)
    ]
    return base, segments


class _Search:
    def __init__(
        self, items: Sequence[Item], budget: int, hours: int, stages: Sequence[str]
    ) -> None:
        self.items = items
        self.budget, self.hours = budget, hours
        marked = [s for s in dict.fromkeys(stages)]
        self.stage_bit = {s: 1 << i for i, s in enumerate(marked)}
        # Options that cannot fit on their own are dropped up front.
        self.opts: list[list[tuple[int, Option]]] = [
            [(i, o) for i, o in enumerate(item.options) if o.cost <= budget and o.hours <= hours]
            for item in items
        ]
        scale_c, scale_h = max(budget, 1), max(hours, 1)

        def weight(o: Option) -> float:
            return o.cost / scale_c + o.hours / scale_h

        def density(k: int) -> float:
            return max((o.value / (weight(o) + 1e-9) for _i, o in self.opts[k]), default=-1.0)

        # Explore promising items first so a good incumbent is found early.
        self.order = sorted(range(len(items)), key=lambda k: (-density(k), k))
        self.pos_bits = [self.stage_bit.get(items[k].stage, 0) for k in self.order]
        self.bounds = []
        for lam in _BLENDS:
            bases = [0] * len(items)
            segs: list[tuple[float, float, int, int]] = []
            for pos, k in enumerate(self.order):
                points = [(0.0, 0)] + [
                    (lam * o.cost / scale_c + (1 - lam) * o.hours / scale_h, o.value)
                    for _i, o in self.opts[k]
                ]
                base, item_segs = _hull(points)
                bases[pos] = base
                segs.extend((slope, dr, int(dv), pos) for slope, dr, dv in item_segs)
            segs.sort(key=lambda s: -s[0])
            suffix = [0] * (len(items) + 1)
            for pos in range(len(items) - 1, -1, -1):
                suffix[pos] = suffix[pos + 1] + bases[pos]
            # Per depth, the segments of the items still to decide (precomputed: hot loop).
            by_depth = [
                [(slope, dr, dv) for slope, dr, dv, at in segs if at >= pos]
                for pos in range(len(items) + 1)
            ]
            self.bounds.append((lam, suffix, by_depth))
        self.scale_c, self.scale_h = scale_c, scale_h
        self.best: tuple[int, int, int, int, tuple[int, ...]] | None = None
        self.best_choices: list[int | None] = [None] * len(items)
        self.choices: list[int | None] = [None] * len(items)

    def value_bound_below(self, pos: int, cost: int, hours: int, threshold: int) -> bool:
        """Whether some surrogate relaxation proves the remaining value is below ``threshold``."""
        left_c = (self.budget - cost) / self.scale_c
        left_h = (self.hours - hours) / self.scale_h
        for lam, suffix, by_depth in self.bounds:
            cap = lam * left_c + (1 - lam) * left_h
            total = float(suffix[pos])
            for slope, dr, dv in by_depth[pos]:
                if dr <= cap:
                    cap -= dr
                    total += dv
                else:
                    total += slope * cap
                    break
            if math.floor(total + 1e-6) < threshold:
                return True
        return False

    def stage_bound(self, pos: int, covered: int, cost: int, hours: int) -> int:
        reach = covered
        for p in range(pos, len(self.order)):
            bit = self.pos_bits[p]
            if bit and not reach & bit:
                k = self.order[p]
                if any(
                    cost + o.cost <= self.budget and hours + o.hours <= self.hours
                    for _i, o in self.opts[k]
                ):
                    reach |= bit
        return reach.bit_count()

    def run(self, pos: int, cost: int, hours: int, value: int, covered: int) -> None:
        if pos == len(self.order):
            solution = Solution(tuple(self.choices), value, cost, hours, frozenset())
            ranks = rank_key(solution)[4]
            key = (covered.bit_count(), value, -cost, -hours, ranks)
            if self.best is None or key > self.best:
                self.best, self.best_choices = key, list(self.choices)
            return
        if self.best is not None:
            best_covered, best_value = self.best[0], self.best[1]
            if self.stage_bit:
                reach = self.stage_bound(pos, covered, cost, hours)
                if reach < best_covered:
                    return
            else:
                reach = 0
            if reach == best_covered:
                # A completion must beat the best value, or tie it at no higher cost and hours.
                tie_loses = (-cost, -hours) < self.best[2:4]
                threshold = best_value - value + (1 if tie_loses else 0)
                if self.value_bound_below(pos, cost, hours, threshold):
                    return
        k = self.order[pos]
        bit = self.pos_bits[pos]
        for i, o in sorted(self.opts[k], key=lambda io: (-io[1].value, io[0])):
            if cost + o.cost <= self.budget and hours + o.hours <= self.hours:
                self.choices[k] = i
                self.run(pos + 1, cost + o.cost, hours + o.hours, value + o.value, covered | bit)
        self.choices[k] = None
        self.run(pos + 1, cost, hours, value, covered)


def solve(items: Sequence[Item], budget: int, hours: int, stages: Sequence[str] = ()) -> Solution:
    """The best choice vector under ``budget`` and ``hours`` (see the module notes for "best")."""
    if budget < 0 or hours < 0:
        raise ValueError("budget and hours cannot be negative")
    search = _Search(items, budget, hours, stages)
    search.run(0, 0, 0, 0, 0)
    return evaluate(items, search.best_choices, tuple(search.stage_bit))
