"""The fast analytics path against the plain definitions, on a random demo database.

``compute`` gathers a period's rows into a clustered temporary table and finds sequence starts,
repeat buyers and new customers with window functions and index seeks. Here the same figures are
recounted the slow, obvious way — every touchpoint read into Python, customers' histories walked in
order — for several months, a tag and a softly deleted customer, and must agree exactly.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from itertools import pairwise
from typing import NamedTuple

from sqlalchemy import text

from tests.helpers.factories import customer, touch
from touchdesk.catalog import STAGE_KEYS
from touchdesk.data.analytics import compute
from touchdesk.data.analytics.periods import Period
from touchdesk.data.demo import generate
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month, to_local

NOW = dt.datetime(2026, 11, 20, 12, 0)
GAP = dt.timedelta(days=30)


class Row(NamedTuple):
    id: int
    customer_id: int
    occurred_at: dt.datetime
    touchpoint: str
    channel: str
    stage: str
    outcome: str
    amount_cents: int | None
    resolution: str | None
    resolved_at: dt.datetime | None
    reply_due_at: dt.datetime | None
    replied_at: dt.datetime | None
    reply_to_id: int | None


def _when(value: str | dt.datetime | None) -> dt.datetime | None:
    """A stored timestamp as read (text on SQLite, a datetime on PostgreSQL)."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def _history(ws: Workspace, tag: str | None) -> dict[int, list[Row]]:
    """Every in-scope customer's touchpoints in (time, id) order."""
    sql = """SELECT e.id, e.customer_id, e.occurred_at, e.touchpoint, e.channel, e.stage,
            e.outcome, e.amount_cents, e.resolution, e.resolved_at, e.reply_due_at, e.replied_at,
            e.reply_to_id
        FROM events e JOIN customers c ON c.id = e.customer_id WHERE c.deleted_at IS NULL"""
    params = {}
    if tag is not None:
        sql += """ AND e.customer_id IN (SELECT ct.customer_id FROM customer_tags ct
            JOIN tags t ON t.id = ct.tag_id WHERE lower(t.name) = lower(:tag))"""
        params["tag"] = tag
    history: dict[int, list[Row]] = defaultdict(list)
    with ws.db.read() as s:
        for r in s.execute(text(sql), params):
            history[r.customer_id].append(
                Row(
                    r.id,
                    r.customer_id,
                    _when(r.occurred_at),  # type: ignore[arg-type]
                    r.touchpoint,
                    r.channel,
                    r.stage,
                    r.outcome,
                    r.amount_cents,
                    r.resolution,
                    _when(r.resolved_at),
                    _when(r.reply_due_at),
                    _when(r.replied_at),
                    r.reply_to_id,
                )
            )
    for rows in history.values():
        rows.sort(key=lambda r: (r.occurred_at, r.id))
    return history


def _sequences(rows: list[Row], lo: dt.datetime, hi: dt.datetime) -> list[tuple[Row, bool]]:
    """The customer's sequences starting in [lo, hi): the first row of each, and whether a
    purchase falls between it and the next start (or ``hi``)."""
    starts: list[Row] = []
    previous: dt.datetime | None = None
    for row in rows:
        if row.occurred_at >= hi:
            break
        if row.occurred_at >= lo and (previous is None or row.occurred_at - previous >= GAP):
            starts.append(row)
        previous = row.occurred_at
    if not starts:
        return []
    # Rows at the same moment as a start belong to it; only the first (by id) starts one.
    ends = [s.occurred_at for s in starts[1:]] + [hi]
    return [
        (
            start,
            any(
                (r.amount_cents or 0) > 0 and start.occurred_at <= r.occurred_at < end for r in rows
            ),
        )
        for start, end in zip(starts, ends, strict=True)
    ]


def _check(ws: Workspace, month: Month, tag: str | None) -> None:
    lo, hi = Period.of(month).utc_bounds()
    with ws.db.read() as s:
        a = compute(s, month, tag, now=NOW)
    history = _history(ws, tag)
    inside = {cid: [r for r in rows if lo <= r.occurred_at < hi] for cid, rows in history.items()}
    inside = {cid: rows for cid, rows in inside.items() if rows}
    assert a.volume.totals.touchpoints == sum(len(rows) for rows in inside.values())
    assert a.volume.totals.customers_contacted == len(inside)
    new = {cid for cid in inside if history[cid][0].occurred_at >= lo}
    assert a.volume.totals.new_customers == len(new)
    by_stage = Counter(stage for rows in inside.values() for stage in {r.stage for r in rows})
    assert a.volume.customers_by_stage == {k: by_stage[k] for k in STAGE_KEYS}

    buyers = [cid for cid, rows in inside.items() if any((r.amount_cents or 0) > 0 for r in rows)]
    repeat = [
        cid
        for cid in buyers
        if sum(1 for r in history[cid] if r.occurred_at < hi and (r.amount_cents or 0) > 0) >= 2
    ]
    assert (a.flow.buyers, a.flow.repeat_buyers) == (len(buyers), len(repeat))
    assert a.flow.cohort == len(new)
    assert a.flow.reached == {
        k: sum(1 for cid in new if any(r.stage == k for r in inside[cid])) for k in STAGE_KEYS
    }

    channel: Counter[str] = Counter()
    channel_bought: Counter[str] = Counter()
    slots: Counter[tuple[str, int, int]] = Counter()
    slots_bought: Counter[tuple[str, int, int]] = Counter()
    for rows in history.values():
        for start, bought in _sequences(rows, lo, hi):
            local = to_local(start.occurred_at)
            channel[start.channel] += 1
            channel_bought[start.channel] += bought
            slots[(start.channel, local.weekday(), local.hour)] += 1
            slots_bought[(start.channel, local.weekday(), local.hour)] += bought
    assert a.patterns.sequences > 0
    assert {c.channel: (c.sequences, c.purchases) for c in a.patterns.by_channel} == {
        k: (n, channel_bought[k]) for k, n in channel.items()
    }
    weekday: Counter[tuple[str, int]] = Counter()
    hour: Counter[tuple[str, int]] = Counter()
    weekday_bought: Counter[tuple[str, int]] = Counter()
    hour_bought: Counter[tuple[str, int]] = Counter()
    for (ch, day, hr), n in slots.items():
        weekday[(ch, day)] += n
        hour[(ch, hr)] += n
        weekday_bought[(ch, day)] += slots_bought[(ch, day, hr)]
        hour_bought[(ch, hr)] += slots_bought[(ch, day, hr)]
    assert {(c.channel, c.slot): (c.sequences, c.purchases) for c in a.patterns.by_weekday} == {
        k: (n, weekday_bought[k]) for k, n in weekday.items()
    }
    assert {(c.channel, c.slot): (c.sequences, c.purchases) for c in a.patterns.by_hour} == {
        k: (n, hour_bought[k]) for k, n in hour.items()
    }

    preceding: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    late_negative = on_time_negative = 0
    for rows in inside.values():
        everything = history[rows[0].customer_id]
        for d in rows:
            if d.outcome == "decision" and d.resolution and d.resolved_at:
                before = [p for p in everything if p.occurred_at <= d.resolved_at and p.id != d.id]
                if before:
                    preceding[before[-1].touchpoint][d.resolution == "negative"] += 1
            if d.reply_due_at and d.replied_at:
                after = [
                    n
                    for n in everything
                    if (n.occurred_at, n.id) > (d.occurred_at, d.id) and n.reply_to_id != d.id
                ]
                if after and (
                    after[0].outcome == "negative"
                    or (after[0].outcome == "decision" and after[0].resolution == "negative")
                ):
                    if d.replied_at <= d.reply_due_at:
                        on_time_negative += 1
                    else:
                        late_negative += 1
    assert {
        p.touchpoint: [p.before_positive, p.before_negative] for p in a.decisions.preceding
    } == (dict(preceding))
    assert (a.responsiveness.late_then_negative, a.responsiveness.on_time_then_negative) == (
        late_negative,
        on_time_negative,
    )

    until = min(hi, NOW)
    dropped: Counter[str] = Counter()
    for rows in history.values():
        before = [r for r in rows if r.occurred_at < until]
        if before and lo - GAP <= before[-1].occurred_at < until - GAP:
            dropped[before[-1].stage] += 1
    assert a.flow.dropped == {k: dropped[k] for k in STAGE_KEYS}

    steps = []
    for s_from, s_to in pairwise(STAGE_KEYS):
        n = 0
        for cid in new:
            first: dict[str, dt.datetime] = {}
            for r in inside[cid]:
                first.setdefault(r.stage, r.occurred_at)
            n += s_from in first and s_to in first and first[s_to] >= first[s_from]
        steps.append(n)
    assert [s.customers for s in a.flow.steps] == steps


def test_fast_path_matches_the_plain_definitions(workspace: Workspace) -> None:
    generate(workspace, customers=300, months=12, seed=7, locale="en", now=NOW)
    # Cases random journeys seldom hit: two first purchases in one month; touchpoints at the very
    # moment a sequence starts (the lowest id starts it, the others belong to it); sequences that
    # start exactly 30 days after the touchpoint before them.
    buyer = customer(workspace, "Two first purchases")
    for day in (3, 17):
        touch(workspace, buyer, "point_of_sale", at=dt.datetime(2026, 10, day, 9), amount_cents=500)
    ties = customer(workspace, "Same moment")
    moment = dt.datetime(2026, 10, 12, 14, 30)
    touch(workspace, ties, "social_media", "email", at=moment - GAP)
    touch(workspace, ties, "social_media", "chat", at=moment)
    touch(workspace, ties, "point_of_sale", "phone", at=moment, amount_cents=900)
    touch(workspace, ties, "social_media", "email", at=moment + GAP + dt.timedelta(seconds=1))
    # Two sequences starting in one 31-day month: 1 and 31 October, 30 days apart.
    apart = customer(workspace, "A month apart")
    touch(workspace, apart, "social_media", "chat", at=dt.datetime(2026, 10, 1, 8))
    touch(workspace, apart, "ecommerce", "website", at=dt.datetime(2026, 10, 31, 8), amount_cents=1)
    with workspace.db.write() as s:
        tagged = s.execute(text("SELECT min(customer_id) FROM customer_tags")).scalar_one()
        tag = s.execute(
            text(
                "SELECT t.name FROM tags t JOIN customer_tags ct ON ct.tag_id = t.id"
                " WHERE ct.customer_id = :c ORDER BY t.id LIMIT 1"
            ),
            {"c": tagged},
        ).scalar_one()
        busiest = s.execute(
            text("SELECT customer_id FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        ).scalar_one()
        s.execute(
            text("UPDATE customers SET deleted_at = :now WHERE id = :c"),
            {"now": "2026-11-01 00:00:00.000000", "c": busiest},
        )
    for month in (Month(2026, 3), Month(2026, 8), Month(2026, 10), Month(2026, 11)):
        _check(workspace, month, None)
    _check(workspace, Month(2026, 10), tag)
    _check(workspace, Month(1405, 7, "jalali"), None)
