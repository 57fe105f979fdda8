"""Plain rows the Plan view shows: each chosen touchpoint with its cost, hours, reason and how
many times it was logged in the month (planned against actual)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from touchdesk.planner.records import PlanDetail, PlanProgress


@dataclass(frozen=True, slots=True)
class PlanTouchpoint:
    key: str
    name: str
    version: str | None
    cost: int
    hours: int
    currency: str
    logged: int
    why: str


def touchpoint_rows(
    detail: PlanDetail, progress: PlanProgress, label: Callable[[str], str]
) -> list[PlanTouchpoint]:
    """The plan's chosen touchpoints in plan order, with this month's logged count."""
    logged = {p.touchpoint: p.logged for p in progress.planned_vs_actual}
    return [
        PlanTouchpoint(
            t.touchpoint,
            label(t.touchpoint),
            t.version,
            t.cost_cents,
            t.hours,
            detail.row.currency,
            logged.get(t.touchpoint, 0),
            t.why,
        )
        for t in detail.chosen
    ]
