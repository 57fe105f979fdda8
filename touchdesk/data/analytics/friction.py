"""Friction: where customers stall or turn away, per touchpoint and per touchpoint × channel.

A touchpoint's friction share is the part of its touchpoints in the period that went badly or are
still undecided: ``(negative + open decision points) / events``. Small samples are not ranked — a
pair with three touchpoints, two of them negative, would otherwise top the list — so only items with
at least ``min_sample`` touchpoints and some friction enter the ranking; every item carries the
numbers behind its rank.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from touchdesk.data.analytics.cube import Cell
from touchdesk.i18n import _

DEFAULT_MIN_SAMPLE = 20


@dataclass(frozen=True, slots=True)
class FrictionItem:
    """One touchpoint (``channel`` is ``None``) or one touchpoint on one channel.

    ``open_decisions``: decision points of the period not resolved yet. ``share`` is the friction
    share, ``(negative + open_decisions) / events``; ``rank`` is 1 for the worst item that has
    enough touchpoints, ``None`` for items not ranked.
    """

    touchpoint: str
    channel: str | None
    events: int
    negative: int
    open_decisions: int
    rank: int | None = None

    @property
    def negative_share(self) -> float:
        return self.negative / self.events

    @property
    def open_share(self) -> float:
        return self.open_decisions / self.events

    @property
    def share(self) -> float:
        return (self.negative + self.open_decisions) / self.events

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (the monthly report's ``friction`` objects)."""
        return {
            "touchpoint": self.touchpoint,
            "channel": self.channel,
            "events": self.events,
            "negative": self.negative,
            "open_decisions": self.open_decisions,
            "share": self.share,
            "negative_share": self.negative_share,
            "open_share": self.open_share,
            "rank": self.rank,
        }


@dataclass(frozen=True, slots=True)
class Friction:
    """Every touchpoint and pair of the period (most touchpoints first), and the ranked lists."""

    min_sample: int
    by_touchpoint: tuple[FrictionItem, ...]
    by_pair: tuple[FrictionItem, ...]
    ranked: tuple[FrictionItem, ...]
    ranked_touchpoints: tuple[FrictionItem, ...]

    def touchpoint(self, key: str) -> FrictionItem | None:
        """The item of one touchpoint (with its rank), ``None`` if it had no touchpoints."""
        return next((i for i in self.by_touchpoint if i.touchpoint == key), None)

    def to_list(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The ranked friction points as JSON-ready objects, worst first."""
        return [item.to_dict() for item in self.ranked[:limit]]


def _items(cells: Iterable[Cell], with_channel: bool) -> list[FrictionItem]:
    sums: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0, 0, 0])
    for c in cells:
        acc = sums[(c.touchpoint, c.channel if with_channel else None)]
        acc[0] += c.events
        acc[1] += c.events if c.outcome == "negative" else 0
        acc[2] += c.open_decisions
    items = [FrictionItem(tp, ch, n, neg, od) for (tp, ch), (n, neg, od) in sums.items()]
    items.sort(key=lambda i: (-i.events, i.touchpoint, i.channel or ""))
    return items


def rank(items: Iterable[FrictionItem], min_sample: int) -> list[FrictionItem]:
    """Items with at least ``min_sample`` touchpoints and some friction, worst first, numbered.

    Ties are broken by more touchpoints (the surer figure), then more negatives, then the keys.
    """
    eligible = [i for i in items if i.events >= min_sample and i.negative + i.open_decisions > 0]
    eligible.sort(key=lambda i: (-i.share, -i.events, -i.negative, i.touchpoint, i.channel or ""))
    return [replace(item, rank=n) for n, item in enumerate(eligible, 1)]


def check(min_sample: int) -> None:
    """Refuse a minimum sample below one touchpoint."""
    if min_sample < 1:
        raise ValueError(_("{name} must be at least 1").format(name="min_sample"))


def compute(cube: list[Cell], min_sample: int = DEFAULT_MIN_SAMPLE) -> Friction:
    """Friction of the period's cube; ``min_sample`` is the fewest touchpoints an item needs to be
    ranked."""
    check(min_sample)
    pairs = _items(cube, with_channel=True)
    touchpoints = _items(cube, with_channel=False)
    ranked = rank(pairs, min_sample)
    ranked_tp = rank(touchpoints, min_sample)
    pair_rank = {(i.touchpoint, i.channel): i.rank for i in ranked}
    tp_rank = {i.touchpoint: i.rank for i in ranked_tp}
    return Friction(
        min_sample=min_sample,
        by_touchpoint=tuple(replace(i, rank=tp_rank.get(i.touchpoint)) for i in touchpoints),
        by_pair=tuple(replace(i, rank=pair_rank.get((i.touchpoint, i.channel))) for i in pairs),
        ranked=tuple(ranked),
        ranked_touchpoints=tuple(ranked_tp),
    )
