"""Patterns: the chance of a purchase by the channel and the local weekday or hour of the first
contact of a sequence (seed 000's "time and channel of a message vs the chance of a purchase").

A *sequence* is a run of one customer's touchpoints with less than ``gap_days`` between neighbours;
a touchpoint after ``gap_days`` or more of silence (or the customer's very first) starts a new one.
The period's sequences are those starting inside it; each runs until the customer's next sequence
starts or the period ends, so a month's figures do not change when later months are logged. A
sequence *made a purchase* when one of its touchpoints has an amount above zero. A cell shows a
probability only when at least ``min_sample`` sequences started there; below that it is ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.catalog import CHANNEL_KEYS
from touchdesk.data.analytics.scope import CUSTOMERS, ROWS, Scope
from touchdesk.i18n import _

STARTS = "td_sequence_starts"
DEFAULT_GAP_DAYS = 30
DEFAULT_MIN_SAMPLE = 20


@dataclass(frozen=True, slots=True)
class PatternCell:
    """Sequences whose first contact was on ``channel`` at ``slot`` (weekday 0 = Monday, or hour
    0–23, local time; ``None`` for the channel as a whole)."""

    channel: str
    slot: int | None
    sequences: int
    purchases: int
    probability: float | None


@dataclass(frozen=True, slots=True)
class Patterns:
    """Purchase probability by channel, channel × weekday and channel × hour (cells with at least
    one sequence, channels in catalog order)."""

    gap_days: int
    min_sample: int
    by_channel: tuple[PatternCell, ...]
    by_weekday: tuple[PatternCell, ...]
    by_hour: tuple[PatternCell, ...]

    @property
    def sequences(self) -> int:
        return sum(c.sequences for c in self.by_channel)

    def weekday(self, channel: str, weekday: int) -> PatternCell | None:
        return next((c for c in self.by_weekday if (c.channel, c.slot) == (channel, weekday)), None)

    def hour(self, channel: str, hour: int) -> PatternCell | None:
        return next((c for c in self.by_hour if (c.channel, c.slot) == (channel, hour)), None)


def _cells(
    counts: dict[tuple[str, int | None], list[int]], min_sample: int
) -> tuple[PatternCell, ...]:
    order = {k: n for n, k in enumerate(CHANNEL_KEYS)}
    cells = [
        PatternCell(ch, slot, n, bought, bought / n if n >= min_sample else None)
        for (ch, slot), (n, bought) in counts.items()
    ]
    cells.sort(key=lambda c: (order.get(c.channel, len(order)), c.channel, c.slot or 0))
    return tuple(cells)


def check(gap_days: int, min_sample: int) -> None:
    """Refuse a gap or a minimum sample below one."""
    if gap_days < 1 or min_sample < 1:
        raise ValueError(_("{name} must be at least 1").format(name="gap_days, min_sample"))


def compute(
    session: Session,
    scope: Scope,
    *,
    gap_days: int = DEFAULT_GAP_DAYS,
    min_sample: int = DEFAULT_MIN_SAMPLE,
) -> Patterns:
    """Purchase patterns of the sequences starting among the gathered period rows."""
    check(gap_days, min_sample)
    fn = scope.fn
    gap = fn.millis_between("occurred_at", "prev")
    first_gap = fn.millis_between("c.first", "c.before")
    session.execute(text(fn.drop_temp(STARTS)))
    session.execute(
        text(
            f"""CREATE TEMP TABLE {STARTS} AS
            WITH later AS MATERIALIZED (
                -- a later row follows another period row, so it can only be gap_days after one
                -- from ``late`` (a day before the period's start + gap_days) on (materialized:
                -- ``prev`` is looked up once a row, not at each mention)
                SELECT r.customer_id, r.occurred_at, r.channel, (SELECT max(n.occurred_at)
                    FROM {ROWS} n WHERE n.customer_id = r.customer_id
                        AND n.occurred_at < r.occurred_at) AS prev
                FROM {ROWS} r
                WHERE r.occurred_at >= :late AND NOT EXISTS (SELECT 1 FROM {ROWS} t
                    WHERE t.customer_id = r.customer_id AND t.occurred_at = r.occurred_at
                        AND t.id < r.id))
            -- a customer's first period row (of touchpoints at the same moment only the first by
            -- id can start a sequence) follows their last touchpoint before the period (NULL: a
            -- first contact)
            -- (CROSS JOIN: SQLite then looks each customer's rows up, not the other way; only
            -- customers whose first row starts a sequence are looked up)
            SELECT f.customer_id, f.occurred_at, f.channel
            FROM {CUSTOMERS} c CROSS JOIN {ROWS} f
            WHERE (c.before IS NULL OR {first_gap} >= :gap_ms)
                AND f.customer_id = c.customer_id AND f.occurred_at = c.first
                AND NOT EXISTS (SELECT 1 FROM {ROWS} t WHERE t.customer_id = f.customer_id
                    AND t.occurred_at = f.occurred_at AND t.id < f.id)
            UNION ALL
            SELECT customer_id, occurred_at, channel FROM later
            WHERE prev IS NOT NULL AND {gap} >= :gap_ms"""
        ),
        {
            "gap_ms": gap_days * 86_400_000,
            "late": scope.stamp(scope.lo + dt.timedelta(days=gap_days - 1)),
        },
    )
    session.execute(text(f"CREATE INDEX td_starts_order ON {STARTS} (customer_id, occurred_at)"))
    # A sequence runs until the customer's next start or the period's end, so a purchase belongs
    # to the customer's latest start at or before it: one index seek a purchase (fewer than the
    # starts) finds the sequences that made one.
    rows = session.execute(
        text(
            f"""SELECT q.channel, {fn.local_slot("q.occurred_at", scope.lo, scope.hi)}, count(*),
                count(m.started)
            FROM {STARTS} q LEFT JOIN (
                -- the sequences with a purchase: each purchase's is the customer's latest start
                -- at or before it (none: it belongs to a sequence begun before the period)
                SELECT DISTINCT b.customer_id, (SELECT max(n.occurred_at) FROM {STARTS} n
                        WHERE n.customer_id = b.customer_id
                            AND n.occurred_at <= b.occurred_at) AS started
                FROM {ROWS} b WHERE b.amount_cents > 0) m
                ON m.customer_id = q.customer_id AND m.started = q.occurred_at
            GROUP BY 1, 2"""
        )
    ).all()
    session.execute(text(fn.drop_temp(STARTS)))
    by_channel: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    by_weekday: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    by_hour: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for channel, slot_, n, bought in rows:
        sunday_first, hour = divmod(slot_, 100)
        weekday = (sunday_first + 6) % 7  # SQL counts from Sunday; datetime from Monday
        for table, slot in ((by_channel, None), (by_weekday, weekday), (by_hour, hour)):
            table[(channel, slot)][0] += n
            table[(channel, slot)][1] += bought
    return Patterns(
        gap_days=gap_days,
        min_sample=min_sample,
        by_channel=_cells(by_channel, min_sample),
        by_weekday=_cells(by_weekday, min_sample),
        by_hour=_cells(by_hour, min_sample),
    )
