"""``touchdesk plan``: the planning wizard's engine without a display.

``plan suggest`` runs the exact optimizer for a business profile (``--json`` gives the stable shape:
``chosen``, ``left_out``, ``total_cost``, ``total_hours``, ``impact``, ``uncovered_stages``) and can
save the result with its tasks and suggested rules; ``plan list``, ``plan show`` and ``plan rules``
show what is saved; ``plan rule`` switches a rule on or off or deletes it.
"""

from __future__ import annotations

import argparse
import json

from touchdesk import formatting
from touchdesk.catalog import BUSINESS_KIND_KEYS, STAGE_KEYS, stage_label
from touchdesk.cli import apply_language, open_workspace
from touchdesk.i18n import _
from touchdesk.planner.records import PlanProfile, PlanSuggestion, RuleRow
from touchdesk.planner.tasks import generate_tasks, suggested_rules


def register(sub: argparse._SubParsersAction) -> None:
    plan = sub.add_parser("plan", help=_("plan touchpoints for your budget, team and hours"))
    cmds = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    suggest = cmds.add_parser("suggest", help=_("the best set of touchpoints for a profile"))
    suggest.add_argument(
        "--business", required=True, choices=BUSINESS_KIND_KEYS, help=_("kind of business")
    )
    suggest.add_argument("--team", required=True, help=_("people in the team"))
    suggest.add_argument("--budget", required=True, help=_("monthly budget (Persian digits work)"))
    suggest.add_argument("--hours", required=True, help=_("hours available per month"))
    suggest.add_argument(
        "--stages",
        nargs="+",
        default=[],
        metavar="STAGE",
        help=_("stages that matter most: {keys} (space or comma separated)").format(
            keys=", ".join(STAGE_KEYS)
        ),
    )
    suggest.add_argument("--currency", help=_("currency of --budget (default: the setting)"))
    suggest.add_argument("--json", action="store_true", help=_("print JSON with stable keys"))
    suggest.add_argument(
        "--save", action="store_true", help=_("save it as the active plan with tasks and rules")
    )
    suggest.add_argument("--name", default="", help=_("name of the saved plan"))
    suggest.add_argument(
        "--owners", default="", help=_("comma-separated people who get the tasks, in turn")
    )
    suggest.set_defaults(func=run_suggest)

    listing = cmds.add_parser("list", help=_("saved plans and their versions"))
    listing.add_argument("--json", action="store_true", help=_("print JSON with stable keys"))
    listing.set_defaults(func=run_list)

    show = cmds.add_parser("show", help=_("one plan with its tasks, rules and progress"))
    show.add_argument("--plan", type=int, help=_("plan id (default: the active plan)"))
    show.add_argument("--json", action="store_true", help=_("print JSON with stable keys"))
    show.set_defaults(func=run_show)

    rules = cmds.add_parser("rules", help=_("automation rules"))
    rules.add_argument("--json", action="store_true", help=_("print JSON with stable keys"))
    rules.set_defaults(func=run_rules)

    rule = cmds.add_parser("rule", help=_("switch an automation rule on or off, or delete it"))
    rule.add_argument("id", type=int, help=_("rule id"))
    what = rule.add_mutually_exclusive_group(required=True)
    what.add_argument("--on", action="store_true", help=_("switch the rule on"))
    what.add_argument("--off", action="store_true", help=_("switch the rule off"))
    what.add_argument("--delete", action="store_true", help=_("delete the rule"))
    rule.set_defaults(func=run_rule)


def _whole(text: str, what: str) -> int:
    value = formatting.parse_number(text)
    if value != value.to_integral_value() or value < 0:
        raise ValueError(_("{what} must be a whole number: {text}").format(what=what, text=text))
    return int(value)


def _stages(values: list[str]) -> tuple[str, ...]:
    keys = [k.strip() for v in values for k in v.split(",") if k.strip()]
    bad = [k for k in keys if k not in STAGE_KEYS]
    if bad:
        raise ValueError(_("unknown stage: {value}").format(value=", ".join(bad)))
    return tuple(dict.fromkeys(keys))


def profile_from_args(args: argparse.Namespace) -> PlanProfile:
    """The business profile the ``suggest`` options describe."""
    currency = (args.currency or formatting.options().currency).upper()
    budget = formatting.parse_money(args.budget)
    return PlanProfile(
        business=args.business,
        team=_whole(args.team, _("team")),
        budget_cents=budget,
        currency=currency,
        hours=_whole(args.hours, _("hours")),
        stages=_stages(args.stages),
    )


def _version_label(version: str | None) -> str:
    return {"full": _("full"), "lean": _("lean")}.get(version or "", "")


def print_suggestion(s: PlanSuggestion) -> None:
    """A readable table of a suggestion: chosen, left out, totals."""
    money = formatting.format_money
    code = s.profile.currency
    n = formatting.format_int
    print(_("Chosen touchpoints"))
    rows = [
        (c.name, _version_label(c.version), money(c.cost_cents, code), n(c.hours)) for c in s.chosen
    ]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(4)]
    for c, row in zip(s.chosen, rows, strict=True):
        print(
            "  "
            + "  ".join(
                (cell.ljust(w) if i < 2 else cell.rjust(w))
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        print("      " + c.why)
    if not s.chosen:
        print("  " + _("none"))
    print(_("Left out"))
    for o in s.left_out:
        print("  " + _("{name}: {reason}").format(name=o.name, reason=o.reason))
    print(
        _("Total: {cost} of {budget} a month, {hours} of {available} hours").format(
            cost=money(s.total_cost_cents, code),
            budget=money(s.profile.budget_cents, code),
            hours=n(s.total_hours),
            available=n(s.profile.hours),
        )
    )
    print(_("Impact: {n}").format(n=n(s.impact)))
    if s.uncovered_stages:
        print(
            _("No touchpoint fits for: {stages}").format(
                stages=", ".join(stage_label(k) for k in s.uncovered_stages)
            )
        )


def run_suggest(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        profile = profile_from_args(args)
        suggestion = ws.suggest_plan(profile)
        plan_id = None
        if args.save:
            knowledge = ws.planning_knowledge()
            today = formatting.to_local(formatting.utc_now()).date()
            owners = [o for o in args.owners.split(",") if o.strip()]
            tasks = generate_tasks(knowledge, suggestion.choices, today, owners)
            rules = suggested_rules(knowledge, list(suggestion.choices))
            active = ws.active_plan()
            plan_id = ws.save_plan(
                suggestion,
                tasks,
                rules,
                name=args.name,
                revises=active.id if active else None,
            )
    if args.json:
        data = suggestion.to_json()
        if plan_id is not None:
            data["plan_id"] = plan_id
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print_suggestion(suggestion)
    if plan_id is not None:
        print(_("Saved as plan {id}.").format(id=formatting.digits(str(plan_id))))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        rows = ws.plans()
    if args.json:
        out = [
            {
                "id": r.id,
                "name": r.name,
                "version": r.version,
                "revises": r.revises_id,
                "active": r.active,
                "created_at": r.created_at.isoformat(),
                "business": r.business,
                "currency": r.currency,
                "total_cost": formatting.money_to_plain(r.total_cost_cents),
                "total_hours": r.total_hours,
                "impact": r.impact,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No plans yet: try touchdesk plan suggest --save"))
    for r in rows:
        mark = "*" if r.active else " "
        print(
            _("{mark} {id}  {name} v{version}  {date}  {cost}, {hours} h").format(
                mark=mark,
                id=r.id,
                name=r.name or _("(unnamed)"),
                version=formatting.format_int(r.version),
                date=formatting.format_datetime(r.created_at),
                cost=formatting.format_money(r.total_cost_cents, r.currency),
                hours=formatting.format_int(r.total_hours),
            )
        )
    return 0


def _rule_json(r: RuleRow) -> dict[str, object]:
    return {
        "id": r.id,
        "name": r.name,
        "title": r.title,
        "trigger": r.trigger,
        "days": r.days,
        "touchpoint": r.touchpoint,
        "stage": r.stage,
        "outcome": r.outcome,
        "period_days": r.period_days,
        "enabled": r.enabled,
        "plan_id": r.plan_id,
    }


def _print_rules(rules: list[RuleRow] | tuple[RuleRow, ...]) -> None:
    for r in rules:
        state = _("on") if r.enabled else _("off")
        print(
            _("  {id}  [{state}] {name}: {title}").format(
                id=r.id, state=state, name=r.name, title=r.title
            )
        )


def run_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        plan = ws.plan(args.plan) if args.plan is not None else ws.active_plan()
        if plan is None:
            print(_("No plans yet: try touchdesk plan suggest --save"))
            return 1
        progress = ws.plan_progress(plan.id)
        labels = {t.touchpoint: ws.touchpoint_label(t.touchpoint) for t in plan.touchpoints}
    code = plan.row.currency
    if args.json:
        out = {
            "id": plan.id,
            "name": plan.row.name,
            "version": plan.row.version,
            "active": plan.row.active,
            "chosen": [
                {
                    "touchpoint": t.touchpoint,
                    "version": t.version,
                    "cost": formatting.money_to_plain(t.cost_cents),
                    "hours": t.hours,
                    "why": t.why,
                }
                for t in plan.chosen
            ],
            "left_out": [
                {"touchpoint": t.touchpoint, "reason": t.why}
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
                for t in plan.tasks
            ],
            "rules": [_rule_json(r) for r in plan.rules],
            "progress": {
                "start": progress.start.isoformat(),
                "end": progress.end.isoformat(),
                "tasks_done": progress.tasks_done,
                "tasks_due": progress.tasks_due,
                "tasks_overdue": progress.tasks_overdue,
                "logged": {p.touchpoint: p.logged for p in progress.planned_vs_actual},
            },
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    n = formatting.format_int
    print(
        _("Plan {id}: {name} v{version}").format(
            id=plan.id, name=plan.row.name or _("(unnamed)"), version=n(plan.row.version)
        )
    )
    logged = {p.touchpoint: p.logged for p in progress.planned_vs_actual}
    for t in plan.chosen:
        print(
            _("  {name} ({version}): {cost}, {hours} h; logged this month: {logged}").format(
                name=labels[t.touchpoint],
                version=_version_label(t.version),
                cost=formatting.format_money(t.cost_cents, code),
                hours=n(t.hours),
                logged=n(logged.get(t.touchpoint, 0)),
            )
        )
    print(
        _("Tasks: {done} done, {due} due, {overdue} overdue").format(
            done=n(progress.tasks_done),
            due=n(progress.tasks_due),
            overdue=n(progress.tasks_overdue),
        )
    )
    for task in plan.tasks:
        box = "x" if task.done_at else " "
        owner = f" ({task.owner})" if task.owner else ""
        print(f"  [{box}] {formatting.format_date(task.due)}  {task.title}{owner}")
    print(_("Rules:"))
    _print_rules(plan.rules)
    return 0


def run_rules(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        rules = ws.rules()
    if args.json:
        print(json.dumps([_rule_json(r) for r in rules], ensure_ascii=False, indent=2))
        return 0
    if not rules:
        print(_("No automation rules yet."))
    _print_rules(rules)
    return 0


def run_rule(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        if args.delete:
            ws.delete_rule(args.id)
        else:
            ws.set_rule_enabled(args.id, bool(args.on))
    return 0
