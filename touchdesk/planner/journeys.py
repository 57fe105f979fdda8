"""Journey steps (seed 002's "in the customer's shoes") and how touchpoints serve them."""

from __future__ import annotations

from collections.abc import Sequence

from touchdesk.planner.knowledge import Knowledge, TouchpointKnowledge
from touchdesk.planner.records import JourneyStep, PlanProfile


def profile_steps(knowledge: Knowledge, profile: PlanProfile) -> tuple[JourneyStep, ...]:
    """The journey of a profile: its own steps, or the template for its kind of business."""
    return profile.steps or knowledge.journey_template(profile.business)


def serves(knowledge: Knowledge, tp: TouchpointKnowledge, step: JourneyStep) -> bool:
    """Whether ``tp`` serves ``step``. A step the owner added (a key the knowledge does not know)
    is served by every touchpoint of its stage."""
    if step.key in knowledge.steps:
        return step.key in tp.steps
    return step.stage == tp.stage


def steps_served(
    knowledge: Knowledge, tp: TouchpointKnowledge, steps: Sequence[JourneyStep]
) -> tuple[JourneyStep, ...]:
    return tuple(s for s in steps if serves(knowledge, tp, s))


def touchpoints_for_step(knowledge: Knowledge, step: JourneyStep) -> tuple[str, ...]:
    """The touchpoint keys that serve a step, in catalog order (the wizard's third page)."""
    return tuple(k for k, tp in knowledge.touchpoints.items() if serves(knowledge, tp, step))
