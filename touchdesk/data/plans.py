"""Saved plans: versions, their touchpoints, tasks (mirrored as follow-ups) and rules; progress;
and the costs the owner corrected in the wizard.

Decisions:
- Each plan task is also a follow-up (origin ``plan``, no customer, assigned to the task's owner)
  so it appears under Today beside every other follow-up; the follow-up is the one record of
  whether the task is done and when it is due (rescheduling it moves the task).
- Revising a plan saves a new version and makes it the active one; the previous version keeps its
  rows. Its unfinished task follow-ups are removed (the new version carries the tasks that still
  matter) and its rules are replaced by the new version's, so nothing fires twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from touchdesk.catalog import BUSINESS_KIND_KEYS, STAGE_KEYS
from touchdesk.data import automation
from touchdesk.data.models import (
    AutomationRule,
    Event,
    FollowUp,
    Plan,
    PlanCostOverride,
    PlanTask,
    PlanTouchpoint,
    TouchpointType,
)
from touchdesk.data.records import NotFound, ValidationError
from touchdesk.data.summary import utc_bounds
from touchdesk.data.validation import clean_text
from touchdesk.formatting import to_local, to_utc, utc_now
from touchdesk.i18n import _, get_language
from touchdesk.planner.records import (
    VERSIONS,
    JourneyStep,
    PlanDetail,
    PlannedActual,
    PlanProfile,
    PlanProgress,
    PlanRow,
    PlanSuggestion,
    PlanTaskRow,
    PlanTouchpointRow,
    RuleDraft,
    TaskDraft,
)

TASK_HOUR = 9


def check_profile(profile: PlanProfile) -> None:
    """Refuse a profile the planner cannot work with, naming each bad field."""
    errors: dict[str, str] = {}
    if profile.business not in BUSINESS_KIND_KEYS:
        errors["business"] = _("unknown kind of business: {value}").format(value=profile.business)
    if profile.team < 1:
        errors["team"] = _("a team has at least one person")
    if profile.budget_cents < 0:
        errors["budget"] = _("an amount cannot be negative")
    if profile.hours < 0:
        errors["hours"] = _("hours cannot be negative")
    bad = [s for s in profile.stages if s not in STAGE_KEYS]
    if bad:
        errors["stages"] = _("unknown stage: {value}").format(value=", ".join(bad))
    if any(s.stage not in STAGE_KEYS or not s.name.strip() for s in profile.steps):
        errors["steps"] = _("every journey step needs a name and a stage")
    if errors:
        raise ValidationError(errors)


def _row(p: Plan) -> PlanRow:
    return PlanRow(
        p.id,
        p.name,
        p.version,
        p.revises_id,
        p.active,
        p.created_at,
        p.business,
        p.currency,
        p.total_cost_cents,
        p.total_hours,
        p.impact,
    )


def _profile(p: Plan) -> PlanProfile:
    steps = tuple(JourneyStep(s["key"], s["stage"], s["name"]) for s in json.loads(p.journey))
    return PlanProfile(
        p.business,
        p.team_size,
        p.budget_cents,
        p.currency,
        p.hours,
        tuple(json.loads(p.stages)),
        steps,
    )


def _retire(session: Session, previous: Plan) -> None:
    open_followups = select(PlanTask.followup_id).where(
        PlanTask.plan_id == previous.id, PlanTask.followup_id.is_not(None)
    )
    stale = list(
        session.scalars(
            select(FollowUp.id).where(FollowUp.id.in_(open_followups), FollowUp.done_at.is_(None))
        )
    )
    if stale:
        session.execute(
            update(PlanTask).where(PlanTask.followup_id.in_(stale)).values(followup_id=None)
        )
        session.execute(delete(FollowUp).where(FollowUp.id.in_(stale)))
    session.execute(delete(AutomationRule).where(AutomationRule.plan_id == previous.id))


def save(
    session: Session,
    suggestion: PlanSuggestion,
    tasks: Sequence[TaskDraft],
    rules: Sequence[RuleDraft],
    *,
    name: str = "",
    revises: int | None = None,
    reasons: dict[str, dict[str, str]] | None = None,
) -> int:
    """Store a plan (a new version of ``revises`` when given) and make it the active one;
    ``reasons`` are the touchpoints' sentences in every language (touchpoint -> lang -> text)."""
    profile = suggestion.profile
    check_profile(profile)
    try:
        name = clean_text(name, _("name"), limit=500)
    except ValueError as exc:
        raise ValidationError({"name": str(exc)}) from None
    version = 1
    if revises is not None:
        previous = session.get(Plan, revises)
        if previous is None:
            raise NotFound(_("plan {id} not found").format(id=revises))
        version, name = previous.version + 1, name or previous.name
        _retire(session, previous)
    now = utc_now()
    session.execute(update(Plan).where(Plan.active).values(active=False))
    plan = Plan(
        name=name,
        version=version,
        revises_id=revises,
        active=True,
        business=profile.business,
        team_size=profile.team,
        budget_cents=profile.budget_cents,
        currency=profile.currency.upper(),
        hours=profile.hours,
        stages=json.dumps(list(profile.stages)),
        journey=json.dumps(
            [{"key": s.key, "stage": s.stage, "name": s.name} for s in profile.steps],
            ensure_ascii=False,
        ),
        total_cost_cents=suggestion.total_cost_cents,
        total_hours=suggestion.total_hours,
        impact=suggestion.impact,
        created_at=now,
    )
    session.add(plan)
    session.flush()
    positions = dict(session.execute(select(TouchpointType.key, TouchpointType.position)).all())
    entries: list[tuple[str, str, bool, str | None, int, int, str]] = [
        (c.touchpoint, c.stage, True, c.version, c.cost_cents, c.hours, c.why)
        for c in suggestion.chosen
    ]
    entries += [(o.touchpoint, o.stage, False, None, 0, 0, o.reason) for o in suggestion.left_out]
    entries.sort(key=lambda e: (positions.get(e[0], 10**6), e[0]))
    for pos, (key, stage, chosen, ver, cost, hours, why) in enumerate(entries):
        if reasons and key in reasons:
            why = json.dumps(reasons[key], ensure_ascii=False, sort_keys=True)
        if key not in positions:
            raise ValidationError(
                {"touchpoint": _("unknown touchpoint: {value}").format(value=key)}
            )
        session.add(
            PlanTouchpoint(
                plan_id=plan.id,
                touchpoint=key,
                stage=stage,
                chosen=chosen,
                version=ver,
                cost_cents=cost,
                hours=hours,
                why=why,
                position=pos,
            )
        )
    for pos, task in enumerate(tasks):
        _add_task(session, plan.id, task, pos, positions)
    for draft in rules:
        automation.add(session, draft, plan_id=plan.id)
    return plan.id


def _add_task(
    session: Session, plan_id: int, task: TaskDraft, pos: int, known: dict[str, int]
) -> None:
    try:
        title = clean_text(task.title, _("title"), required=True, limit=2000)
        owner = clean_text(task.owner, _("owner"), limit=200)
    except ValueError as exc:
        raise ValidationError({"tasks": str(exc)}) from None
    if task.touchpoint is not None and task.touchpoint not in known:
        raise ValidationError(
            {"tasks": _("unknown touchpoint: {value}").format(value=task.touchpoint)}
        )
    followup = FollowUp(
        customer_id=None,
        title=title,
        due_at=to_utc(dt.datetime.combine(task.due, dt.time(TASK_HOUR, 0))),
        origin="plan",
        assigned_to=owner,
        created_at=utc_now(),
    )
    session.add(followup)
    session.flush()
    session.add(
        PlanTask(
            plan_id=plan_id,
            touchpoint=task.touchpoint,
            title=title,
            due_date=task.due,
            owner=owner,
            followup_id=followup.id,
            position=pos,
        )
    )


def worded(stored: str) -> str:
    """A stored reason in the current language: plans keep it in every language as JSON
    (language -> sentence); plans saved before that keep the one sentence they were saved with."""
    if not stored.startswith("{"):
        return stored
    try:
        by_language = json.loads(stored)
    except ValueError:
        return stored
    if not isinstance(by_language, dict):
        return stored
    return str(by_language.get(get_language()) or by_language.get("en") or "")


def list_plans(session: Session) -> list[PlanRow]:
    """Every saved plan version, newest first."""
    return [_row(p) for p in session.scalars(select(Plan).order_by(Plan.id.desc()))]


def detail(session: Session, plan_id: int) -> PlanDetail:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(_("plan {id} not found").format(id=plan_id))
    touchpoints = tuple(
        PlanTouchpointRow(
            t.touchpoint, t.stage, t.chosen, t.version, t.cost_cents, t.hours, worded(t.why)
        )
        for t in session.scalars(
            select(PlanTouchpoint)
            .where(PlanTouchpoint.plan_id == plan_id)
            .order_by(PlanTouchpoint.position)
        )
    )
    # A linked follow-up is the record of both when the task is due and whether it is done, so
    # rescheduling or ticking it off under Today shows in the plan.
    rows = (
        PlanTaskRow(
            t.id,
            t.title,
            to_local(due_at).date() if due_at is not None else t.due_date,
            t.touchpoint,
            t.owner,
            done_at,
            t.followup_id,
        )
        for t, done_at, due_at in session.execute(
            select(PlanTask, FollowUp.done_at, FollowUp.due_at)
            .outerjoin(FollowUp, FollowUp.id == PlanTask.followup_id)
            .where(PlanTask.plan_id == plan_id)
            .order_by(PlanTask.position)
        )
    )
    tasks = tuple(sorted(rows, key=lambda r: (r.due, r.id)))
    profile = _profile(plan)
    covered = {t.stage for t in touchpoints if t.chosen}
    return PlanDetail(
        _row(plan),
        profile,
        touchpoints,
        tasks,
        tuple(automation.list_rules(session, plan_id)),
        tuple(s for s in profile.stages if s not in covered),
    )


def active(session: Session) -> PlanDetail | None:
    plan_id = session.scalar(select(Plan.id).where(Plan.active).order_by(Plan.id.desc()).limit(1))
    return None if plan_id is None else detail(session, plan_id)


def progress(
    session: Session, plan_id: int, start: dt.date, end: dt.date, today: dt.date
) -> PlanProgress:
    """Tasks done / due (from ``today`` on) / overdue, and touchpoints logged per planned
    touchpoint between the local days ``start`` and ``end`` (inclusive)."""
    plan = detail(session, plan_id)
    done = due = overdue = 0
    for task in plan.tasks:
        if task.followup_id is None:
            continue  # superseded by a later version of the plan
        if task.done_at is not None:
            done += 1
        elif task.due < today:
            overdue += 1
        else:
            due += 1
    lo, hi = utc_bounds(start, end)
    keys = [t.touchpoint for t in plan.chosen]
    counts = dict(
        session.execute(
            select(Event.touchpoint, func.count())
            .where(Event.touchpoint.in_(keys), Event.occurred_at >= lo, Event.occurred_at < hi)
            .group_by(Event.touchpoint)
        ).all()
    )
    actual = tuple(
        PlannedActual(t.touchpoint, t.version or "", counts.get(t.touchpoint, 0))
        for t in plan.chosen
    )
    return PlanProgress(plan_id, start, end, done, due, overdue, actual)


def cost_overrides(session: Session, currency: str) -> dict[tuple[str, str], tuple[int, int]]:
    """The owner's corrected (cost in hundredths, hours) per (touchpoint, version) in a currency."""
    rows = session.scalars(
        select(PlanCostOverride).where(PlanCostOverride.currency == currency.upper())
    )
    return {(r.touchpoint, r.version): (r.cost_cents, r.hours) for r in rows}


def set_cost_override(
    session: Session, touchpoint: str, version: str, currency: str, cost_cents: int, hours: int
) -> None:
    errors = {}
    if session.get(TouchpointType, touchpoint) is None:
        errors["touchpoint"] = _("unknown touchpoint: {value}").format(value=touchpoint)
    if version not in VERSIONS:
        errors["version"] = _("choose full or lean")
    if cost_cents < 0:
        errors["cost"] = _("an amount cannot be negative")
    if hours < 0:
        errors["hours"] = _("hours cannot be negative")
    if errors:
        raise ValidationError(errors)
    session.merge(
        PlanCostOverride(
            touchpoint=touchpoint,
            version=version,
            currency=currency.upper(),
            cost_cents=cost_cents,
            hours=hours,
            updated_at=utc_now(),
        )
    )


def clear_cost_override(session: Session, touchpoint: str, version: str, currency: str) -> None:
    session.execute(
        delete(PlanCostOverride).where(
            PlanCostOverride.touchpoint == touchpoint,
            PlanCostOverride.version == version,
            PlanCostOverride.currency == currency.upper(),
        )
    )
