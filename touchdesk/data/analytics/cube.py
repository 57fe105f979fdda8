"""The period's touchpoints counted once by touchpoint × channel × stage × outcome.

Volume, friction and decision counts are all sums over these few hundred cells, so the period is
aggregated by the database once and everything else is arithmetic in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.data.analytics.scope import Scope, period_source


@dataclass(frozen=True, slots=True)
class Cell:
    """Touchpoints of one touchpoint, channel, stage and outcome in the period.

    Decision counts are as the decision points stand now: ``open_decisions`` are not resolved yet.
    ``purchases`` are touchpoints with an amount above zero and ``revenue_cents`` their sum.
    """

    touchpoint: str
    channel: str
    stage: str
    outcome: str
    events: int
    open_decisions: int
    resolved_positive: int
    resolved_negative: int
    purchases: int
    revenue_cents: int


def load_cube(session: Session, scope: Scope | None = None) -> list[Cell]:
    """The cells of the gathered period rows, or of ``scope`` read from ``events`` (see
    ``scope.period_source``)."""
    source, params = period_source(scope, "e")
    # Channel first: grouped by touchpoint first, SQLite walks the (touchpoint, time) index of
    # ``events`` and visits the month's rows out of order, twice as slow as in time order.
    rows = session.execute(
        text(
            f"""SELECT channel, touchpoint, stage, outcome, count(*),
                count(*) FILTER (WHERE outcome = 'decision' AND resolution IS NULL),
                count(*) FILTER (WHERE outcome = 'decision' AND resolution = 'positive'),
                count(*) FILTER (WHERE outcome = 'decision' AND resolution = 'negative'),
                count(*) FILTER (WHERE amount_cents > 0),
                coalesce(sum(amount_cents) FILTER (WHERE amount_cents > 0), 0)
            FROM {source} GROUP BY 1, 2, 3, 4"""
        ),
        params,
    )
    return [
        Cell(tp, ch, st, out, n, od, rp, rn, pu, int(rev))
        for ch, tp, st, out, n, od, rp, rn, pu, rev in rows
    ]
