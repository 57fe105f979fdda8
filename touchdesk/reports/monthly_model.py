"""The data of the monthly touchpoint report, read from ``Workspace.analytics`` and a few report
queries. ``MonthlyModel.to_json`` is exactly what ``touchdesk report monthly --format json``
prints and what the PDF shows (schema in ``docs/report-json.md``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from touchdesk import formatting
from touchdesk.catalog import OUTCOME_KEYS, STAGE_KEYS
from touchdesk.data.records import EventRow
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month, iso_date, utc_now

PAGE = 2000
# Customers needing attention: the first this many of each list are printed (counts are whole).
ATTENTION_LIMIT = 50


@dataclass(frozen=True, slots=True)
class MonthlyModel:
    business: str
    made_at: dt.datetime
    currency: str
    month: Month
    core: dict[
        str, Any
    ]  # analytics.report_data(): period, totals, by_outcome/stage/channel, friction
    previous: dict[str, int]
    change: dict[str, float | None]
    by_touchpoint: dict[str, int]
    touchpoint_stage: dict[str, str]
    touchpoint_names: dict[str, str]
    touchpoint_mix: dict[str, dict[str, int]]
    touchpoint_rank: dict[str, int]
    median_first_reply_minutes: float | None
    replies: dict[str, dict[str, Any]]
    followups: dict[str, int]
    decisions: dict[str, Any]
    funnel: dict[str, Any]
    attention: dict[str, list[dict[str, Any]]]
    attention_counts: dict[str, int]
    plan: dict[str, Any] | None
    appendix: list[EventRow] | None = field(default=None)

    @property
    def totals(self) -> dict[str, int]:
        return self.core["totals"]

    def outcome_shares(self) -> dict[str, float | None]:
        n = self.totals["touchpoints"]
        return {k: (self.core["by_outcome"].get(k, 0) / n if n else None) for k in OUTCOME_KEYS}

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: stable keys, ISO dates, amounts in hundredths of the currency unit."""
        data: dict[str, Any] = {"report": "monthly", "business": self.business}
        data["made_at"] = self.made_at.isoformat(timespec="minutes")
        data["currency"] = self.currency
        data["calendar"] = self.month.calendar
        data["month"] = self.month.key
        data.update(self.core)
        data["period"] = {
            **self.core["period"],
            "calendar": self.month.calendar,
            "month": self.month.key,
        }
        data["previous_totals"] = dict(self.previous)
        data["change"] = dict(self.change)
        data["outcome_shares"] = self.outcome_shares()
        data["by_touchpoint"] = dict(self.by_touchpoint)
        data["journey_map"] = [
            {
                "stage": self.touchpoint_stage[tp],
                "touchpoint": tp,
                "events": sum(self.touchpoint_mix.get(tp, {}).values()),
                "by_outcome": {k: self.touchpoint_mix.get(tp, {}).get(k, 0) for k in OUTCOME_KEYS},
                "friction_rank": self.touchpoint_rank.get(tp),
            }
            for tp in self.map_order()
        ]
        data["median_first_reply_minutes"] = self.median_first_reply_minutes
        data["replies"] = self.replies
        data["followups"] = dict(self.followups)
        data["decisions"] = self.decisions
        data["funnel"] = self.funnel
        data["attention"] = self.attention
        data["attention_counts"] = dict(self.attention_counts)
        data["plan"] = self.plan
        if self.appendix is not None:
            data["appendix"] = [
                {
                    "id": e.id,
                    "occurred_at": e.occurred_at.isoformat(timespec="minutes"),
                    "customer_id": e.customer_id,
                    "customer": e.customer_name,
                    "stage": e.stage,
                    "touchpoint": e.touchpoint,
                    "channel": e.channel,
                    "outcome": e.outcome,
                    "resolution": e.resolution,
                    "amount": e.amount_cents,
                    "note": e.note,
                }
                for e in self.appendix
            ]
        return data

    def map_order(self) -> list[str]:
        """Touchpoints with touchpoints this month, by stage then by volume."""
        present = [tp for tp, n in self.by_touchpoint.items() if n]
        return sorted(
            present,
            key=lambda tp: (
                STAGE_KEYS.index(self.touchpoint_stage[tp]),
                -self.by_touchpoint[tp],
                tp,
            ),
        )


def _events(
    ws: Workspace, month: Month, progress: Callable[[int], None] | None
) -> Iterator[EventRow]:
    after: tuple[dt.datetime, int] | None = None
    while True:
        page = ws.events_in_period(month.start, month.end, after=after, limit=PAGE)
        yield from page
        if progress:
            progress(len(page))
        if len(page) < PAGE:
            return
        after = (page[-1].occurred_at, page[-1].id)


def _renamed(values: dict[str, Any]) -> dict[str, Any]:
    """Totals keyed as in ``totals`` (``revenue``, in hundredths)."""
    return {("revenue" if k == "revenue_cents" else k): v for k, v in values.items()}


def build_model(
    ws: Workspace,
    month: Month,
    *,
    appendix: bool = False,
    made_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> MonthlyModel:
    """Gather the month's figures (and, with ``appendix``, every touchpoint of the month)."""
    a = ws.analytics(month, now=now)
    v = a.volume
    types = {t.key: t for t in ws.touchpoint_types(include_inactive=True)}
    ranked = {i.touchpoint: i.rank for i in a.friction.ranked_touchpoints if i.rank is not None}
    due, done, on_time = ws.followups_on_time(month.start, month.end)
    today = ws.today(now)
    r = a.responsiveness
    d = a.decisions
    f = a.flow
    plan = None
    active = ws.active_plan()
    if active is not None:
        p = ws.plan_progress(active.id, month)
        plan = {
            "id": active.id,
            "name": active.row.name,
            "tasks_done": p.tasks_done,
            "tasks_due": p.tasks_due,
            "tasks_overdue": p.tasks_overdue,
            "planned_vs_actual": [
                {"touchpoint": x.touchpoint, "version": x.version, "logged": x.logged}
                for x in p.planned_vs_actual
            ],
        }
    return MonthlyModel(
        business=ws.setting("business_name") or "",
        made_at=made_at or utc_now(),
        currency=formatting.options().currency,
        month=month,
        core=a.report_data(friction_limit=10),
        previous=_renamed(v.previous.to_dict()),
        change=_renamed(dict(v.change)),
        by_touchpoint={k: n for k, n in v.by_touchpoint.items() if n},
        touchpoint_stage={k: t.stage for k, t in types.items()},
        touchpoint_names={k: ws.touchpoint_label(k) for k in types},
        touchpoint_mix=ws.touchpoint_outcomes(month.start, month.end),
        touchpoint_rank=ranked,
        median_first_reply_minutes=r.overall.median_minutes,
        replies={
            ch: {
                "requests": s.requests,
                "answered": s.answered,
                "on_time": s.on_time,
                "median_minutes": s.median_minutes,
            }
            for ch, s in {"all": r.overall, **r.by_channel}.items()
        },
        followups={"due": due, "done": done, "on_time": on_time},
        decisions={
            "total": d.total,
            "positive": d.positive,
            "negative": d.negative,
            "open": d.open,
            "median_days_to_resolve": d.median_days_to_resolve,
        },
        funnel={
            "cohort": f.cohort,
            "reached": dict(f.reached),
            "purchasers": f.purchasers,
            "dropped": dict(f.dropped),
            "silence_days": f.silence_days,
        },
        attention={
            "overdue_followups": [
                {
                    "customer_id": x.customer_id,
                    "customer": x.customer_name,
                    "title": x.title,
                    "due_at": x.due_at.isoformat(timespec="minutes"),
                }
                for x in today.overdue[:ATTENTION_LIMIT]
            ],
            "open_decisions": [
                {
                    "customer_id": x.customer_id,
                    "customer": x.customer_name,
                    "touchpoint": x.touchpoint,
                    "occurred_at": x.occurred_at.isoformat(timespec="minutes"),
                }
                for x in today.pending_decisions[:ATTENTION_LIMIT]
            ],
            "losing_touch": [
                {
                    "customer_id": x.customer_id,
                    "customer": x.customer_name,
                    "last_contact": iso_date(x.last_event_at),
                    "days_silent": x.days_silent,
                }
                for x in today.losing_touch[:ATTENTION_LIMIT]
            ],
        },
        attention_counts={
            "overdue_followups": len(today.overdue),
            "open_decisions": len(today.pending_decisions),
            "losing_touch": len(today.losing_touch),
        },
        plan=plan,
        appendix=list(_events(ws, month, progress)) if appendix else None,
    )
