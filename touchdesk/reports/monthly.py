"""The monthly touchpoint report: KPIs against the previous month, touchpoints by stage, outcome
and channel, the aggregate journey map, friction, decisions, replies, the stage funnel, customers
needing attention, plan progress and (optionally) every touchpoint of the month.

The story is drawn only from a ``MonthlyModel`` (``monthly_model.build_model``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from touchdesk import formatting as f
from touchdesk.catalog import (
    CHANNEL_KEYS,
    OUTCOME_COLORS,
    OUTCOME_KEYS,
    STAGE_KEYS,
    channel_label,
    outcome_label,
    stage_label,
)
from touchdesk.i18n import _
from touchdesk.reports.monthly_model import MonthlyModel

STAGE_COLOR = "#2a5d8f"
CHANNEL_COLOR = "#4f8cc9"


def _share(value: float | None) -> str:
    return "—" if value is None else f.format_percent(value)


def render(
    model: MonthlyModel,
    out: str | IO[bytes] | None = None,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """Draw the monthly report PDF of ``model`` in the current language."""
    from touchdesk.reports import charts
    from touchdesk.reports.base import ReportDocument
    from touchdesk.reports.flow import Column

    period = model.core["period"]
    doc = ReportDocument(
        title=_("Monthly touchpoint report"), business=model.business, made_at=model.made_at
    )
    doc.text(_("Touchpoints of {month}").format(month=model.month.label), "title")
    start, end = f.parse_date(period["start"]), f.parse_date(period["end"])
    doc.text(
        _("{start} to {end}").format(
            start=f.format_date(start, "long"), end=f.format_date(end, "long")
        ),
        "small",
    )

    # --- KPIs ---------------------------------------------------------------------------------
    doc.heading(_("Key figures"))
    t, prev = model.totals, model.previous
    money = f.format_money
    rows = [
        [
            _("Touchpoints"),
            f.format_int(t["touchpoints"]),
            f.format_int(prev["touchpoints"]),
            f.format_delta(model.change.get("touchpoints")),
        ],
        [
            _("Customers contacted"),
            f.format_int(t["customers_contacted"]),
            f.format_int(prev["customers_contacted"]),
            f.format_delta(model.change.get("customers_contacted")),
        ],
        [
            _("New customers"),
            f.format_int(t["new_customers"]),
            f.format_int(prev["new_customers"]),
            f.format_delta(model.change.get("new_customers")),
        ],
        [
            _("Purchases"),
            f.format_int(t["purchases"]),
            f.format_int(prev["purchases"]),
            f.format_delta(model.change.get("purchases")),
        ],
        [
            _("Revenue"),
            money(t["revenue"]),
            money(prev["revenue"]),
            f.format_delta(model.change.get("revenue")),
        ],
    ]
    doc.grid(
        [
            Column(_("Measure"), 2.2),
            Column(_("This month"), 1.3, "end"),
            Column(_("Previous month"), 1.3, "end"),
            Column(_("Change"), 1.0, "end"),
        ],
        rows,
    )
    shares = model.outcome_shares()
    fu = model.followups
    doc.facts(
        [
            *[
                (_("{outcome} share").format(outcome=outcome_label(k)), _share(shares[k]))
                for k in OUTCOME_KEYS
            ],
            (_("Median first reply"), f.format_duration_minutes(model.median_first_reply_minutes)),
            (
                _("Follow-ups done on time"),
                _("{on_time} of {due}").format(
                    on_time=f.format_int(fu["on_time"]), due=f.format_int(fu["due"])
                ),
            ),
        ]
    )

    # --- breakdowns -----------------------------------------------------------------------------
    doc.heading(_("Touchpoints by stage, outcome and channel"))
    by_stage, by_outcome, by_channel = (
        model.core["by_stage"],
        model.core["by_outcome"],
        model.core["by_channel"],
    )
    doc.drawing(
        charts.bars(
            doc.ink,
            doc.width,
            [(stage_label(k), by_stage.get(k, 0), STAGE_COLOR) for k in STAGE_KEYS],
            f.format_int,
        )
    )
    doc.space(6)
    doc.drawing(
        charts.bars(
            doc.ink,
            doc.width,
            [(outcome_label(k), by_outcome.get(k, 0), OUTCOME_COLORS[k]) for k in OUTCOME_KEYS],
            f.format_int,
        )
    )
    doc.space(6)
    channels = [k for k in CHANNEL_KEYS if by_channel.get(k, 0)]
    if channels:
        doc.drawing(
            charts.bars(
                doc.ink,
                doc.width,
                [(channel_label(k), by_channel[k], CHANNEL_COLOR) for k in channels],
                f.format_int,
            )
        )

    # --- aggregate journey map -------------------------------------------------------------------
    order = model.map_order()
    stage_charts = []
    for stage in STAGE_KEYS:
        in_stage = [tp for tp in order if model.touchpoint_stage[tp] == stage]
        if in_stage:
            rows_map = [
                (
                    model.touchpoint_names.get(tp, tp),
                    model.touchpoint_mix.get(tp, {}),
                    _("friction #{rank}").format(rank=f.digits(str(model.touchpoint_rank[tp])))
                    if tp in model.touchpoint_rank
                    else "",
                )
                for tp in in_stage
            ]
            stage_charts.append((stage, charts.stacked(doc.ink, doc.width, rows_map, f.format_int)))
    if stage_charts:
        doc.need(stage_charts[0][1].height + 80)  # the heading stays with the first stage
    doc.heading(_("Journey map"))
    for stage, chart in stage_charts:
        doc.need(chart.height + 30)
        doc.text(stage_label(stage), "h2")
        doc.drawing(chart)
    if stage_charts:
        legend = [(outcome_label(k), OUTCOME_COLORS[k]) for k in OUTCOME_KEYS]
        doc.drawing(charts.legend(doc.ink, doc.width, legend))
    else:
        doc.empty(_("No touchpoints in this month."))

    # --- friction --------------------------------------------------------------------------------
    doc.heading(_("Top friction points"))
    friction = model.core["friction"]
    if friction:
        doc.grid(
            [
                Column("#", 0.4, "end"),
                Column(_("Touchpoint"), 2.2),
                Column(_("Channel"), 1.4),
                Column(_("Touchpoints"), 1.0, "end"),
                Column(_("Negative"), 1.0, "end"),
                Column(_("Open decisions"), 1.0, "end"),
                Column(_("Friction share"), 1.0, "end"),
            ],
            [
                [
                    f.digits(str(i["rank"])),
                    model.touchpoint_names.get(i["touchpoint"], i["touchpoint"]),
                    channel_label(i["channel"]) if i["channel"] else "",
                    f.format_int(i["events"]),
                    f.format_int(i["negative"]),
                    f.format_int(i["open_decisions"]),
                    f.format_percent(i["share"]),
                ]
                for i in friction
            ],
        )
        doc.text(
            _(
                "Friction share: negative touchpoints and decisions still open, out of all touchpoints of that touchpoint and channel."
            ),
            "small",
        )
    else:
        doc.empty(_("No friction points with enough touchpoints this month."))

    # --- decisions, replies ----------------------------------------------------------------------
    doc.heading(_("Decisions resolved"))
    d = model.decisions
    days = d["median_days_to_resolve"]
    doc.facts(
        [
            (_("Decision points"), f.format_int(d["total"])),
            (_("Resolved positive"), f.format_int(d["positive"])),
            (_("Resolved negative"), f.format_int(d["negative"])),
            (_("Still open"), f.format_int(d["open"])),
            (_("Median days to resolve"), "—" if days is None else f.format_number(days, 1)),
        ]
    )
    doc.heading(_("Response times by channel"))
    replies = [(k, v) for k, v in model.replies.items() if k != "all"]
    if replies:
        doc.grid(
            [
                Column(_("Channel"), 2.0),
                Column(_("Requests"), 1.0, "end"),
                Column(_("Answered"), 1.0, "end"),
                Column(_("On time"), 1.0, "end"),
                Column(_("Median first reply"), 1.4, "end"),
            ],
            [
                [
                    _("All channels") if k == "all" else channel_label(k),
                    f.format_int(v["requests"]),
                    f.format_int(v["answered"]),
                    f.format_int(v["on_time"]),
                    f.format_duration_minutes(v["median_minutes"]),
                ]
                for k, v in [*replies, ("all", model.replies["all"])]
            ],
        )
    else:
        doc.empty(_("No requests needed a reply this month."))

    # --- funnel ----------------------------------------------------------------------------------
    doc.heading(_("Stage funnel"))
    fn = model.funnel
    doc.text(
        _(
            "New customers of the month and the furthest stage they reached; where customers went quiet for {days} days."
        ).format(days=f.digits(str(fn["silence_days"]))),
        "small",
    )
    doc.drawing(
        charts.bars(
            doc.ink,
            doc.width,
            [(stage_label(k), fn["reached"].get(k, 0), STAGE_COLOR) for k in STAGE_KEYS],
            f.format_int,
        )
    )
    doc.facts(
        [
            (_("New customers"), f.format_int(fn["cohort"])),
            (_("Bought by month end"), f.format_int(fn["purchasers"])),
            *[
                (
                    _("Went quiet in: {stage}").format(stage=stage_label(k)),
                    f.format_int(fn["dropped"].get(k, 0)),
                )
                for k in STAGE_KEYS
            ],
        ]
    )

    # --- attention -------------------------------------------------------------------------------
    doc.heading(_("Customers needing attention"))
    att, counts = model.attention, model.attention_counts
    _attention(
        doc,
        Column,
        _("Overdue follow-ups"),
        counts["overdue_followups"],
        [_("Customer"), _("Follow-up"), _("Due")],
        [
            [x["customer"], x["title"], f.format_datetime(f.parse_datetime(x["due_at"]), utc=True)]
            for x in att["overdue_followups"]
        ],
    )
    _attention(
        doc,
        Column,
        _("Open decisions"),
        counts["open_decisions"],
        [_("Customer"), _("Touchpoint"), _("Since")],
        [
            [
                x["customer"],
                model.touchpoint_names.get(x["touchpoint"], x["touchpoint"]),
                f.format_datetime(f.parse_datetime(x["occurred_at"])),
            ]
            for x in att["open_decisions"]
        ],
    )
    _attention(
        doc,
        Column,
        _("Losing touch"),
        counts["losing_touch"],
        [_("Customer"), _("Last contact"), _("Days silent")],
        [
            [
                x["customer"],
                f.format_date(f.parse_date(x["last_contact"])),
                f.format_int(x["days_silent"]),
            ]
            for x in att["losing_touch"]
        ],
    )

    # --- plan ------------------------------------------------------------------------------------
    if model.plan is not None:
        p = model.plan
        doc.heading(_("Plan progress"))
        doc.text(p["name"], "h2")
        doc.facts(
            [
                (_("Tasks done"), f.format_int(p["tasks_done"])),
                (_("Tasks due"), f.format_int(p["tasks_due"])),
                (_("Tasks overdue"), f.format_int(p["tasks_overdue"])),
            ],
            columns=3,
        )
        if p["planned_vs_actual"]:
            doc.grid(
                [Column(_("Planned touchpoint"), 3.0), Column(_("Logged this month"), 1.2, "end")],
                [
                    [
                        model.touchpoint_names.get(x["touchpoint"], x["touchpoint"]),
                        f.format_int(x["logged"]),
                    ]
                    for x in p["planned_vs_actual"]
                ],
            )

    # --- appendix --------------------------------------------------------------------------------
    if model.appendix is not None:
        doc.heading(_("Appendix: every touchpoint of the month"))
        names = model.touchpoint_names
        doc.grid(
            [
                Column(_("Date"), 1.55),
                Column(_("Customer"), 1.5),
                Column(_("Touchpoint"), 1.7),
                Column(_("Channel"), 1.1),
                Column(_("Outcome"), 1.0),
                Column(_("Amount"), 1.0, "end"),
                Column(_("Note"), 2.4),
            ],
            [
                [
                    f.format_datetime(e.occurred_at),
                    e.customer_name,
                    names.get(e.touchpoint, e.touchpoint),
                    channel_label(e.channel),
                    outcome_label(e.resolution or e.outcome),
                    money(e.amount_cents) if e.amount_cents else "",
                    e.note,
                ]
                for e in model.appendix
            ],
            compact=True,
        )
    return doc.build(out, on_page)


def _attention(
    doc, column, title: str, total: int, heads: list[str], rows: list[list[str]]
) -> None:
    doc.text(f"{title} ({f.format_int(total)})", "h2")
    if not rows:
        doc.empty(_("None."))
        return
    doc.grid([column(heads[0], 1.6), column(heads[1], 2.6), column(heads[2], 1.2)], rows)
    if total > len(rows):
        doc.text(_("…and {n} more.").format(n=f.format_int(total - len(rows))), "small")
