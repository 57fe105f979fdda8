"""Seed 002's third and fourth steps: chosen touchpoints become dated tasks and suggested
automation rules, plus the outside tools worth considering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from touchdesk.planner.knowledge import Knowledge
from touchdesk.planner.records import RuleDraft, TaskDraft


def generate_tasks(
    knowledge: Knowledge,
    choices: Mapping[str, str],
    start: dt.date,
    owners: Sequence[str] = (),
) -> list[TaskDraft]:
    """Dated tasks for every chosen touchpoint (key -> ``full``/``lean``), earliest first.

    With several owners each touchpoint goes to one person, in turn, so a touchpoint's tasks stay
    with whoever runs it.
    """
    people = [o.strip() for o in owners if o.strip()]
    tasks: list[tuple[dt.date, int, int, TaskDraft]] = []
    for n, key in enumerate(k for k in knowledge.touchpoints if k in choices):
        tp = knowledge.touchpoints[key]
        owner = people[n % len(people)] if people else ""
        for i, template in enumerate(tp.tasks):
            if choices[key] not in template.versions:
                continue
            due = start + dt.timedelta(days=template.days)
            tasks.append((due, n, i, TaskDraft(template.title.text, due, key, owner)))
    tasks.sort(key=lambda t: t[:3])
    return [t[3] for t in tasks]


def suggested_rules(knowledge: Knowledge, touchpoints: Sequence[str]) -> list[RuleDraft]:
    """The automation rules the knowledge suggests for the chosen touchpoints (each once)."""
    seen: dict[str, RuleDraft] = {}
    for key in knowledge.touchpoints:
        if key not in touchpoints:
            continue
        for rule_key in knowledge.touchpoints[key].rules:
            if rule_key not in seen:
                seen[rule_key] = knowledge.rules[rule_key].draft()
    return list(seen.values())


def tools_to_consider(knowledge: Knowledge, touchpoints: Sequence[str]) -> list[tuple[str, str]]:
    """(touchpoint key, tool) pairs for the chosen touchpoints, in the current language."""
    return [
        (key, tool.text)
        for key, tp in knowledge.touchpoints.items()
        if key in touchpoints
        for tool in tp.tools
    ]
