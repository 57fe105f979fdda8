"""Automation rules that run: when a touchpoint is logged (from the UI or an import), every enabled
rule that matches creates its follow-up for that customer, in the same transaction.

Triggers:
- ``event``: any logged touchpoint matching the rule's touchpoint / stage / outcome filters;
- ``purchase``: a matching touchpoint with an amount (the same meaning of "bought" as Today's
  losing-touch list);
- ``first_purchase``: a purchase with no earlier purchase by that customer;
- ``subscription_end``: a ``subscription_renewal`` touchpoint (unless the rule names another);
  the subscription ends ``period_days`` after it, and the follow-up is due ``days`` before that.

Due times: ``days`` after the local day of the touchpoint at 09:00 (the same rule as a follow-up
asked for while logging), or the touchpoint's own time when the offset is zero. Historical imports
only create follow-ups that are not already in the past.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, and_, bindparam, insert, or_, select
from sqlalchemy.orm import Session

from touchdesk.catalog import OUTCOME_KEYS, STAGE_KEYS
from touchdesk.data.models import AutomationRule, Event, FollowUp, TouchpointType
from touchdesk.data.records import NotFound, ValidationError
from touchdesk.data.validation import clean_text
from touchdesk.formatting import to_local, to_utc, utc_now
from touchdesk.i18n import _
from touchdesk.planner.records import TRIGGERS, RuleDraft, RuleRow

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

RULES = cast(Table, AutomationRule.__table__)
FOLLOWUPS = cast(Table, FollowUp.__table__)
# The rule columns in ``RuleRow`` order: the hook reads enabled rules as plain rows (one Core query
# per touchpoint, no ORM objects), which keeps a quick-log save and an import row cheap.
RULE_COLUMNS = tuple(
    RULES.c[name]
    for name in (
        "id",
        "name",
        "title",
        "trigger",
        "days",
        "touchpoint",
        "stage",
        "outcome",
        "period_days",
        "enabled",
        "plan_id",
        "source",
    )
)
ENABLED_RULES = select(*RULE_COLUMNS).where(RULES.c.enabled).order_by(RULES.c.id)
INSERT_FOLLOWUP = insert(FOLLOWUPS)
EARLIER_PURCHASE = (
    select(Event.id)
    .where(
        Event.customer_id == bindparam("cid"),
        Event.amount_cents > 0,
        Event.id != bindparam("eid"),
        or_(
            Event.occurred_at < bindparam("at"),
            and_(Event.occurred_at == bindparam("at"), Event.id < bindparam("eid")),
        ),
    )
    .limit(1)
)

DUE_HOUR = 9
MAX_DAYS = 3650
RENEWAL_TOUCHPOINT = "subscription_renewal"


def install(workspace: Workspace) -> None:
    """Make the rules fire for every touchpoint this workspace logs (called when it opens)."""
    workspace.add_after_log_hook(after_log)


def due_at(rule: AutomationRule | RuleDraft | RuleRow, occurred_at: dt.datetime) -> dt.datetime:
    """When the follow-up a rule creates for a touchpoint at ``occurred_at`` (naive UTC) is due."""
    offset = rule.days
    if rule.trigger == "subscription_end":
        offset = (rule.period_days or 0) - rule.days
    if offset == 0:
        return occurred_at
    day = to_local(occurred_at).date() + dt.timedelta(days=offset)
    return to_utc(dt.datetime.combine(day, dt.time(DUE_HOUR, 0)))


def _matches(rule: RuleRow, event: Event) -> bool:
    touchpoint = rule.touchpoint
    if rule.trigger == "subscription_end" and touchpoint is None:
        touchpoint = RENEWAL_TOUCHPOINT
    return (
        (touchpoint is None or touchpoint == event.touchpoint)
        and (rule.stage is None or rule.stage == event.stage)
        and (rule.outcome is None or rule.outcome == event.outcome)
    )


def is_first_purchase(session: Session, event: Event) -> bool:
    """Whether no purchase by the same customer happened before this one."""
    earlier = session.connection().scalar(
        EARLIER_PURCHASE, {"cid": event.customer_id, "eid": event.id, "at": event.occurred_at}
    )
    return earlier is None


def after_log(session: Session, event: Event, historical: bool) -> int:
    """The after-log hook: create the follow-ups of every enabled matching rule; returns how many."""
    conn = session.connection()
    rules = [RuleRow(*row) for row in conn.execute(ENABLED_RULES)]
    if not rules:
        return 0
    now = utc_now()
    purchase = (event.amount_cents or 0) > 0
    first: bool | None = None
    created = 0
    for rule in rules:
        if not _matches(rule, event):
            continue
        if rule.trigger in ("purchase", "first_purchase") and not purchase:
            continue
        if rule.trigger == "first_purchase":
            if first is None:
                first = is_first_purchase(session, event)
            if not first:
                continue
        due = due_at(rule, event.occurred_at)
        if historical and due < now:
            continue
        conn.execute(
            INSERT_FOLLOWUP,
            {
                "customer_id": event.customer_id,
                "title": rule.title,
                "due_at": due,
                "origin": "rule",
                "event_id": event.id,
                "assigned_to": "",
                "created_at": now,
                # The rule works for whoever logged the touchpoint that fired it.
                "author_id": event.author_id,
                "assignee_id": event.author_id,
            },
        )
        created += 1
    return created


def validate(session: Session, draft: RuleDraft) -> RuleDraft:
    """A cleaned copy of ``draft``; raises ``ValidationError`` naming each bad field."""
    errors: dict[str, str] = {}
    name = title = ""
    try:
        name = clean_text(draft.name, _("name"), required=True, limit=500)
    except ValueError as exc:
        errors["name"] = str(exc)
    try:
        title = clean_text(draft.title, _("follow-up"), required=True, limit=2000)
    except ValueError as exc:
        errors["title"] = str(exc)
    if draft.trigger not in TRIGGERS:
        errors["trigger"] = _("unknown trigger: {value}").format(value=draft.trigger)
    if not 0 <= draft.days <= MAX_DAYS:
        errors["days"] = _("days must be between 0 and {n}").format(n=MAX_DAYS)
    if draft.touchpoint is not None and session.get(TouchpointType, draft.touchpoint) is None:
        errors["touchpoint"] = _("unknown touchpoint: {value}").format(value=draft.touchpoint)
    if draft.stage is not None and draft.stage not in STAGE_KEYS:
        errors["stage"] = _("unknown stage: {value}").format(value=draft.stage)
    if draft.outcome is not None and draft.outcome not in OUTCOME_KEYS:
        errors["outcome"] = _("unknown outcome: {value}").format(value=draft.outcome)
    period = draft.period_days
    if draft.trigger == "subscription_end":
        if period is None or not draft.days < period <= MAX_DAYS:
            errors["period_days"] = _(
                "a subscription must last longer than the reminder's days before its end"
            )
    else:
        period = None
    if errors:
        raise ValidationError(errors)
    return RuleDraft(
        name,
        title,
        draft.trigger,
        draft.days,
        draft.touchpoint,
        draft.stage,
        draft.outcome,
        period,
        draft.enabled,
        draft.source,
    )


def add(session: Session, draft: RuleDraft, plan_id: int | None = None) -> int:
    clean = validate(session, draft)
    rule = AutomationRule(created_at=utc_now(), plan_id=plan_id)
    _assign(rule, clean)
    session.add(rule)
    session.flush()
    return rule.id


def update(session: Session, rule_id: int, draft: RuleDraft) -> None:
    clean = validate(session, draft)
    _assign(_get(session, rule_id), clean)


def _assign(rule: AutomationRule, d: RuleDraft) -> None:
    rule.name, rule.title, rule.trigger, rule.days = d.name, d.title, d.trigger, d.days
    rule.touchpoint, rule.stage, rule.outcome = d.touchpoint, d.stage, d.outcome
    rule.period_days, rule.enabled, rule.source = d.period_days, d.enabled, d.source


def _get(session: Session, rule_id: int) -> AutomationRule:
    rule = session.get(AutomationRule, rule_id)
    if rule is None:
        raise NotFound(_("rule {id} not found").format(id=rule_id))
    return rule


def set_enabled(session: Session, rule_id: int, enabled: bool) -> None:
    _get(session, rule_id).enabled = enabled


def delete(session: Session, rule_id: int) -> None:
    session.delete(_get(session, rule_id))


def to_row(r: AutomationRule) -> RuleRow:
    return RuleRow(
        r.id,
        r.name,
        r.title,
        r.trigger,
        r.days,
        r.touchpoint,
        r.stage,
        r.outcome,
        r.period_days,
        r.enabled,
        r.plan_id,
        r.source,
    )


def list_rules(session: Session, plan_id: int | None = None) -> list[RuleRow]:
    """Every rule (or a plan's), oldest first."""
    stmt = select(AutomationRule).order_by(AutomationRule.id)
    if plan_id is not None:
        stmt = stmt.where(AutomationRule.plan_id == plan_id)
    return [to_row(r) for r in session.scalars(stmt)]
