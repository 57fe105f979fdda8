"""The plan report: the business profile and its customers' journey steps, the chosen touchpoints
with cost, hours and why, what was left out and why, the task schedule, the automation rules, tools
to consider, and the totals against budget and hours. ``build_model`` reads a saved plan;
``render`` draws it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from touchdesk import formatting as f
from touchdesk.catalog import label, outcome_label, stage_label
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import utc_now
from touchdesk.i18n import _


@dataclass(frozen=True, slots=True)
class PlanModel:
    business: str
    made_at: dt.datetime
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The plan as plain JSON data (amounts in hundredths, ISO dates)."""
        return {
            "report": "plan",
            "business": self.business,
            "made_at": self.made_at.isoformat(timespec="minutes"),
            **self.data,
        }


def build_model(
    ws: Workspace, plan_id: int | None = None, *, made_at: dt.datetime | None = None
) -> PlanModel:
    """Read a plan (the active one when ``plan_id`` is ``None``); ``NotFound`` when there is none."""
    from touchdesk.data.records import NotFound
    from touchdesk.planner import knowledge, tasks

    plan = ws.plan(plan_id) if plan_id is not None else ws.active_plan()
    if plan is None:
        raise NotFound(
            _("there is no plan yet: make one with the planning wizard or `touchdesk plan`")
        )
    p, row = plan.profile, plan.row
    chosen = [t.touchpoint for t in plan.chosen]
    data = {
        "plan": {
            "id": row.id,
            "name": row.name,
            "version": row.version,
            "active": row.active,
            "created_at": row.created_at.isoformat(timespec="minutes"),
        },
        "profile": {
            "business": p.business,
            "team": p.team,
            "budget": p.budget_cents,
            "currency": p.currency,
            "hours": p.hours,
            "stages": list(p.stages),
            "steps": [{"key": s.key, "stage": s.stage, "name": s.name} for s in p.steps],
        },
        "chosen": [
            {
                "touchpoint": t.touchpoint,
                "name": ws.touchpoint_label(t.touchpoint),
                "stage": t.stage,
                "version": t.version,
                "cost": t.cost_cents,
                "hours": t.hours,
                "why": t.why,
            }
            for t in plan.chosen
        ],
        "left_out": [
            {
                "touchpoint": t.touchpoint,
                "name": ws.touchpoint_label(t.touchpoint),
                "stage": t.stage,
                "why": t.why,
            }
            for t in plan.touchpoints
            if not t.chosen
        ],
        "tasks": [
            {
                "title": t.title,
                "due": t.due.isoformat(),
                "touchpoint": t.touchpoint,
                "owner": t.owner,
                "done": t.done_at is not None,
            }
            for t in sorted(plan.tasks, key=lambda t: (t.due, t.id))
            if t.followup_id is not None
        ],
        "rules": [
            {
                "name": r.name,
                "title": r.title,
                "trigger": r.trigger,
                "days": r.days,
                "touchpoint": r.touchpoint,
                "stage": r.stage,
                "outcome": r.outcome,
                "enabled": r.enabled,
            }
            for r in plan.rules
        ],
        "tools": [
            {"touchpoint": k, "tool": tool}
            for k, tool in tasks.tools_to_consider(knowledge.load(), chosen)
        ],
        "totals": {
            "cost": row.total_cost_cents,
            "budget": p.budget_cents,
            "hours": row.total_hours,
            "hours_available": p.hours,
        },
        "uncovered_stages": list(plan.uncovered_stages),
    }
    return PlanModel(ws.setting("business_name") or "", made_at or utc_now(), data)


def render(
    model: PlanModel,
    out: str | IO[bytes] | None = None,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """Draw the plan report PDF of ``model`` in the current language."""
    from touchdesk.reports.base import ReportDocument
    from touchdesk.reports.flow import Column

    d = model.data
    prof, tot, cur = d["profile"], d["totals"], d["profile"]["currency"]
    doc = ReportDocument(title=_("Touchpoint plan"), business=model.business, made_at=model.made_at)
    doc.text(d["plan"]["name"] or _("Touchpoint plan"), "title")
    doc.facts(
        [
            (_("Kind of business"), label("business", prof["business"])),
            (_("Team"), f.format_int(prof["team"])),
            (_("Monthly budget"), f.format_money(prof["budget"], cur)),
            (_("Hours a month"), f.format_int(prof["hours"])),
            (
                _("Planned cost"),
                _("{cost} of {budget}").format(
                    cost=f.format_money(tot["cost"], cur), budget=f.format_money(tot["budget"], cur)
                ),
            ),
            (
                _("Planned hours"),
                _("{hours} of {available}").format(
                    hours=f.format_int(tot["hours"]), available=f.format_int(tot["hours_available"])
                ),
            ),
        ]
    )
    if d["uncovered_stages"]:
        doc.text(
            _("Stages without a touchpoint: {stages}").format(
                stages=doc.comma.join(stage_label(s) for s in d["uncovered_stages"])
            ),
            "small",
        )
    doc.heading(_("The customer's journey"))
    if prof["steps"]:
        doc.grid(
            [Column("#", 0.4, "end"), Column(_("Step"), 4.0), Column(_("Stage"), 1.5)],
            [
                [f.digits(str(i)), s["name"], stage_label(s["stage"])]
                for i, s in enumerate(prof["steps"], 1)
            ],
        )
    else:
        doc.empty(_("No journey steps recorded."))
    doc.heading(_("Chosen touchpoints"))
    doc.grid(
        [
            Column(_("Touchpoint"), 1.8),
            Column(_("Stage"), 1.2),
            Column(_("Version"), 0.9),
            Column(_("Cost a month"), 1.2, "end"),
            Column(_("Hours"), 0.7, "end"),
            Column(_("Why"), 3.2),
        ],
        [
            [
                t["name"],
                stage_label(t["stage"]),
                {"full": _("Full"), "lean": _("Lean")}.get(t["version"] or "", ""),
                f.format_money(t["cost"], cur),
                f.format_int(t["hours"]),
                t["why"],
            ]
            for t in d["chosen"]
        ],
    )
    doc.heading(_("Left out"))
    if d["left_out"]:
        doc.grid(
            [Column(_("Touchpoint"), 1.8), Column(_("Stage"), 1.2), Column(_("Why"), 5.0)],
            [[t["name"], stage_label(t["stage"]), t["why"]] for t in d["left_out"]],
        )
    else:
        doc.empty(_("Nothing was left out."))
    doc.heading(_("Task schedule"))
    if d["tasks"]:
        doc.grid(
            [
                Column(_("Due"), 1.1),
                Column(_("Task"), 4.0),
                Column(_("Owner"), 1.1),
                Column(_("Done"), 0.7, "center"),
            ],
            [
                [
                    f.format_date(dt.date.fromisoformat(t["due"])),
                    t["title"],
                    t["owner"],
                    _("yes") if t["done"] else "",
                ]
                for t in d["tasks"]
            ],
        )
    else:
        doc.empty(_("No tasks."))
    doc.heading(_("Automation rules"))
    if d["rules"]:
        doc.grid(
            [
                Column(_("Rule"), 2.0),
                Column(_("Creates"), 3.0),
                Column(_("After"), 1.2, "end"),
                Column(_("When"), 1.6),
            ],
            [
                [
                    r["name"],
                    r["title"],
                    _("{days} days").format(days=f.format_int(r["days"])),
                    " · ".join(
                        x
                        for x in (
                            r["touchpoint"] and model_label(d, r["touchpoint"]),
                            r["outcome"] and outcome_label(r["outcome"]),
                            r["stage"] and stage_label(r["stage"]),
                        )
                        if x
                    ),
                ]
                for r in d["rules"]
            ],
        )
    else:
        doc.empty(_("No automation rules."))
    doc.heading(_("Tools to consider"))
    if d["tools"]:
        doc.grid(
            [Column(_("Touchpoint"), 2.0), Column(_("Tool"), 5.0)],
            [[model_label(d, t["touchpoint"]), t["tool"]] for t in d["tools"]],
        )
    else:
        doc.empty(_("No tools suggested."))
    return doc.build(out, on_page)


def model_label(data: dict[str, Any], key: str) -> str:
    """The shown name of a touchpoint of the plan (its key when the plan does not list it)."""
    for t in (*data["chosen"], *data["left_out"]):
        if t["touchpoint"] == key:
            return t["name"]
    return key
