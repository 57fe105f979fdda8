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
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

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
            f"""SELECT first, first_purchase,
                {", ".join(f"first_{n}" for n in range(len(STAGE_KEYS)))}
            FROM {CUSTOMERS} WHERE before IS NULL"""
        )
    ).all()
    reached = dict.fromkeys(STAGE_KEYS, 0)
    gaps: dict[tuple[str, str], list[float]] = {pair: [] for pair in pairwise(STAGE_KEYS)}
    to_purchase = []
    for first, bought, *stage_firsts in rows:
        first_in = {
            stage: as_datetime(when)
            for stage, when in zip(STAGE_KEYS, stage_firsts, strict=True)
            if when is not None
        }
        for stage in first_in:
            reached[stage] += 1
        if bought is not None:
            to_purchase.append(_days(as_datetime(bought), as_datetime(first)))
        for (a, b), found in gaps.items():
            if a in first_in and b in first_in and first_in[b] >= first_in[a]:
                found.append(_days(first_in[b], first_in[a]))
    steps = [StageStep(a, b, len(found), median(found)) for (a, b), found in gaps.items()]
    return len(rows), reached, len(to_purchase), median(to_purchase), steps


def _quiet(scope: Scope, silence_days: int, now: dt.datetime) -> tuple[dt.datetime, dict[str, Any]]:
    """The end of the drop-off count (``now`` while the period runs) and the bounds of the quiet
    customers' last touchpoints: ``[from_, to_)``."""
    until = min(scope.hi, now)
    silence = dt.timedelta(days=silence_days)
    return until, {
        "from_": scope.stamp(scope.lo - silence),
        "to_": scope.stamp(until - silence),
        "until": scope.stamp(until),
    }


def quiet_before(
    session: Session, scope: Scope, *, silence_days: int, now: dt.datetime
) -> Counter[str]:
    """Drop-offs of customers whose last touchpoint before the end of the count lies before the
    period (so they have none in it), by stage: from ``td_window`` (see ``scope.window``), which
    reaches back far enough; reads nothing of the period rows (see ``twin``)."""
    until, params = _quiet(scope, silence_days, now)
    if until <= scope.lo:
        return Counter()
    return _stages(
        session,
        f"""SELECT w.customer_id, w.last FROM {WINDOW} w
        WHERE w.last >= :from_ AND w.last < :to_ AND NOT EXISTS (SELECT 1 FROM events e
            WHERE e.customer_id = w.customer_id AND e.occurred_at >= :lo
                AND e.occurred_at < :until)""",
        "events",
        {**params, "lo": scope.params["lo"]},
    )


def _quiet_inside(
    session: Session, scope: Scope, silence_days: int, now: dt.datetime
) -> Counter[str]:
    """Drop-offs of customers whose last touchpoint before the end of the count is a period row:
    only a period longer than the silence can have them."""
    until, params = _quiet(scope, silence_days, now)
    if until - dt.timedelta(days=silence_days) <= scope.lo:
        return Counter()
    return _stages(
        session,
        f"""SELECT c.customer_id, c.last FROM {CUSTOMERS} c WHERE c.last < :to_"""
        if until == scope.hi
        else f"""SELECT r.customer_id, max(r.occurred_at) AS last FROM {ROWS} r
        WHERE r.occurred_at < :until GROUP BY r.customer_id HAVING max(r.occurred_at) < :to_""",
        ROWS,
        params,
    )


def _stages(session: Session, quiet: str, table: str, params: dict[str, Any]) -> Counter[str]:
    """How many of the ``quiet`` customers (``customer_id``, ``last``) went quiet in each stage: of
    their touchpoints at that last moment (all in ``table``), the stage of the first logged (the
    lowest id)."""
    rows = session.execute(
        text(
            f"""SELECT (SELECT e.stage FROM {table} e
                    WHERE e.customer_id = q.customer_id AND e.occurred_at = q.last
                    ORDER BY e.id LIMIT 1) AS stage, count(*)
            FROM ({quiet}) q GROUP BY 1"""
        ),
        params,
    ).all()
    return Counter(dict(rows))


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


def check(silence_days: int) -> None:
    """Refuse a silence shorter than a day."""
    if silence_days < 1:
        raise ValueError(_("{name} must be at least 1").format(name="silence_days"))


def compute(
    session: Session,
    scope: Scope,
    *,
    silence_days: int = DEFAULT_SILENCE_DAYS,
    now: dt.datetime,
) -> Flow:
    """The journey flow of the gathered period rows; ``now`` (naive UTC) bounds the drop-off of a
    period that has not ended yet. Of the drop-offs, only customers whose last touchpoint is in the
    period are counted: ``with_quiet`` adds those of ``quiet_before``."""
    check(silence_days)
    cohort, reached, purchasers, to_purchase, steps = _cohort(session)
    buyers, repeat = _repeat(session, scope)
    inside = _quiet_inside(session, scope, silence_days, now)
    return Flow(
        cohort=cohort,
        reached=reached,
        purchasers=purchasers,
        median_days_to_first_purchase=to_purchase,
        steps=tuple(steps),
        silence_days=silence_days,
        dropped={s: inside[s] for s in STAGE_KEYS},
        buyers=buyers,
        repeat_buyers=repeat,
    )


def with_quiet(flow: Flow, quiet: Counter[str]) -> Flow:
    """``flow`` with the drop-offs of ``quiet_before`` (of the same arguments) added."""
    return replace(flow, dropped={s: n + quiet[s] for s, n in flow.dropped.items()})
