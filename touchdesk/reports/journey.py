"""A customer's journey summary: contact card, journey map with emotion curve, key facts, every
touchpoint with its note, and open follow-ups.

``build_model`` gathers the plain data (what ``--format json`` prints); ``render`` draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from touchdesk import formatting
from touchdesk.catalog import (
    OUTCOME_COLORS,
    OUTCOME_KEYS,
    channel_label,
    outcome_label,
    stage_label,
)
from touchdesk.data.records import EventRow
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import utc_now
from touchdesk.i18n import _


@dataclass(frozen=True, slots=True)
class JourneyEvent:
    id: int
    occurred_at: dt.datetime
    stage: str
    touchpoint: str
    touchpoint_name: str
    channel: str
    direction: str
    outcome: str
    resolution: str | None
    amount_cents: int | None
    note: str

    @property
    def shown_outcome(self) -> str:
        return self.resolution or self.outcome


@dataclass(frozen=True, slots=True)
class JourneyModel:
    """Everything the journey summary shows; times are naive UTC, amounts hundredths."""

    business: str
    made_at: dt.datetime
    currency: str
    customer: dict[str, Any]
    first_contact: dt.datetime | None
    last_contact: dt.datetime | None
    touchpoints: int
    purchases: int
    total_spent_cents: int
    outcome_mix: dict[str, int]
    events: list[JourneyEvent] = field(default_factory=list)
    open_followups: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The model as JSON-ready data (ISO times in UTC, amounts in hundredths)."""
        iso = _iso
        return {
            "report": "journey",
            "business": self.business,
            "made_at": iso(self.made_at),
            "currency": self.currency,
            "customer": {
                k: iso(v) if isinstance(v, dt.datetime) else v for k, v in self.customer.items()
            },
            "facts": {
                "first_contact": iso(self.first_contact),
                "last_contact": iso(self.last_contact),
                "touchpoints": self.touchpoints,
                "purchases": self.purchases,
                "total_spent": self.total_spent_cents,
                "outcome_mix": dict(self.outcome_mix),
            },
            "touchpoints": [
                {**asdict(e), "occurred_at": iso(e.occurred_at), "shown_outcome": e.shown_outcome}
                for e in self.events
            ],
            "open_followups": [{**f, "due_at": iso(f["due_at"])} for f in self.open_followups],
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value else None


def build_model(
    ws: Workspace, customer_id: int, *, made_at: dt.datetime | None = None
) -> JourneyModel:
    """Read one customer's card, timeline and open follow-ups from the workspace."""
    c = ws.customer(customer_id)
    rows: list[EventRow] = list(reversed(ws.timeline(customer_id)))
    mix = {k: 0 for k in OUTCOME_KEYS}
    for r in rows:
        mix[r.shown_outcome] += 1
    purchases = [r.amount_cents for r in rows if r.amount_cents]
    events = [
        JourneyEvent(
            r.id,
            r.occurred_at,
            r.stage,
            r.touchpoint,
            ws.touchpoint_label(r.touchpoint),
            r.channel,
            r.direction,
            r.outcome,
            r.resolution,
            r.amount_cents,
            r.note,
        )
        for r in rows
    ]
    follow = [
        {"id": f.id, "title": f.title, "due_at": f.due_at, "origin": f.origin}
        for f in ws.open_followups(customer_id)
    ]
    return JourneyModel(
        business=ws.setting("business_name") or "",
        made_at=made_at or utc_now(),
        currency=formatting.options().currency,
        customer={
            "id": c.id,
            "name": c.name,
            "company": c.company,
            "phones": list(c.phones),
            "emails": list(c.emails),
            "city": c.city,
            "source": c.source,
            "tags": list(c.tags),
            "notes": c.notes,
            "created_at": c.created_at,
        },
        first_contact=rows[0].occurred_at if rows else None,
        last_contact=rows[-1].occurred_at if rows else None,
        touchpoints=len(rows),
        purchases=len(purchases),
        total_spent_cents=sum(purchases),
        outcome_mix=mix,
        events=events,
        open_followups=follow,
    )


def render(
    model: JourneyModel,
    out: str | IO[bytes] | None = None,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """Draw the journey summary PDF of ``model`` in the current language."""
    from touchdesk.reports import charts
    from touchdesk.reports.base import ReportDocument
    from touchdesk.reports.flow import Column

    f = formatting
    c = model.customer
    doc = ReportDocument(
        title=_("Customer journey summary"), business=model.business, made_at=model.made_at
    )
    doc.text(c["name"], "title")
    card = [
        (_("Company"), c["company"]),
        (_("City"), c["city"]),
        (
            _("Phone"),
            doc.comma.join(f.isolate(p) for p in c["phones"]),
        ),
        (_("E-mail"), doc.comma.join(f.isolate(e) for e in c["emails"])),
        (_("Source"), c["source"]),
        (_("Tags"), doc.comma.join(c["tags"])),
        (_("Customer since"), f.format_date(f.to_local(c["created_at"]))),
        (_("Customer number"), f.digits(str(c["id"]))),
    ]
    doc.facts([(k, v) for k, v in card if v])
    if c["notes"]:
        doc.text(c["notes"], "small")

    doc.heading(_("Journey map"))
    points = [(e.occurred_at, e.stage, e.outcome, e.resolution) for e in model.events]
    if points:
        doc.drawing(charts.journey_map(doc.ink, doc.width, points))
        doc.drawing(
            charts.legend(
                doc.ink, doc.width, [(outcome_label(k), OUTCOME_COLORS[k]) for k in OUTCOME_KEYS]
            )
        )
        doc.text(
            _(
                "Higher in a lane is a better moment for the customer: positive +1, neutral 0, open decision 0, decision resolved ±0.5, negative −1."
            ),
            "small",
        )
    else:
        doc.empty(_("No touchpoints logged yet."))

    doc.heading(_("Key facts"))
    mix = doc.comma.join(
        f"{outcome_label(k)} {f.format_int(n)}" for k, n in model.outcome_mix.items()
    )
    doc.facts(
        [
            (_("First contact"), f.format_datetime(model.first_contact)),
            (_("Last contact"), f.format_datetime(model.last_contact)),
            (_("Touchpoints"), f.format_int(model.touchpoints)),
            (_("Purchases"), f.format_int(model.purchases)),
            (_("Total spent"), f.format_money(model.total_spent_cents)),
            (_("Outcomes"), mix),
        ]
    )

    doc.heading(_("Touchpoints"))
    if model.events:
        cols = [
            Column(_("Date"), 1.3),
            Column(_("Stage"), 1.1),
            Column(_("Touchpoint"), 1.5),
            Column(_("Channel"), 1.2),
            Column(_("Outcome"), 1.0),
            Column(_("Amount"), 1.0, "end"),
            Column(_("Note"), 3.0),
        ]
        rows = [
            [
                f.format_datetime(e.occurred_at),
                stage_label(e.stage),
                e.touchpoint_name,
                channel_label(e.channel),
                _outcome_text(e),
                f.format_money(e.amount_cents) if e.amount_cents else "",
                e.note,
            ]
            for e in model.events
        ]
        doc.grid(cols, rows)
    else:
        doc.empty(_("No touchpoints logged yet."))

    doc.heading(_("Open follow-ups"))
    if model.open_followups:
        doc.grid(
            [Column(_("Due"), 1.2), Column(_("Follow-up"), 4.0)],
            [[f.format_datetime(x["due_at"]), x["title"]] for x in model.open_followups],
        )
    else:
        doc.empty(_("No open follow-ups."))
    return doc.build(out, on_page)


def _outcome_text(e: JourneyEvent) -> str:
    if e.outcome == "decision" and e.resolution:
        return _("Decision: {outcome}").format(outcome=outcome_label(e.resolution))
    return outcome_label(e.outcome)
