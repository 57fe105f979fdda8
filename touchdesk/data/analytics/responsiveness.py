"""Responsiveness: how fast inbound requests (complaints, support: touchpoints with a reply
deadline) received their first reply, per channel, and whether slow replies cost goodwill.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.catalog import CHANNEL_KEYS
from touchdesk.data.analytics.scope import Scope, median, percentile, period_source, share


@dataclass(frozen=True, slots=True)
class ReplyStats:
    """Requests logged in the period and their replies, as they stand now.

    ``median_minutes``/``p90_minutes`` are over answered requests (``response_minutes``; p90 by
    nearest rank). ``on_time``: answered no later than the deadline (``replied_at <= reply_due_at``);
    ``on_time_share`` is ``on_time / answered``.
    """

    requests: int = 0
    answered: int = 0
    on_time: int = 0
    median_minutes: float | None = None
    p90_minutes: float | None = None

    @property
    def unanswered(self) -> int:
        return self.requests - self.answered

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.answered)


@dataclass(frozen=True, slots=True)
class Responsiveness:
    """Reply times overall and per channel (channels with requests only, in catalog order).

    A reply is *followed by a negative outcome* when the customer's next touchpoint after the
    request — the first later one by time then id, not counting the reply itself (a touchpoint
    logged as the reply to that request) — is negative, or is a decision point resolved negative.
    ``late_then_negative`` counts late replies followed so; ``on_time_then_negative`` the on-time
    ones, to compare with.
    """

    overall: ReplyStats
    by_channel: dict[str, ReplyStats]
    late_then_negative: int
    on_time_then_negative: int

    @property
    def late_negative_share(self) -> float | None:
        return share(self.late_then_negative, self.overall.late)

    @property
    def on_time_negative_share(self) -> float | None:
        return share(self.on_time_then_negative, self.overall.on_time)


def _stats(rows: list[tuple[int | None, bool]], requests: int) -> ReplyStats:
    minutes = [m for m, _on_time in rows if m is not None]
    return ReplyStats(
        requests=requests,
        answered=len(rows),
        on_time=sum(1 for _m, on_time in rows if on_time),
        median_minutes=median(minutes),
        p90_minutes=percentile(minutes, 0.9),
    )


def _next() -> str:
    """SQL for the outcome of the customer's next touchpoint after request ``r`` (not counting its
    reply): one index seek in ``events``."""
    return """SELECT CASE WHEN n.outcome = 'decision' THEN coalesce(n.resolution, 'decision')
            ELSE n.outcome END
        FROM events n
        WHERE n.customer_id = r.customer_id AND n.occurred_at >= r.occurred_at
            AND n.id <> r.id AND (n.occurred_at > r.occurred_at OR n.id > r.id)
            AND (n.reply_to_id IS NULL OR n.reply_to_id <> r.id)
        ORDER BY n.occurred_at, n.id LIMIT 1"""


def compute(session: Session, scope: Scope | None = None) -> Responsiveness:
    """Reply statistics of the requests among the gathered period rows, or of ``scope`` read from
    ``events`` (see ``scope.period_source``); the next touchpoint is one seek in ``events``."""
    source, params = period_source(scope, "r")
    rows = session.execute(
        text(
            f"""SELECT r.channel, r.replied_at IS NOT NULL, r.response_minutes,
                r.replied_at <= r.reply_due_at,
                CASE WHEN r.replied_at IS NOT NULL THEN ({_next()}) END
            FROM {source} AND r.reply_due_at IS NOT NULL"""
        ),
        params,
    ).all()
    requests: dict[str, int] = defaultdict(int)
    answered: dict[str, list[tuple[int | None, bool]]] = defaultdict(list)
    late_negative = on_time_negative = 0
    for channel, replied, minutes, on_time, next_outcome in rows:
        requests[channel] += 1
        if not replied:
            continue
        answered[channel].append((minutes, bool(on_time)))
        if next_outcome == "negative":
            if on_time:
                on_time_negative += 1
            else:
                late_negative += 1
    everything = [row for channel_rows in answered.values() for row in channel_rows]
    order = {k: n for n, k in enumerate(CHANNEL_KEYS)}
    return Responsiveness(
        overall=_stats(everything, len(rows)),
        by_channel={
            ch: _stats(answered[ch], requests[ch])
            for ch in sorted(requests, key=lambda c: (order.get(c, len(order)), c))
        },
        late_then_negative=late_negative,
        on_time_then_negative=on_time_negative,
    )
