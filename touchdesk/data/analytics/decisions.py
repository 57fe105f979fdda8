"""Decisions: how the period's decision points (the yellow points of the journey map) turned out,
how long they took, and which touchpoints came just before a "yes".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.data.analytics.cube import Cell
from touchdesk.data.analytics.scope import Scope, median, period_source, share
from touchdesk.data.analytics.sqlfuncs import as_datetime


@dataclass(frozen=True, slots=True)
class Preceding:
    """How often a touchpoint was the last one before a decision point resolved either way."""

    touchpoint: str
    before_positive: int
    before_negative: int

    @property
    def positive_share(self) -> float:
        return self.before_positive / (self.before_positive + self.before_negative)


@dataclass(frozen=True, slots=True)
class Decisions:
    """Decision points logged in the period, as they stand now.

    ``median_days_to_resolve`` is the median of ``resolved_at - occurred_at`` (in days, fractions
    kept) over the resolved ones. ``preceding`` lists touchpoints by how often they preceded a
    positive resolution (most first), where the touchpoint *preceding a resolution* is the
    customer's most recent other touchpoint at or before the moment the decision was resolved
    (latest time first, then highest id); a decision with no such touchpoint adds to no row.
    """

    total: int
    positive: int
    negative: int
    open: int
    median_days_to_resolve: float | None
    preceding: tuple[Preceding, ...]

    @property
    def resolved(self) -> int:
        return self.positive + self.negative

    @property
    def positive_share(self) -> float | None:
        """Positive resolutions among the resolved ones."""
        return share(self.positive, self.resolved)


def compute(session: Session, cube: list[Cell], scope: Scope | None = None) -> Decisions:
    """Decision points of the gathered period rows, or of ``scope`` read from ``events`` (see
    ``scope.period_source``), with their counts from the period's ``cube``; the touchpoint before
    a resolution is one seek in ``events``. (A resolution is positive or negative, the schema
    allows nothing else: so put, ``events`` gives the resolved ones through its open-decisions
    index.)"""
    mine = [c for c in cube if c.outcome == "decision"]
    source, params = period_source(scope, "d")
    rows = session.execute(
        text(
            f"""SELECT d.resolution, d.occurred_at, d.resolved_at,
                (SELECT p.touchpoint FROM events p
                    WHERE p.customer_id = d.customer_id AND p.occurred_at <= d.resolved_at
                        AND p.id <> d.id
                    ORDER BY p.occurred_at DESC, p.id DESC LIMIT 1)
            FROM {source}
                AND d.outcome = 'decision' AND d.resolution IN ('positive', 'negative')"""
        ),
        params,
    ).all()
    days = [
        (as_datetime(resolved) - as_datetime(occurred)).total_seconds() / 86400
        for _res, occurred, resolved, _tp in rows
        if resolved
    ]
    before: dict[str, Counter[str]] = {"positive": Counter(), "negative": Counter()}
    for resolution, _occurred, _resolved, touchpoint in rows:
        if touchpoint is not None:
            before[resolution][touchpoint] += 1
    keys = set(before["positive"]) | set(before["negative"])
    preceding = sorted(
        (Preceding(k, before["positive"][k], before["negative"][k]) for k in keys),
        key=lambda p: (-p.before_positive, p.before_negative, p.touchpoint),
    )
    return Decisions(
        total=sum(c.events for c in mine),
        positive=sum(c.resolved_positive for c in mine),
        negative=sum(c.resolved_negative for c in mine),
        open=sum(c.open_decisions for c in mine),
        median_days_to_resolve=median(days),
        preceding=tuple(preceding),
    )
