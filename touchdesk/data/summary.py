"""Counts for a period: the month summary the CLI, the Today view and reports start from."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from touchdesk.catalog import CHANNEL_KEYS, OUTCOME_KEYS, STAGE_KEYS
from touchdesk.data.models import Customer, Event
from touchdesk.data.records import MonthSummary
from touchdesk.formatting import to_utc


def utc_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Local calendar days ``start``..``end`` (inclusive) as a half-open UTC interval."""
    lo = to_utc(dt.datetime.combine(start, dt.time()))
    hi = to_utc(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    return lo, hi


def _grouped(session: Session, column, lo: dt.datetime, hi: dt.datetime) -> dict[str, int]:
    rows = session.execute(
        select(column, func.count())
        .where(Event.occurred_at >= lo, Event.occurred_at < hi)
        .group_by(column)
    )
    return {key: n for key, n in rows}


def month_summary(session: Session, start: dt.date, end: dt.date) -> MonthSummary:
    lo, hi = utc_bounds(start, end)
    in_period = (Event.occurred_at >= lo, Event.occurred_at < hi)
    touchpoints, contacted, purchases, revenue = session.execute(
        select(
            func.count(),
            func.count(func.distinct(Event.customer_id)),
            func.count(Event.amount_cents).filter(Event.amount_cents > 0),
            func.coalesce(func.sum(Event.amount_cents), 0),
        ).where(*in_period)
    ).one()
    new_customers = session.execute(
        select(func.count())
        .select_from(Customer)
        .where(
            Customer.created_at >= lo, Customer.created_at < hi, Customer.merged_into_id.is_(None)
        )
    ).scalar_one()
    by_stage = _grouped(session, Event.stage, lo, hi)
    by_outcome = _grouped(session, Event.outcome, lo, hi)
    by_channel = _grouped(session, Event.channel, lo, hi)
    by_touchpoint = _grouped(session, Event.touchpoint, lo, hi)
    return MonthSummary(
        start=start,
        end=end,
        touchpoints=touchpoints,
        customers_contacted=contacted,
        new_customers=new_customers,
        purchases=purchases,
        revenue_cents=int(revenue or 0),
        by_stage={k: by_stage.get(k, 0) for k in STAGE_KEYS},
        by_outcome={k: by_outcome.get(k, 0) for k in OUTCOME_KEYS},
        by_channel={k: by_channel.get(k, 0) for k in CHANNEL_KEYS},
        by_touchpoint=dict(sorted(by_touchpoint.items(), key=lambda kv: -kv[1])),
    )
