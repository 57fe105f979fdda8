"""What TouchDesk knows about planning each touchpoint, loaded and checked from ``resources/``.

``planning_touchpoints.json`` describes every built-in touchpoint (stage, journey steps served,
kinds of business it suits, a full and a lean version with cost, hours and minimum team, an impact
weight, dated task templates, automation suggestions, tools) plus a ``generic`` entry for the
user's own touchpoints; ``planning_journeys.json`` holds the journey steps and a template per kind of
business; ``planning_rules.json`` the automation rule templates. Every text comes in English and
Persian and is shown in the current language.

Default costs are rough monthly figures in two currencies: ``USD`` and ``IRT`` (Toman). Rial is
Toman x 10; any other currency uses the USD figure as is (EUR and GBP are near enough for a first
guess). The wizard lets the owner edit every cost, and the data layer remembers those overrides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from touchdesk.catalog import (
    BUSINESS_KIND_KEYS,
    OUTCOME_KEYS,
    STAGE_KEYS,
    TOUCHPOINT_BY_KEY,
    TOUCHPOINT_KEYS,
)
from touchdesk.i18n import get_language
from touchdesk.planner.records import TRIGGERS, VERSIONS, JourneyStep, RuleDraft


class KnowledgeError(ValueError):
    """The planning data in ``resources/`` is inconsistent (a packaging or editing mistake)."""


@dataclass(frozen=True, slots=True)
class Bilingual:
    en: str
    fa: str

    @property
    def text(self) -> str:
        """The text in the current language (English when the Persian is missing)."""
        return self.fa if get_language() == "fa" and self.fa else self.en


@dataclass(frozen=True, slots=True)
class VersionSpec:
    version: str
    name: Bilingual
    description: Bilingual
    costs: Mapping[str, int]  # whole currency units per month, by currency code
    hours: int
    min_team: int
    impact_share: int  # percent of the touchpoint's impact this version delivers

    def cost_cents(self, currency: str) -> int:
        """The default monthly cost in hundredths of ``currency`` (see the module notes)."""
        code = currency.upper()
        if code in ("IRT", "TOMAN"):
            units = self.costs["IRT"]
        elif code in ("IRR", "RIAL"):
            units = self.costs["IRT"] * 10
        else:
            units = self.costs["USD"]
        return units * 100


@dataclass(frozen=True, slots=True)
class TaskTemplate:
    days: int
    title: Bilingual
    versions: tuple[str, ...] = VERSIONS


@dataclass(frozen=True, slots=True)
class RuleTemplate:
    key: str
    trigger: str
    days: int
    name: Bilingual
    title: Bilingual
    touchpoint: str | None = None
    stage: str | None = None
    outcome: str | None = None
    period_days: int | None = None

    def draft(self) -> RuleDraft:
        """A rule ready to save, in the current language."""
        return RuleDraft(
            name=self.name.text,
            title=self.title.text,
            trigger=self.trigger,
            days=self.days,
            touchpoint=self.touchpoint,
            stage=self.stage,
            outcome=self.outcome,
            period_days=self.period_days,
            source=self.key,
        )


@dataclass(frozen=True, slots=True)
class TouchpointKnowledge:
    key: str
    stage: str
    name: Bilingual
    impact: int
    steps: tuple[str, ...]
    kinds: tuple[str, ...]
    full: VersionSpec
    lean: VersionSpec
    tasks: tuple[TaskTemplate, ...]
    rules: tuple[str, ...]
    tools: tuple[Bilingual, ...]
    builtin: bool = True

    def version(self, version: str) -> VersionSpec:
        return self.full if version == "full" else self.lean

    @property
    def min_team(self) -> int:
        return min(self.full.min_team, self.lean.min_team)


@dataclass(frozen=True, slots=True)
class Knowledge:
    touchpoints: Mapping[str, TouchpointKnowledge]  # in catalog order
    steps: Mapping[str, tuple[str, Bilingual]]  # step key -> (stage, name)
    templates: Mapping[str, tuple[str, ...]]
    rules: Mapping[str, RuleTemplate]
    generic: TouchpointKnowledge

    def journey_template(self, business: str) -> tuple[JourneyStep, ...]:
        """The typical journey for a kind of business, as editable steps in the current language."""
        keys = self.templates.get(business, self.templates["other"])
        return tuple(JourneyStep(k, self.steps[k][0], self.steps[k][1].text) for k in keys)

    def with_types(self, types: Iterable[Any]) -> Knowledge:
        """Knowledge for the catalog as stored: active built-ins plus the user's own touchpoints
        (rows with ``key``, ``stage``, ``name_en``, ``name_fa``, ``builtin``, ``active``), which
        get the generic knowledge and serve every journey step of their stage."""
        result: dict[str, TouchpointKnowledge] = {}
        for row in types:
            if not row.active:
                continue
            known = self.touchpoints.get(row.key)
            if known is not None and row.builtin:
                result[row.key] = known
                continue
            name = Bilingual(row.name_en or row.name_fa, row.name_fa or row.name_en)
            steps = tuple(k for k, (stage, _n) in self.steps.items() if stage == row.stage)
            result[row.key] = replace(
                self.generic,
                key=row.key,
                stage=row.stage,
                name=name,
                steps=steps,
                tasks=tuple(
                    TaskTemplate(
                        t.days,
                        Bilingual(t.title.en.format(name=name.en), t.title.fa.format(name=name.fa)),
                        t.versions,
                    )
                    for t in self.generic.tasks
                ),
                builtin=False,
            )
        return replace(self, touchpoints=result)


def _text(obj: Mapping[str, Any], field: str, where: str) -> Bilingual:
    en, fa = obj.get(f"{field}_en"), obj.get(f"{field}_fa")
    if not isinstance(en, str) or not en.strip() or not isinstance(fa, str) or not fa.strip():
        raise KnowledgeError(f"{where}: {field}_en and {field}_fa are both required")
    return Bilingual(en, fa)


def _version(obj: Mapping[str, Any], version: str, where: str) -> VersionSpec:
    where = f"{where}.{version}"
    costs = obj.get("cost", {})
    if set(costs) != {"USD", "IRT"} or any(not isinstance(v, int) or v < 0 for v in costs.values()):
        raise KnowledgeError(f"{where}: cost needs whole, non-negative USD and IRT figures")
    hours, team = obj.get("hours"), obj.get("min_team")
    if not isinstance(hours, int) or hours < 0 or not isinstance(team, int) or team < 1:
        raise KnowledgeError(f"{where}: hours >= 0 and min_team >= 1 are required")
    share = 100 if version == "full" else obj.get("impact_share")
    if not isinstance(share, int) or not 0 < share <= 100:
        raise KnowledgeError(f"{where}: impact_share must be 1..100")
    return VersionSpec(
        version,
        _text(obj, "name", where),
        _text(obj, "description", where),
        dict(costs),
        hours,
        team,
        share,
    )


def _touchpoint(
    obj: Mapping[str, Any], steps: Mapping[str, Any], rules: Mapping[str, Any], generic: bool
) -> TouchpointKnowledge:
    key = "generic" if generic else obj.get("key", "?")
    where = f"touchpoint {key}"
    stage: str = STAGE_KEYS[0]
    name = Bilingual("", "")
    tp_steps: tuple[str, ...] = ()
    if not generic:
        builtin = TOUCHPOINT_BY_KEY.get(key)
        if builtin is None:
            raise KnowledgeError(f"{where}: not a built-in touchpoint")
        if obj.get("stage") != builtin.stage:
            raise KnowledgeError(f"{where}: stage {obj.get('stage')!r} differs from the catalog")
        stage = builtin.stage
        name = Bilingual(builtin.name, builtin.name_fa)
        tp_steps = tuple(obj.get("steps", ()))
        unknown = [s for s in tp_steps if s not in steps]
        if unknown or not tp_steps:
            raise KnowledgeError(f"{where}: unknown or missing journey steps {unknown}")
    kinds = tuple(obj.get("kinds", ()))
    if not kinds or any(k not in BUSINESS_KIND_KEYS for k in kinds):
        raise KnowledgeError(f"{where}: kinds must be among {BUSINESS_KIND_KEYS}")
    impact = obj.get("impact")
    if not isinstance(impact, int) or not 1 <= impact <= 10:
        raise KnowledgeError(f"{where}: impact must be 1..10")
    full, lean = _version(obj["full"], "full", where), _version(obj["lean"], "lean", where)
    if lean.hours > full.hours or any(lean.costs[c] > full.costs[c] for c in full.costs):
        raise KnowledgeError(f"{where}: the lean version costs more than the full one")
    tasks = []
    for t in obj.get("tasks", ()):
        versions = tuple(t.get("versions", VERSIONS))
        if not isinstance(t.get("days"), int) or t["days"] < 0 or set(versions) - set(VERSIONS):
            raise KnowledgeError(f"{where}: a task needs days >= 0 and known versions")
        tasks.append(TaskTemplate(t["days"], _text(t, "title", where), versions))
    rule_keys = tuple(obj.get("rules", ()))
    if any(r not in rules for r in rule_keys):
        raise KnowledgeError(f"{where}: unknown automation rules in {rule_keys}")
    tools = tuple(_text(t, "name", where) for t in obj.get("tools", ()))
    return TouchpointKnowledge(
        key, stage, name, impact, tp_steps, kinds, full, lean, tuple(tasks), rule_keys, tools
    )


def _rule(key: str, obj: Mapping[str, Any]) -> RuleTemplate:
    where = f"rule {key}"
    trigger, days = obj.get("trigger"), obj.get("days")
    if trigger not in TRIGGERS or not isinstance(days, int) or days < 0:
        raise KnowledgeError(f"{where}: needs a known trigger and days >= 0")
    if obj.get("touchpoint") not in (None, *TOUCHPOINT_KEYS):
        raise KnowledgeError(f"{where}: unknown touchpoint")
    if obj.get("stage") not in (None, *STAGE_KEYS) or obj.get("outcome") not in (
        None,
        *OUTCOME_KEYS,
    ):
        raise KnowledgeError(f"{where}: unknown stage or outcome")
    period = obj.get("period_days")
    if trigger == "subscription_end" and (not isinstance(period, int) or period <= days):
        raise KnowledgeError(f"{where}: a subscription rule needs period_days > days")
    return RuleTemplate(
        key,
        trigger,
        days,
        _text(obj, "name", where),
        _text(obj, "title", where),
        obj.get("touchpoint"),
        obj.get("stage"),
        obj.get("outcome"),
        period,
    )


def _read(name: str) -> Any:
    return json.loads(resources.files("touchdesk.resources").joinpath(name).read_text("utf-8"))


def parse(touchpoints: Any, journeys: Any, rules: Any) -> Knowledge:
    """Check and assemble the three data files; raises ``KnowledgeError`` on any inconsistency."""
    steps: dict[str, tuple[str, Bilingual]] = {}
    for key, obj in journeys["steps"].items():
        if obj.get("stage") not in STAGE_KEYS:
            raise KnowledgeError(f"step {key}: unknown stage")
        steps[key] = (obj["stage"], _text(obj, "name", f"step {key}"))
    templates = {k: tuple(v) for k, v in journeys["templates"].items()}
    if set(templates) != set(BUSINESS_KIND_KEYS):
        raise KnowledgeError("journey templates must cover every kind of business")
    for kind, keys in templates.items():
        if not keys or any(k not in steps for k in keys):
            raise KnowledgeError(f"template {kind}: unknown or missing steps")
    rule_map = {k: _rule(k, v) for k, v in rules["rules"].items()}
    tps = [_touchpoint(obj, steps, rule_map, False) for obj in touchpoints["touchpoints"]]
    if [t.key for t in tps] != list(TOUCHPOINT_KEYS):
        raise KnowledgeError("touchpoints must list every built-in touchpoint in catalog order")
    generic = _touchpoint(touchpoints["generic"], steps, rule_map, True)
    return Knowledge({t.key: t for t in tps}, steps, templates, rule_map, generic)


@cache
def load() -> Knowledge:
    """The packaged planning knowledge (read and checked once per process)."""
    return parse(
        _read("planning_touchpoints.json"),
        _read("planning_journeys.json"),
        _read("planning_rules.json"),
    )
