"""Journey flow: how far new customers get through the stages, how fast, where customers go quiet,
and how many buyers come back.

Populations, precisely:
- *The cohort* is the period's new customers (first touchpoint ever inside the period). For them the
  period's touchpoints are their whole history up to the period's end, which keeps the flow exact
  and cheap on a million touchpoints. ``reached`` counts cohort customers with a touchpoint of each
  stage by the end of the period; conversion is cohort customers with a purchase (an amount above
  zero) by then.
- *Stage steps*: for consecutive stages A → B, cohort customers who reached both and whose first
  B touchpoint is not earlier than their first A touchpoint; the median of the days between the two.
- *Drop-off*: customers who reached ``silence_days`` without any touchpoint during the period, i.e.
  whose last touchpoint before the end of the period (or before ``now`` while the period runs) lies
  in ``[start − N days, end − N days)``, counted by the stage of that last touchpoint — the stage
  where they went quiet.
- *Repeat purchases*: customers who bought in the period; ``repeat_buyers`` among them have at least
  two purchases in their history up to the period's end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.catalog import STAGE_KEYS
from touchdesk.data.analytics.scope import CUSTOMERS, ROWS, WINDOW, Scope, median, share
from touchdesk.data.analytics.sqlfuncs import as_datetime
from touchdesk.i18n import _

DEFAULT_SILENCE_DAYS = 30


@dataclass(frozen=True, slots=True)
class StageStep:
    """Cohort customers who moved from one stage to the next, and the median days it took."""

    from_stage: str
    to_stage: str
    customers: int
    median_days: float | None


@dataclass(frozen=True, slots=True)
class Flow:
    """The journey flow of a period (see the module docstring for each population)."""

    cohort: int
    reached: dict[str, int]
    purchasers: int
    median_days_to_first_purchase: float | None
    steps: tuple[StageStep, ...]
    silence_days: int
    dropped: dict[str, int]
    buyers: int
    repeat_buyers: int

    @property
    def conversion_rate(self) -> float | None:
        """Cohort customers who made a first purchase by the end of the period."""
        return share(self.purchasers, self.cohort)

    @property
    def repeat_rate(self) -> float | None:
        return share(self.repeat_buyers, self.buyers)

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())


def _days(later: dt.datetime, earlier: dt.datetime) -> float:
    return (later - earlier).total_seconds() / 86400


def _cohort(session: Session) -> tuple[int, dict[str, int], int, float | None, list[StageStep]]:
    rows = session.execute(
        text(
            f"""SELECT r.customer_id, r.stage, min(r.occurred_at),
                min(CASE WHEN r.amount_cents > 0 THEN r.occurred_at END)
            FROM {ROWS} r
            WHERE r.customer_id IN (SELECT customer_id FROM {CUSTOMERS} WHERE before IS NULL)
            GROUP BY 1, 2"""
        )
    ).all()
    first_in: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    first_purchase: dict[int, dt.datetime] = {}
    for cid, stage, first, bought in rows:
        first_in[cid][stage] = as_datetime(first)
        if bought is not None:
            when = as_datetime(bought)
            first_purchase[cid] = min(when, first_purchase.get(cid, when))
    reached = {s: sum(1 for stages in first_in.values() if s in stages) for s in STAGE_KEYS}
    to_purchase = [_days(when, min(first_in[cid].values())) for cid, when in first_purchase.items()]
    steps = []
    for a, b in pairwise(STAGE_KEYS):
        gaps = [
            _days(stages[b], stages[a])
            for stages in first_in.values()
            if a in stages and b in stages and stages[b] >= stages[a]
        ]
        steps.append(StageStep(a, b, len(gaps), median(gaps)))
    return len(first_in), reached, len(first_purchase), median(to_purchase), steps


def _dropped(session: Session, scope: Scope, silence_days: int, now: dt.datetime) -> dict[str, int]:
    until = min(scope.hi, now)
    if until <= scope.lo:
        return dict.fromkeys(STAGE_KEYS, 0)
    silence = dt.timedelta(days=silence_days)
    # The last touchpoint before ``until`` is the customer's last period row before it, or, with
    # none, their last one before the period (``td_window.last``, which reaches back far enough).
    quiet = [
        f"""SELECT w.customer_id, w.last FROM {WINDOW} w
        WHERE w.last >= :from_ AND w.last < :to_ AND NOT EXISTS (SELECT 1 FROM {CUSTOMERS} c
            WHERE c.customer_id = w.customer_id AND c.first < :until)"""
    ]
    if until - silence > scope.lo:  # a period longer than the silence: it can start inside it
        quiet.append(
            f"""SELECT c.customer_id, c.last FROM {CUSTOMERS} c WHERE c.last < :to_"""
            if until == scope.hi
            else f"""SELECT r.customer_id, max(r.occurred_at) AS last FROM {ROWS} r
            WHERE r.occurred_at < :until GROUP BY r.customer_id HAVING max(r.occurred_at) < :to_"""
        )
    # Of touchpoints at that same last moment, the stage of the first logged (the lowest id).
    rows = session.execute(
        text(
            f"""SELECT (SELECT e.stage FROM events e
                    WHERE e.customer_id = q.customer_id AND e.occurred_at = q.last
                    ORDER BY e.id LIMIT 1) AS stage, count(*)
            FROM ({" UNION ALL ".join(quiet)}) q GROUP BY 1"""
        ),
        {
            "from_": scope.stamp(scope.lo - silence),
            "to_": scope.stamp(until - silence),
            "until": scope.stamp(until),
        },
    ).all()
    counts: dict[str, int] = dict(rows)
    return {s: counts.get(s, 0) for s in STAGE_KEYS}


def _repeat(session: Session, scope: Scope) -> tuple[int, int]:
    buyers, repeat = session.execute(
        text(
            # A buyer's period rows are all their touchpoints in the period, so two purchases
            # there settle it; a buyer with one looks for an earlier one in ``events``.
            f"""SELECT count(*), count(*) FILTER (WHERE c.purchases >= 2 OR EXISTS (
                    SELECT 1 FROM events b WHERE b.customer_id = c.customer_id
                        AND b.occurred_at < :lo AND b.amount_cents > 0))
            FROM {CUSTOMERS} c WHERE c.purchases > 0"""
        ),
        {"lo": scope.params["lo"]},
    ).one()
    return buyers, repeat


def compute(
    session: Session,
    scope: Scope,
    *,
    silence_days: int = DEFAULT_SILENCE_DAYS,
    now: dt.datetime,
) -> Flow:
    """The journey flow of the gathered period rows; ``now`` (naive UTC) bounds the drop-off of a
    period that has not ended yet."""
    if silence_days < 1:
        raise ValueError(_("{name} must be at least 1").format(name="silence_days"))
    cohort, reached, purchasers, to_purchase, steps = _cohort(session)
    buyers, repeat = _repeat(session, scope)
    return Flow(
        cohort=cohort,
        reached=reached,
        purchasers=purchasers,
        median_days_to_first_purchase=to_purchase,
        steps=tuple(steps),
        silence_days=silence_days,
        dropped=_dropped(session, scope, silence_days, now),
        buyers=buyers,
        repeat_buyers=repeat,
    )
