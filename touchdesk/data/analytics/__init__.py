"""Touchpoint analytics: turn the log into answers — volume, friction, decisions, responsiveness,
journey flow and purchase patterns — for any period (a Gregorian or Jalali month, or any run of
local days) and optionally one tag's customers.

Qt-free and read-only, on SQLite and PostgreSQL alike (the few engine-specific expressions are in
``sqlfuncs``). Everything is aggregated by the database over the indexed ``events`` table, in two
halves: the period's rows and customers are gathered once into temporary tables
(``scope.period_rows``) that the per-customer figures read (journey flow, patterns, customer
counts), while the cube, decisions, replies and the stretch before the period (``scope.window``)
read ``events`` alone. On an SQLite file the second half runs on a second connection pinned to the
same snapshot, in a worker thread (``twin``), so a month of a million-touchpoint database answers
in about half a second on two cores (see ``bench/bench_analytics.py``).
Counts of decision points and replies are as they stand *now* (a decision logged in the period and
resolved later counts as resolved). The UI, CLI and reports call ``Workspace.analytics``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from touchdesk.data.analytics import (
    decisions,
    flow,
    friction,
    patterns,
    responsiveness,
    twin,
    volume,
)
from touchdesk.data.analytics.cube import Cell, load_cube
from touchdesk.data.analytics.decisions import Decisions, Preceding
from touchdesk.data.analytics.flow import Flow, StageStep
from touchdesk.data.analytics.friction import Friction, FrictionItem
from touchdesk.data.analytics.patterns import PatternCell, Patterns
from touchdesk.data.analytics.periods import Period
from touchdesk.data.analytics.responsiveness import ReplyStats, Responsiveness
from touchdesk.data.analytics.scope import Scope, period_rows, tuned, window
from touchdesk.data.analytics.volume import Volume, VolumeTotals
from touchdesk.formatting import Month, iso_date, utc_now

__all__ = [
    "Analytics",
    "Decisions",
    "Flow",
    "Friction",
    "FrictionItem",
    "PatternCell",
    "Patterns",
    "Period",
    "Preceding",
    "ReplyStats",
    "Responsiveness",
    "StageStep",
    "Volume",
    "VolumeTotals",
    "compute",
]


@dataclass(frozen=True, slots=True)
class Analytics:
    """Everything the dashboard, the CLI and the monthly report show about one period."""

    period: Period
    tag: str | None
    volume: Volume
    friction: Friction
    decisions: Decisions
    responsiveness: Responsiveness
    flow: Flow
    patterns: Patterns

    def report_data(self, friction_limit: int = 10) -> dict[str, Any]:
        """The core of the monthly report's JSON: ``period``, ``totals`` (revenue in hundredths),
        ``by_outcome``, ``by_stage``, ``by_channel`` and the ranked ``friction`` points."""
        v = self.volume
        return {
            "period": {"start": iso_date(self.period.start), "end": iso_date(self.period.end)},
            "totals": {
                "touchpoints": v.totals.touchpoints,
                "customers_contacted": v.totals.customers_contacted,
                "new_customers": v.totals.new_customers,
                "purchases": v.totals.purchases,
                "revenue": v.totals.revenue_cents,
            },
            "by_outcome": dict(v.by_outcome),
            "by_stage": dict(v.by_stage),
            "by_channel": dict(v.by_channel),
            "friction": self.friction.to_list(friction_limit),
        }


def compute(
    session: Session,
    period: Period | Month | tuple[dt.date, dt.date],
    tag: str | None = None,
    *,
    min_sample: int = friction.DEFAULT_MIN_SAMPLE,
    silence_days: int = flow.DEFAULT_SILENCE_DAYS,
    sequence_gap_days: int = patterns.DEFAULT_GAP_DAYS,
    pattern_min_sample: int = patterns.DEFAULT_MIN_SAMPLE,
    compare: bool = True,
    now: dt.datetime | None = None,
    parallel: bool = True,
) -> Analytics:
    """All analytics of ``period`` (and of ``tag``'s customers only, when given; the tag is matched
    without regard to case, an unknown tag gives zeros).

    ``min_sample``: fewest touchpoints a friction item needs to be ranked. ``silence_days``: the
    silence that counts as a drop-off. ``sequence_gap_days``/``pattern_min_sample``: see
    ``patterns``. ``compare``: also count the previous period for the month-over-month change.
    ``now`` (naive UTC, default the clock) bounds the drop-off of a period still running.
    ``parallel``: on an SQLite file and without a tag, run the half that reads ``events`` alone on
    a second connection at the same time (see ``twin``); the figures are the same either way.
    """
    the_period = Period.of(period)
    friction.check(min_sample)
    flow.check(silence_days)
    patterns.check(sequence_gap_days, pattern_min_sample)
    when = now or utc_now()
    lo, hi = the_period.utc_bounds()
    # The previous period ends where this one starts; it and the silence before a drop-off are
    # counted from the one gathering of the stretch before the period.
    previous_lo = the_period.previous().utc_bounds()[0] if compare else lo
    reach_back = min(previous_lo, lo - dt.timedelta(days=silence_days))
    # A tag's touchpoints are sought customer by customer, not read through in time order: the
    # second connection would have to gather its own copy of them, which costs more than it saves.
    alone = bool(tag and tag.strip())
    with twin.twin(session, parallel=parallel and not alone) as other, tuned(session):
        scope = Scope.make(session, lo, hi, tag)

        def per_customer() -> tuple[volume.PeriodCustomers, Flow, Patterns]:
            """What reads the period's customers (``session``, its rows gathered and indexed)."""
            return (
                volume.period_customers(session),
                flow.compute(session, scope, silence_days=silence_days, now=when),
                patterns.compute(
                    session, scope, gap_days=sequence_gap_days, min_sample=pattern_min_sample
                ),
            )

        def through(
            s: Session, rows: Scope | None
        ) -> tuple[list[Cell], VolumeTotals, Counter[str], Decisions, Responsiveness]:
            """What reads the period's rows through (gathered, or ``rows`` from ``events``), the
            stretch before the period (gathered) and ``events``, on ``s``."""
            cube = load_cube(s, rows)
            previous = volume.previous_totals(s, scope, previous_lo) if compare else VolumeTotals()
            quiet = flow.quiet_before(s, scope, silence_days=silence_days, now=when)
            return (
                cube,
                previous,
                quiet,
                decisions.compute(s, cube, rows),
                responsiveness.compute(s, rows),
            )

        stretch = {"previous_lo": previous_lo, "reach_back": reach_back}
        if other is session:
            # One connection: the stretch first, so the customers' last touchpoints before the
            # period are mostly found in it rather than by a seek in ``events`` each.
            with (
                window(session, scope, **stretch),
                period_rows(session, scope, reach_back=reach_back),
            ):
                (customers, the_flow, the_patterns), rest = per_customer(), through(session, None)
        else:

            def first() -> tuple[volume.PeriodCustomers, Flow, Patterns]:
                with period_rows(session, scope, through=False):
                    return per_customer()

            def second() -> tuple[
                list[Cell], VolumeTotals, Counter[str], Decisions, Responsiveness
            ]:
                # No tag: the period is read through ``events`` in time order, as cheaply as a
                # copy of its rows would be, without the time to make one.
                with tuned(other), window(other, scope, **stretch):
                    return through(other, scope)

            (customers, the_flow, the_patterns), rest = twin.both(first, second, together=True)
        cube, previous, quiet, the_decisions, replies = rest
    return Analytics(
        period=the_period,
        tag=scope.tag,
        volume=volume.compute(cube, customers, previous, compare=compare),
        friction=friction.compute(cube, min_sample),
        decisions=the_decisions,
        responsiveness=replies,
        flow=flow.with_quiet(the_flow, quiet),
        patterns=the_patterns,
    )
