"""Plain frozen records of the planner: the business profile, a suggestion with its explanations,
task and rule drafts, and the saved plans, rules and progress the service API returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from touchdesk.formatting import money_to_plain

VERSIONS = ("full", "lean")
TRIGGERS = ("event", "purchase", "first_purchase", "subscription_end")


@dataclass(frozen=True, slots=True)
class JourneyStep:
    """One step a typical customer takes; ``key`` links it to the touchpoints that serve it."""

    key: str
    stage: str
    name: str


@dataclass(frozen=True, slots=True)
class PlanProfile:
    """What the owner told the wizard: kind of business, team, monthly budget and hours, the stages
    that matter most and the journey steps (empty: the template for the kind of business)."""

    business: str
    team: int
    budget_cents: int
    currency: str
    hours: int
    stages: tuple[str, ...] = ()
    steps: tuple[JourneyStep, ...] = ()


@dataclass(frozen=True, slots=True)
class ChosenTouchpoint:
    touchpoint: str
    name: str
    stage: str
    version: str
    version_name: str
    cost_cents: int
    hours: int
    impact: int
    why: str


@dataclass(frozen=True, slots=True)
class LeftOutTouchpoint:
    """A touchpoint not in the plan; ``code`` is one of kind, team, budget, hours, budget_hours,
    no_impact, by_choice (stable, for the UI); ``reason`` is the sentence shown."""

    touchpoint: str
    name: str
    stage: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlanSuggestion:
    profile: PlanProfile
    chosen: tuple[ChosenTouchpoint, ...]
    left_out: tuple[LeftOutTouchpoint, ...]
    total_cost_cents: int
    total_hours: int
    impact: int
    uncovered_stages: tuple[str, ...]

    @property
    def choices(self) -> dict[str, str]:
        """Touchpoint key -> chosen version."""
        return {c.touchpoint: c.version for c in self.chosen}

    @property
    def over_budget_cents(self) -> int:
        return max(0, self.total_cost_cents - self.profile.budget_cents)

    @property
    def over_hours(self) -> int:
        return max(0, self.total_hours - self.profile.hours)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of ``touchdesk plan suggest --json`` (amounts as plain numbers)."""
        return {
            "business": self.profile.business,
            "team": self.profile.team,
            "currency": self.profile.currency,
            "budget": money_to_plain(self.profile.budget_cents),
            "hours": self.profile.hours,
            "stages": list(self.profile.stages),
            "chosen": [
                {
                    "touchpoint": c.touchpoint,
                    "name": c.name,
                    "stage": c.stage,
                    "version": c.version,
                    "cost": money_to_plain(c.cost_cents),
                    "hours": c.hours,
                    "impact": c.impact,
                    "why": c.why,
                }
                for c in self.chosen
            ],
            "left_out": [
                {
                    "touchpoint": o.touchpoint,
                    "name": o.name,
                    "stage": o.stage,
                    "code": o.code,
                    "reason": o.reason,
                }
                for o in self.left_out
            ],
            "total_cost": money_to_plain(self.total_cost_cents),
            "total_hours": self.total_hours,
            "impact": self.impact,
            "uncovered_stages": list(self.uncovered_stages),
        }


@dataclass(frozen=True, slots=True)
class TaskDraft:
    """A dated task for a chosen touchpoint, as the wizard shows it before saving."""

    title: str
    due: dt.date
    touchpoint: str | None = None
    owner: str = ""


@dataclass(frozen=True, slots=True)
class RuleDraft:
    """An automation rule: when a matching touchpoint is logged, create follow-up ``title`` for
    that customer after ``days`` days (for ``subscription_end``: ``days`` before the end, which is
    the renewal's date plus ``period_days``)."""

    name: str
    title: str
    trigger: str = "event"
    days: int = 1
    touchpoint: str | None = None
    stage: str | None = None
    outcome: str | None = None
    period_days: int | None = None
    enabled: bool = True
    source: str | None = None


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: int
    name: str
    title: str
    trigger: str
    days: int
    touchpoint: str | None
    stage: str | None
    outcome: str | None
    period_days: int | None
    enabled: bool
    plan_id: int | None
    source: str | None

    def as_draft(self) -> RuleDraft:
        return RuleDraft(
            self.name,
            self.title,
            self.trigger,
            self.days,
            self.touchpoint,
            self.stage,
            self.outcome,
            self.period_days,
            self.enabled,
            self.source,
        )


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One saved plan version in a list."""

    id: int
    name: str
    version: int
    revises_id: int | None
    active: bool
    created_at: dt.datetime
    business: str
    currency: str
    total_cost_cents: int
    total_hours: int
    impact: int


@dataclass(frozen=True, slots=True)
class PlanTouchpointRow:
    touchpoint: str
    stage: str
    chosen: bool
    version: str | None
    cost_cents: int
    hours: int
    why: str


@dataclass(frozen=True, slots=True)
class PlanTaskRow:
    id: int
    title: str
    due: dt.date
    touchpoint: str | None
    owner: str
    done_at: dt.datetime | None
    followup_id: int | None


@dataclass(frozen=True, slots=True)
class PlanDetail:
    row: PlanRow
    profile: PlanProfile
    touchpoints: tuple[PlanTouchpointRow, ...]
    tasks: tuple[PlanTaskRow, ...]
    rules: tuple[RuleRow, ...]
    uncovered_stages: tuple[str, ...] = ()

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def chosen(self) -> tuple[PlanTouchpointRow, ...]:
        return tuple(t for t in self.touchpoints if t.chosen)


@dataclass(frozen=True, slots=True)
class PlannedActual:
    touchpoint: str
    version: str
    logged: int


@dataclass(frozen=True, slots=True)
class PlanProgress:
    """Tasks done / due / overdue today, and touchpoints logged per planned touchpoint in a month."""

    plan_id: int
    start: dt.date
    end: dt.date
    tasks_done: int
    tasks_due: int
    tasks_overdue: int
    planned_vs_actual: tuple[PlannedActual, ...] = field(default=())
