"""Where the points of a journey map go — the same data for the on-screen map and the printed one.

Qt-free and SQL-free: plain events in, positioned points out. Positions are *fractions*, so any
painter (a ``QGraphicsScene``, a ReportLab drawing) scales them to its own size.

One customer's map (seed 002's journey map):
- the four stages are swimlanes in catalog order, lane 0 = before purchase;
- each touchpoint is a point on a time axis; ``x`` runs 0..1 from the first touchpoint to the last,
  left to right — or right to left when ``rtl`` is set (Persian), so ``x`` is already mirrored;
- a point's colour is its *shown* outcome: a decision point that was resolved takes the colour of
  its resolution (and keeps ``was_decision`` so painters can mark it, e.g. with a yellow ring);
- the *emotion curve* joins the points in time order; inside its lane a point sits higher the
  better the moment felt: positive +1, neutral 0, open decision 0, decision resolved positive +0.5
  or negative −0.5, negative −1 (the printed journey summary uses the same values).

The business's aggregate map places every touchpoint in the column of its stage (columns in stage
order, mirrored in RTL) with its volume, its outcome mix and its friction rank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from touchdesk.catalog import OUTCOME_COLORS, OUTCOME_KEYS, STAGE_KEYS, TOUCHPOINTS

EMOTION: dict[str, float] = {"positive": 1.0, "neutral": 0.0, "negative": -1.0, "decision": 0.0}
RESOLVED_EMOTION: dict[str, float] = {"positive": 0.5, "negative": -0.5}
# How far (in lanes) the strongest emotion moves a point from its lane's centre line.
EMOTION_REACH = 0.35


def shown_outcome(outcome: str, resolution: str | None) -> str:
    """The outcome a point is coloured by: a resolved decision shows which way it went."""
    if outcome == "decision" and resolution in RESOLVED_EMOTION:
        return resolution
    return outcome


def emotion(outcome: str, resolution: str | None) -> float:
    """The emotion value of a touchpoint, −1..+1 (see the module docstring)."""
    if outcome == "decision" and resolution in RESOLVED_EMOTION:
        return RESOLVED_EMOTION[resolution]
    return EMOTION.get(outcome, 0.0)


def lane_of(stage: str) -> int:
    """The swimlane (or column) of a stage; an unknown stage goes to the first one."""
    return STAGE_KEYS.index(stage) if stage in STAGE_KEYS else 0


# --- one customer ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapEvent:
    """One touchpoint as the map needs it; ``occurred_at`` is naive UTC as stored."""

    id: int
    occurred_at: dt.datetime
    stage: str
    touchpoint: str
    channel: str
    outcome: str
    resolution: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A positioned touchpoint: ``x`` 0..1 along the (mirrored in RTL) time axis, ``lane`` its
    stage's swimlane and ``emotion`` its height inside the lane, −1..+1."""

    event: MapEvent
    lane: int
    x: float
    emotion: float

    @property
    def shown_outcome(self) -> str:
        return shown_outcome(self.event.outcome, self.event.resolution)

    @property
    def color(self) -> str:
        return OUTCOME_COLORS.get(self.shown_outcome, OUTCOME_COLORS["neutral"])

    @property
    def was_decision(self) -> bool:
        """A decision point that has been resolved (an open one is simply yellow)."""
        return self.event.outcome == "decision" and self.shown_outcome != "decision"


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled moment on the time axis."""

    x: float
    when: dt.datetime


@dataclass(frozen=True, slots=True)
class CustomerMap:
    """One customer's journey: points in time order and the span of the axis."""

    points: tuple[MapPoint, ...]
    start: dt.datetime | None
    end: dt.datetime | None
    rtl: bool = False
    stages: tuple[str, ...] = STAGE_KEYS

    def x_of(self, when: dt.datetime) -> float:
        """The axis position of a moment (mirrored in RTL); 0.5 when the span is one instant."""
        if self.start is None or self.end is None or self.end <= self.start:
            share = 0.5
        else:
            share = (when - self.start) / (self.end - self.start)
        return 1.0 - share if self.rtl else share

    def ticks(self, count: int) -> list[Tick]:
        """``count`` evenly spaced moments from the first touchpoint to the last (one when the
        history is a single instant, none when it is empty)."""
        if self.start is None or self.end is None:
            return []
        if self.end <= self.start or count < 2:
            return [Tick(self.x_of(self.start), self.start)]
        step = (self.end - self.start) / (count - 1)
        return [Tick(self.x_of(self.start + step * k), self.start + step * k) for k in range(count)]

    def curve(self) -> list[tuple[float, float]]:
        """The emotion curve as ``(x, lane − emotion × 0.35)`` in time order, where lane centres
        are 0, 1, 2, 3 from the top and up is smaller (the screen's direction)."""
        return [(p.x, p.lane - p.emotion * EMOTION_REACH) for p in self.points]

    def counts(self) -> dict[str, int]:
        """Points per shown outcome, every outcome present."""
        result = dict.fromkeys(OUTCOME_KEYS, 0)
        for p in self.points:
            result[p.shown_outcome] = result.get(p.shown_outcome, 0) + 1
        return result


def customer_map(events: Iterable[MapEvent], *, rtl: bool = False) -> CustomerMap:
    """Lay out one customer's touchpoints (in any order) on the map."""
    ordered = sorted(events, key=lambda e: (e.occurred_at, e.id))
    if not ordered:
        return CustomerMap((), None, None, rtl)
    frame = CustomerMap((), ordered[0].occurred_at, ordered[-1].occurred_at, rtl)
    points = tuple(
        MapPoint(e, lane_of(e.stage), frame.x_of(e.occurred_at), emotion(e.outcome, e.resolution))
        for e in ordered
    )
    return CustomerMap(points, frame.start, frame.end, rtl)


# --- the whole business ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TouchpointMix:
    """A period's touchpoints of one kind in one stage, counted by shown outcome (``decision`` =
    still open); ``decisions`` counts those logged as decision points, resolved or not."""

    touchpoint: str
    stage: str
    mix: Mapping[str, int]
    decisions: int = 0

    @property
    def volume(self) -> int:
        return sum(self.mix.values())


@dataclass(frozen=True, slots=True)
class AggregateNode:
    """One touchpoint on the aggregate map: ``column`` is the visual column (mirrored in RTL),
    ``row`` its place inside the column, ``rank`` its friction rank (``None`` if not ranked)."""

    touchpoint: str
    stage: str
    column: int
    row: int
    volume: int
    mix: dict[str, int]
    decisions: int
    rank: int | None
    share: float = 0.0  # of the period's touchpoints

    @property
    def friction(self) -> int:
        """Touchpoints that went badly or are still undecided."""
        return self.mix.get("negative", 0) + self.mix.get("decision", 0)


@dataclass(frozen=True, slots=True)
class AggregateMap:
    """Every stage's column (``columns[i]`` is the stage shown in visual column ``i``) and nodes."""

    columns: tuple[str, ...]
    nodes: tuple[AggregateNode, ...]
    stage_totals: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.stage_totals.values())

    @property
    def rows(self) -> int:
        return max((n.row + 1 for n in self.nodes), default=0)

    def node(self, touchpoint: str) -> AggregateNode | None:
        return next((n for n in self.nodes if n.touchpoint == touchpoint), None)


def aggregate_map(
    mixes: Iterable[TouchpointMix],
    ranks: Mapping[str, int] | None = None,
    *,
    rtl: bool = False,
    include_unused: bool = True,
) -> AggregateMap:
    """Lay out a period's touchpoints by stage. Inside a column the built-in touchpoints keep the
    catalog's journey order (unused ones with volume 0 when ``include_unused``, so gaps in the
    journey show), then the user's own touchpoints by volume."""
    ranks = ranks or {}
    merged: dict[tuple[str, str], dict[str, int]] = {}
    decisions: dict[tuple[str, str], int] = {}
    for m in mixes:
        stage = m.stage if m.stage in STAGE_KEYS else STAGE_KEYS[0]
        key = (stage, m.touchpoint)
        acc = merged.setdefault(key, dict.fromkeys(OUTCOME_KEYS, 0))
        for outcome, n in m.mix.items():
            acc[outcome] = acc.get(outcome, 0) + n
        decisions[key] = decisions.get(key, 0) + m.decisions
    if include_unused:
        for t in TOUCHPOINTS:
            merged.setdefault((t.stage, t.key), dict.fromkeys(OUTCOME_KEYS, 0))
    catalog = {t.key: n for n, t in enumerate(TOUCHPOINTS)}
    total = sum(sum(m.values()) for m in merged.values())
    columns = tuple(reversed(STAGE_KEYS)) if rtl else STAGE_KEYS
    nodes: list[AggregateNode] = []
    stage_totals = dict.fromkeys(STAGE_KEYS, 0)
    for stage in STAGE_KEYS:
        keys = [tp for (st, tp) in merged if st == stage]
        keys.sort(
            key=lambda tp: (
                catalog.get(tp, len(catalog)),
                -sum(merged[(stage, tp)].values()),
                tp,
            )
        )
        for row, tp in enumerate(keys):
            mix = merged[(stage, tp)]
            volume = sum(mix.values())
            stage_totals[stage] += volume
            nodes.append(
                AggregateNode(
                    touchpoint=tp,
                    stage=stage,
                    column=columns.index(stage),
                    row=row,
                    volume=volume,
                    mix=mix,
                    decisions=decisions.get((stage, tp), 0),
                    rank=ranks.get(tp),
                    share=volume / total if total else 0.0,
                )
            )
    return AggregateMap(columns, tuple(nodes), stage_totals)


def outcomes_by_stage(mixes: Iterable[TouchpointMix]) -> dict[str, dict[str, int]]:
    """Stage → shown outcome → touchpoints (every stage and outcome present, zeros included)."""
    result = {s: dict.fromkeys(OUTCOME_KEYS, 0) for s in STAGE_KEYS}
    for m in mixes:
        row = result[m.stage if m.stage in result else STAGE_KEYS[0]]
        for outcome, n in m.mix.items():
            row[outcome] = row.get(outcome, 0) + n
    return result
