"""The period's touchpoints counted once by touchpoint × channel × stage × outcome.

Volume, friction and decision counts are all sums over these few hundred cells, so the period is
aggregated by the database once and everything else is arithmetic in Python. The cube is counted
straight from ``events`` (not from the gathered period rows) so that it can run on the second
connection of ``twin`` while the first gathers the period.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.data.analytics.scope import Scope


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


def load_cube(session: Session, scope: Scope) -> list[Cell]:
    """The cells of the scope's touchpoints."""
    # Channel first: grouped by touchpoint first, SQLite walks the (touchpoint, time) index and
    # visits the month's rows out of order, twice as slow as in time order.
    rows = session.execute(
        text(
            f"""SELECT channel, touchpoint, stage, outcome, count(*),
                count(*) FILTER (WHERE outcome = 'decision' AND resolution IS NULL),
                count(*) FILTER (WHERE outcome = 'decision' AND resolution = 'positive'),
                count(*) FILTER (WHERE outcome = 'decision' AND resolution = 'negative'),
                count(*) FILTER (WHERE amount_cents > 0),
                coalesce(sum(amount_cents) FILTER (WHERE amount_cents > 0), 0)
            FROM events e WHERE {scope.where("e")} GROUP BY 1, 2, 3, 4"""
        ),
        scope.params,
    )
    return [
        Cell(tp, ch, st, out, n, od, rp, rn, pu, int(rev))
        for ch, tp, st, out, n, od, rp, rn, pu, rev in rows
    ]
