"""What the wizard's pages share: the answers so far, and what each later page was built from, so
going Back and Next keeps every edit unless the answers it depends on changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from touchdesk import formatting
from touchdesk.data.workspace import Workspace
from touchdesk.planner.knowledge import Knowledge
from touchdesk.planner.records import (
    JourneyStep,
    PlanDetail,
    PlanProfile,
    PlanSuggestion,
    RuleDraft,
    TaskDraft,
)


@dataclass
class WizardState:
    """The plan being made. ``previous`` is the plan being revised (its answers prefill the pages).

    The ``*_for`` fields record the inputs a page's content was made from; a page rebuilds only when
    those inputs differ, so edits survive Back and Next."""

    ws: Workspace
    knowledge: Knowledge
    currency: str
    today: dt.date
    previous: PlanDetail | None = None
    profile: PlanProfile | None = None
    owners: list[str] = field(default_factory=list)
    steps: list[JourneyStep] = field(default_factory=list)
    steps_for: str | None = None
    choices: dict[str, str] = field(default_factory=dict)
    choices_for: Any = None
    suggestion: PlanSuggestion | None = None
    recommended: dict[str, str] = field(default_factory=dict)
    recommended_uncovered: tuple[str, ...] = ()
    tasks: list[TaskDraft] = field(default_factory=list)
    tasks_for: Any = None
    rules: list[RuleDraft] = field(default_factory=list)
    rules_for: Any = None
    saved_plan_id: int | None = None

    @classmethod
    def start(cls, ws: Workspace, previous: PlanDetail | None = None) -> WizardState:
        """A fresh state in the user's currency and today's date (local)."""
        today = formatting.to_local(formatting.utc_now()).date()
        currency = previous.profile.currency if previous else formatting.options().currency
        return cls(ws, ws.planning_knowledge(), currency.upper(), today, previous)

    def planned_profile(self) -> PlanProfile:
        """The profile with the journey as edited on the second page."""
        assert self.profile is not None
        return PlanProfile(
            self.profile.business,
            self.profile.team,
            self.profile.budget_cents,
            self.profile.currency,
            self.profile.hours,
            self.profile.stages,
            tuple(self.steps),
        )

    def evaluate(self) -> PlanSuggestion:
        """Totals and sentences for the current choices (the planner's own arithmetic)."""
        self.suggestion = self.ws.evaluate_plan(self.planned_profile(), dict(self.choices))
        return self.suggestion
