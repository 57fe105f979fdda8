"""Plain-language sentences and numbers the wizard and the Plan view share: what a rule does, a
touchpoint version's cost and hours, and a total against its limit."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from touchdesk import formatting
from touchdesk.catalog import outcome_label, stage_label
from touchdesk.i18n import _, get_language, ngettext
from touchdesk.planner.records import RuleDraft, RuleRow


def hours_text(hours: int) -> str:
    return _("{hours} h/month").format(hours=formatting.format_int(hours))


def cost_and_hours(cost_cents: int, hours: int, currency: str) -> str:
    """``$50.00 · 4 h/month``."""
    return f"{formatting.format_money(cost_cents, currency)} · {hours_text(hours)}"


def version_label(version: str | None) -> str:
    if version == "full":
        return _("Full")
    if version == "lean":
        return _("Lean")
    return _("Not in plan")


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=formatting.format_int(n))


def rule_when(rule: RuleDraft | RuleRow, touchpoint_label: Callable[[str], str]) -> str:
    """When a rule fires, in words ("After every purchase", "When Product reviews is logged")."""
    if rule.trigger == "purchase":
        text = _("After every purchase")
    elif rule.trigger == "first_purchase":
        text = _("After a customer's first purchase")
    elif rule.trigger == "subscription_end":
        text = _("Before a subscription ends")
    elif rule.touchpoint:
        text = _("When “{touchpoint}” is logged").format(
            touchpoint=touchpoint_label(rule.touchpoint)
        )
    else:
        text = _("When a touchpoint is logged")
    if rule.stage:
        text += " · " + _("stage: {stage}").format(stage=stage_label(rule.stage))
    if rule.outcome:
        text += " · " + _("outcome: {outcome}").format(outcome=outcome_label(rule.outcome))
    return text


def rule_then(rule: RuleDraft | RuleRow) -> str:
    """What a rule creates and when ("“Send a thank-you note” 1 day later")."""
    if rule.trigger == "subscription_end":
        return _("“{title}” {days} before the end").format(title=rule.title, days=_days(rule.days))
    if rule.days == 0:
        return _("“{title}” the same day").format(title=rule.title)
    return _("“{title}” {days} later").format(title=rule.title, days=_days(rule.days))


def over_text(used: int, limit: int, money: bool, currency: str) -> str:
    """``$270.00 of $500.00`` / ``over by $20.00``, or the same in hours."""

    def show(value: int) -> str:
        return formatting.format_money(value, currency) if money else hours_text(value)

    text = _("{used} of {limit}").format(used=show(used), limit=show(limit))
    if used > limit:
        text += " — " + _("over by {amount}").format(amount=show(used - limit))
    return text


def join_names(names: Iterable[str]) -> str:
    """Names in a list with the language's comma."""
    return ("، " if get_language() == "fa" else ", ").join(names)
