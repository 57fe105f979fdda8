"""What the journey map and the dashboard read beyond ``analytics``: a period's outcome mix per
touchpoint (by *shown* outcome, so resolved decisions count as how they went) and the touchpoints
behind one friction point, for the click-through.

Both honour the same scope as the analytics — the period's UTC bounds, an optional tag, and never
the customers deleted by the user — so a friction rank and the events listed under it agree.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from touchdesk.data.analytics.periods import Period
from touchdesk.data.analytics.scope import Scope
from touchdesk.data.events import row_columns
from touchdesk.data.models import Customer, Event
from touchdesk.data.records import EventRow
from touchdesk.journeymap_layout import TouchpointMix


def outcome_mix(session: Session, period: Period, tag: str | None = None) -> list[TouchpointMix]:
    """Touchpoint × stage of the period, counted by shown outcome (``decision`` = still open)."""
    scope = Scope.make(session, *period.utc_bounds(), tag)
    rows = session.execute(
        text(
            f"""SELECT e.touchpoint, e.stage,
                CASE WHEN e.outcome = 'decision' AND e.resolution IN ('positive', 'negative')
                    THEN e.resolution ELSE e.outcome END,
                count(*), sum(CASE WHEN e.outcome = 'decision' THEN 1 ELSE 0 END)
            FROM events e WHERE {scope.where("e")} GROUP BY 1, 2, 3"""
        ),
        scope.params,
    ).all()
    mixes: dict[tuple[str, str], dict[str, int]] = {}
    decisions: dict[tuple[str, str], int] = {}
    for touchpoint, stage, shown, n, decided in rows:
        mixes.setdefault((touchpoint, stage), {})[shown] = n
        decisions[(touchpoint, stage)] = decisions.get((touchpoint, stage), 0) + int(decided)
    return [
        TouchpointMix(tp, stage, mix, decisions[(tp, stage)])
        for (tp, stage), mix in sorted(mixes.items())
    ]


def touchpoint_events(
    session: Session,
    period: Period,
    touchpoint: str,
    channel: str | None = None,
    tag: str | None = None,
    *,
    limit: int = 1000,
) -> list[EventRow]:
    """The period's touchpoints of one kind (on one channel, when given), newest first."""
    scope = Scope.make(session, *period.utc_bounds(), tag)
    stmt = (
        select(*row_columns())
        .join(Customer, Customer.id == Event.customer_id)
        .where(text(scope.where("events")).bindparams(**scope.params))
        .where(Event.touchpoint == touchpoint)
        .order_by(Event.occurred_at.desc(), Event.id.desc())
        .limit(limit)
    )
    if channel is not None:
        stmt = stmt.where(Event.channel == channel)
    return [EventRow(*r) for r in session.execute(stmt)]
