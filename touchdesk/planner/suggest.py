"""From a business profile to a plan suggestion: fit checks, values, the exact optimizer, and a
sentence for every touchpoint saying why it is in (and in which version) or why it is left out.

``suggest`` asks the optimizer; ``evaluate`` explains a set the owner picked by hand (the wizard's
toggles), with the same totals and sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from touchdesk.formatting import format_money, format_number
from touchdesk.i18n import N_, _
from touchdesk.planner import optimizer
from touchdesk.planner.journeys import profile_steps, steps_served
from touchdesk.planner.knowledge import Knowledge, TouchpointKnowledge
from touchdesk.planner.records import (
    VERSIONS,
    ChosenTouchpoint,
    LeftOutTouchpoint,
    PlanProfile,
    PlanSuggestion,
)

# Touchpoint key, version -> (monthly cost in hundredths of the profile's currency, hours).
CostOverrides = Mapping[tuple[str, str], tuple[int, int]]

# Stages the owner marked count this many times more than the others.
MARKED_STAGE_WEIGHT = 2

_UNSUITED = {
    "shop": N_("does not suit a shop"),
    "online_shop": N_("does not suit an online shop"),
    "subscription": N_("does not suit a subscription business"),
    "services": N_("does not suit a services business"),
    "other": N_("does not suit this kind of business"),
}


@dataclass(frozen=True, slots=True)
class _Version:
    version: str
    cost: int
    hours: int
    value: int
    min_team: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    tp: TouchpointKnowledge
    versions: dict[str, _Version]
    suits: bool

    def allowed(self, team: int) -> list[_Version]:
        if not self.suits:
            return []
        return [v for v in self.versions.values() if v.min_team <= team]


def _candidates(
    knowledge: Knowledge, profile: PlanProfile, overrides: CostOverrides | None
) -> list[_Candidate]:
    steps = profile_steps(knowledge, profile)
    result = []
    for tp in knowledge.touchpoints.values():
        stage_weight = MARKED_STAGE_WEIGHT if tp.stage in profile.stages else 1
        served = len(steps_served(knowledge, tp, steps))
        versions = {}
        for version in VERSIONS:
            spec = tp.version(version)
            cost, hours = spec.cost_cents(profile.currency), spec.hours
            if overrides and (tp.key, version) in overrides:
                cost, hours = overrides[(tp.key, version)]
            value = tp.impact * spec.impact_share * stage_weight * (1 + served)
            versions[version] = _Version(version, cost, hours, value, spec.min_team)
        result.append(_Candidate(tp, versions, profile.business in tp.kinds))
    return result


def _hours(n: int) -> str:
    return _("{hours} h/month").format(hours=format_number(n))


def _lean_why(cand: _Candidate, profile: PlanProfile) -> str:
    full, lean = cand.versions["full"], cand.versions["lean"]
    names = {
        "lean": cand.tp.lean.name.text,
        "full": cand.tp.full.name.text,
    }
    if full.min_team > profile.team:
        return _("lean version chosen: {lean} instead of {full}, which needs a team of {n}").format(
            n=format_number(full.min_team), **names
        )
    money, hours = full.cost - lean.cost, full.hours - lean.hours
    if money > 0 and hours > 0:
        return _("lean version chosen: {lean} instead of {full}, saves {money} and {hours}").format(
            money=format_money(money, profile.currency), hours=_hours(hours), **names
        )
    if hours > 0:
        return _("lean version chosen: {lean} instead of {full}, saves {hours}").format(
            hours=_hours(hours), **names
        )
    if money > 0:
        return _("lean version chosen: {lean} instead of {full}, saves {money} a month").format(
            money=format_money(money, profile.currency), **names
        )
    return _("lean version chosen: {lean} instead of {full}").format(**names)


def _misfit(cand: _Candidate, profile: PlanProfile, version: str | None) -> tuple[str, str] | None:
    """(code, sentence) when the touchpoint (or one version of it) does not fit the business."""
    if not cand.suits:
        return "kind", _(_UNSUITED.get(profile.business, _UNSUITED["other"]))
    need = (
        cand.versions[version].min_team
        if version
        else min(v.min_team for v in cand.versions.values())
    )
    if need > profile.team:
        return "team", _("needs a team of {n}").format(n=format_number(need))
    return None


def _chosen_why(cand: _Candidate, version: str, profile: PlanProfile, served: int) -> str:
    if version == "lean":
        text = _lean_why(cand, profile)
    else:
        text = _("full version chosen: {full}").format(full=cand.tp.full.name.text)
    if served:
        text += _("; ") + _("serves {n} of the journey's steps").format(n=format_number(served))
    misfit = _misfit(cand, profile, version)
    if misfit:
        text += _("; ") + _("warning: {reason}").format(reason=misfit[1])
    return text


def _left_out(
    cand: _Candidate, profile: PlanProfile, total_cost: int, total_hours: int
) -> tuple[str, str]:
    misfit = _misfit(cand, profile, None)
    if misfit:
        return misfit
    overs = sorted(
        (
            (total_cost + v.cost > profile.budget_cents) + (total_hours + v.hours > profile.hours),
            max(0, total_cost + v.cost - profile.budget_cents),
            max(0, total_hours + v.hours - profile.hours),
        )
        for v in cand.allowed(profile.team)
    )
    _count, money, hours = overs[0]
    if money and hours:
        return "budget_hours", _(
            "would exceed the budget by {money} and the hours by {hours}"
        ).format(money=format_money(money, profile.currency), hours=_hours(hours))
    if money:
        return "budget", _("would exceed the budget by {money}").format(
            money=format_money(money, profile.currency)
        )
    if hours:
        return "hours", _("would exceed the hours by {hours}").format(hours=_hours(hours))
    return "by_choice", _("left out by choice (it would fit)")


def _build(
    knowledge: Knowledge,
    profile: PlanProfile,
    cands: list[_Candidate],
    choices: Mapping[str, str],
) -> PlanSuggestion:
    steps = profile_steps(knowledge, profile)
    chosen, left = [], []
    total_cost = sum(c.versions[choices[c.tp.key]].cost for c in cands if c.tp.key in choices)
    total_hours = sum(c.versions[choices[c.tp.key]].hours for c in cands if c.tp.key in choices)
    impact = 0
    for cand in cands:
        tp = cand.tp
        version = choices.get(tp.key)
        if version is None:
            code, reason = _left_out(cand, profile, total_cost, total_hours)
            left.append(LeftOutTouchpoint(tp.key, tp.name.text, tp.stage, code, reason))
            continue
        v = cand.versions[version]
        impact += v.value
        served = len(steps_served(knowledge, tp, steps))
        chosen.append(
            ChosenTouchpoint(
                tp.key,
                tp.name.text,
                tp.stage,
                version,
                tp.version(version).name.text,
                v.cost,
                v.hours,
                v.value,
                _chosen_why(cand, version, profile, served),
            )
        )
    covered = {c.stage for c in chosen}
    uncovered = tuple(s for s in dict.fromkeys(profile.stages) if s not in covered)
    return PlanSuggestion(
        profile, tuple(chosen), tuple(left), total_cost, total_hours, impact, uncovered
    )


def suggest(
    knowledge: Knowledge, profile: PlanProfile, overrides: CostOverrides | None = None
) -> PlanSuggestion:
    """The best plan for the profile (exact; see ``optimizer``), explained."""
    cands = _candidates(knowledge, profile, overrides)
    usable = [(c, c.allowed(profile.team)) for c in cands]
    usable = [(c, vs) for c, vs in usable if vs]
    items = [
        optimizer.Item(c.tp.stage, tuple(optimizer.Option(v.cost, v.hours, v.value) for v in vs))
        for c, vs in usable
    ]
    solution = optimizer.solve(items, profile.budget_cents, profile.hours, profile.stages)
    choices = {
        c.tp.key: vs[i].version
        for (c, vs), i in zip(usable, solution.choices, strict=True)
        if i is not None
    }
    return _build(knowledge, profile, cands, choices)


def evaluate(
    knowledge: Knowledge,
    profile: PlanProfile,
    choices: Mapping[str, str],
    overrides: CostOverrides | None = None,
) -> PlanSuggestion:
    """Totals and sentences for a set picked by hand (touchpoint key -> ``full``/``lean``); it
    may go over budget, which ``over_budget_cents``/``over_hours`` then report."""
    cands = _candidates(knowledge, profile, overrides)
    known = {c.tp.key for c in cands}
    bad = [k for k, v in choices.items() if k not in known or v not in VERSIONS]
    if bad:
        raise ValueError(_("unknown touchpoint or version: {items}").format(items=", ".join(bad)))
    return _build(knowledge, profile, cands, choices)
