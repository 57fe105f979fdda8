"""Volume: how many touchpoints, customers, purchases and how much revenue a period had, broken
down by stage, touchpoint, channel and outcome, with the change against the previous period."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.catalog import CHANNEL_KEYS, OUTCOME_KEYS, STAGE_KEYS, TOUCHPOINT_KEYS
from touchdesk.data.analytics.cube import Cell
from touchdesk.data.analytics.scope import CUSTOMERS, WINDOW, Scope, change


@dataclass(frozen=True, slots=True)
class VolumeTotals:
    """The headline counts of a period.

    - ``customers_contacted``: customers with at least one touchpoint in the period.
    - ``new_customers``: customers whose first touchpoint ever falls in the period (the first
      contact, not the day the record was typed in, so imported history counts right).
    - ``purchases``: touchpoints with an amount above zero; ``revenue_cents`` their sum.
    """

    touchpoints: int = 0
    customers_contacted: int = 0
    new_customers: int = 0
    purchases: int = 0
    revenue_cents: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Volume:
    """Totals, breakdowns (every stage, channel, outcome and built-in touchpoint present, zeros
    included) and the relative change of each total against ``previous`` (``None`` when the
    previous value is 0). ``customers_by_stage`` counts customers with a touchpoint of that stage
    in the period."""

    totals: VolumeTotals
    previous: VolumeTotals
    change: dict[str, float | None]
    by_stage: dict[str, int]
    by_touchpoint: dict[str, int]
    by_channel: dict[str, int]
    by_outcome: dict[str, int]
    customers_by_stage: dict[str, int]

    @property
    def touchpoints(self) -> int:
        return self.totals.touchpoints


@dataclass(frozen=True, slots=True)
class PeriodCustomers:
    """The period's customers: ``contacted`` (any touchpoint in it), ``new`` (nothing before it)
    and ``by_stage`` (with a touchpoint of each stage in it)."""

    contacted: int
    new: int
    by_stage: dict[str, int]


def period_customers(session: Session) -> PeriodCustomers:
    """The customer counts of the gathered period (see ``scope.period_rows``)."""
    contacted, new, *stages = session.execute(
        text(
            f"""SELECT count(*), count(*) FILTER (WHERE before IS NULL),
                {", ".join(f"count(first_{n})" for n in range(len(STAGE_KEYS)))}
            FROM {CUSTOMERS}"""
        )
    ).one()
    return PeriodCustomers(contacted, new, dict(zip(STAGE_KEYS, stages, strict=True)))


def previous_totals(session: Session, scope: Scope, previous_lo: dt.datetime) -> VolumeTotals:
    """Totals of the previous period ``[previous_lo, scope.lo)``, counted in ``td_window`` (see
    ``scope.window``, which reads ``events`` alone); a customer is new there with nothing before
    ``previous_lo``."""
    contacted, n, new, purchases, revenue = session.execute(
        text(
            f"""SELECT count(*), coalesce(sum(w.n), 0), count(*) FILTER (WHERE NOT EXISTS (
                    SELECT 1 FROM events p WHERE p.customer_id = w.customer_id
                        AND p.occurred_at < :plo)),
                coalesce(sum(w.purchases), 0), coalesce(sum(w.revenue), 0)
            FROM {WINDOW} w WHERE w.n > 0"""
        ),
        {"plo": scope.stamp(previous_lo)},
    ).one()
    return VolumeTotals(int(n), contacted, new, int(purchases), int(revenue))


def compute(
    cube: list[Cell],
    customers: PeriodCustomers,
    previous: VolumeTotals,
    *,
    compare: bool = True,
) -> Volume:
    """The period's volume from its cube and customer counts; ``previous`` is the compared
    period's totals."""
    current = VolumeTotals(
        touchpoints=sum(c.events for c in cube),
        customers_contacted=customers.contacted,
        new_customers=customers.new,
        purchases=sum(c.purchases for c in cube),
        revenue_cents=sum(c.revenue_cents for c in cube),
    )
    counts: dict[str, Counter[str]] = {
        "stage": Counter(),
        "touchpoint": Counter(),
        "channel": Counter(),
        "outcome": Counter(),
    }
    for c in cube:
        counts["stage"][c.stage] += c.events
        counts["touchpoint"][c.touchpoint] += c.events
        counts["channel"][c.channel] += c.events
        counts["outcome"][c.outcome] += c.events
    extra_touchpoints = sorted(set(counts["touchpoint"]) - set(TOUCHPOINT_KEYS))
    return Volume(
        totals=current,
        previous=previous,
        change={
            key: change(getattr(current, key), getattr(previous, key)) if compare else None
            for key in VolumeTotals.__dataclass_fields__
        },
        by_stage={k: counts["stage"][k] for k in STAGE_KEYS},
        by_touchpoint={k: counts["touchpoint"][k] for k in (*TOUCHPOINT_KEYS, *extra_touchpoints)},
        by_channel={k: counts["channel"][k] for k in CHANNEL_KEYS},
        by_outcome={k: counts["outcome"][k] for k in OUTCOME_KEYS},
        customers_by_stage=dict(customers.by_stage),
    )
