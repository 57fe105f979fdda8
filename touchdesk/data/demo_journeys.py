"""Believable customer journeys for demo data: which touchpoints happen, in what order, through which
channel, how they go, and which follow-ups they leave behind.

Pure Python over a seeded ``random.Random`` (no database), built for speed: a million events must be
made in seconds, so every choice is one ``random()`` and a ``bisect`` over precomputed cumulative
weights, and rows come out as ready-to-insert tuples. Times are integer seconds since the Unix epoch
(UTC) until the very end, where they become the naive-UTC text SQLAlchemy stores.

The shape of a journey follows the four stages: a few *before purchase* contacts, then *during
purchase* ones that may end in a purchase (with an amount), then *after purchase* and *customer
service* contacts, and for loyal customers further purchase cycles. Friction is built in where the
articles say it hides: billing, support and reviews go wrong more often, a bad moment before buying
sometimes ends the journey, and slow replies happen.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from dataclasses import dataclass

from touchdesk.catalog import STAGE_KEYS, TOUCHPOINT_BY_KEY
from touchdesk.data.demo_pools import Pools
from touchdesk.data.events import REQUEST_TOUCHPOINTS

OUTCOMES = ("positive", "neutral", "negative", "decision")
DAY = 86_400
_EPOCH = dt.datetime(1970, 1, 1)

# touchpoint: (channel weights, outcome weights positive/neutral/negative/decision, inbound share)
PROFILES: dict[str, tuple[dict[str, int], tuple[int, int, int, int], float]] = {
    "social_media": ({"social": 8, "chat": 1, "website": 1}, (45, 35, 10, 10), 0.5),
    "online_advertising": ({"website": 5, "social": 3, "email": 1, "sms": 1}, (30, 45, 15, 10), 0.2),
    "digital_content": ({"website": 5, "email": 3, "social": 2}, (45, 40, 8, 7), 0.3),
    "company_events": ({"event": 8, "in_person": 2}, (55, 30, 5, 10), 0.4),
    "peer_referral": ({"phone": 3, "social": 3, "in_person": 3, "sms": 1, "other": 1}, (65, 25, 3, 7), 0.8),
    "sales_conversation": ({"phone": 5, "in_person": 3, "email": 1, "chat": 1}, (40, 20, 12, 28), 0.5),
    "product_catalog": ({"website": 4, "post": 2, "email": 2, "in_person": 1, "marketplace": 1}, (35, 40, 10, 15), 0.6),
    "ecommerce": ({"website": 6, "marketplace": 3, "chat": 1}, (50, 15, 18, 17), 0.9),
    "product_reviews": ({"marketplace": 4, "website": 3, "social": 3}, (22, 15, 30, 33), 0.8),
    "point_of_sale": ({"in_person": 9, "phone": 1}, (62, 15, 13, 10), 0.9),
    "thank_you": ({"email": 5, "sms": 3, "post": 2}, (75, 22, 1, 2), 0.0),
    "feedback_survey": ({"email": 5, "sms": 2, "website": 2, "phone": 1}, (45, 30, 20, 5), 0.3),
    "upsell_cross_sell": ({"email": 8, "sms": 2}, (25, 45, 10, 20), 0.1),
    "billing": ({"email": 5, "post": 2, "phone": 2, "other": 1}, (20, 30, 38, 12), 0.4),
    "subscription_renewal": ({"email": 4, "phone": 3, "sms": 2, "website": 1}, (35, 15, 15, 35), 0.3),
    "support_channels": ({"phone": 4, "chat": 3, "email": 2, "social": 1, "other": 1}, (25, 20, 40, 15), 0.9),
    "customer_success": ({"phone": 4, "email": 3, "in_person": 2, "chat": 1}, (55, 30, 8, 7), 0.2),
    "onboarding": ({"in_person": 3, "phone": 3, "chat": 2, "email": 2}, (55, 28, 10, 7), 0.3),
    "loyalty_program": ({"sms": 4, "email": 3, "in_person": 2, "social": 1}, (65, 28, 3, 4), 0.2),
    "self_service": ({"website": 8, "chat": 2}, (35, 30, 25, 10), 0.95),
}  # fmt: skip

# Which touchpoints each phase of a journey draws from, with weights.
PHASES: dict[str, dict[str, int]] = {
    "before": {"social_media": 35, "online_advertising": 20, "digital_content": 20, "company_events": 8, "peer_referral": 17},
    "during": {"sales_conversation": 30, "product_catalog": 25, "ecommerce": 15, "product_reviews": 25, "point_of_sale": 5},
    "purchase": {"point_of_sale": 45, "ecommerce": 35, "sales_conversation": 20},
    "after": {"thank_you": 25, "feedback_survey": 20, "upsell_cross_sell": 15, "billing": 25, "subscription_renewal": 15},
    "service": {"support_channels": 35, "customer_success": 12, "onboarding": 15, "loyalty_program": 18, "self_service": 20},
}  # fmt: skip

# Purchase amounts per touchpoint: (low, high) in whole currency units, per locale.
AMOUNTS = {
    "en": {"point_of_sale": (12, 260), "ecommerce": (18, 420), "sales_conversation": (300, 6000)},
    "fa": {
        "point_of_sale": (150_000, 4_000_000),
        "ecommerce": (250_000, 9_000_000),
        "sales_conversation": (5_000_000, 90_000_000),
    },
}
# Customers reach a depth: 0 only looked, 1 considered, 2 bought, 3 bought and needed service.
DEPTH_WEIGHTS = (22, 15, 33, 30)


_DAYS: dict[int, str] = {}
_CLOCK: list[str] = []


def ts_text(seconds: int) -> str:
    """Epoch seconds as the naive-UTC text SQLAlchemy stores for a ``DateTime`` column.

    Millions of these are made per run, so dates and clock times come from lookup tables.
    """
    if not _CLOCK:
        _CLOCK.extend(
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(DAY)
        )
    day, rest = divmod(seconds, DAY)
    date = _DAYS.get(day)
    if date is None:
        date = _DAYS[day] = (_EPOCH + dt.timedelta(days=day)).date().isoformat()
    return date + _CLOCK[rest]


def _cumulative(weights: list[float] | tuple[float, ...]) -> list[float]:
    total = float(sum(weights))
    running, out = 0.0, []
    for w in weights:
        running += w
        out.append(running / total)
    out[-1] = 1.0
    return out


@dataclass(frozen=True, slots=True)
class _Touchpoint:
    key: str
    stage: str
    stage_index: int
    channels: tuple[str, ...]
    channel_cum: list[float]
    outcome_cum: list[float]
    inbound: float
    resolves_positive: float
    notes: tuple[str, str, str]


@dataclass(slots=True)
class CustomerJourney:
    """The rows made for one customer, and its summary columns."""

    events: list[tuple]
    followups: list[tuple]
    first_at: int
    last_at: str | None
    last_outcome: str | None
    last_touchpoint: str | None
    stage_reached: int


class JourneyMaker:
    """Makes journeys for consecutive customers; ids are handed out in order from the given bases."""

    def __init__(
        self,
        rng: random.Random,
        pools: Pools,
        locale: str,
        *,
        now: int,
        window: int,
        deadline_hours: float,
        today_start: int,
    ) -> None:
        self.rng = rng
        self.pools = pools
        self.now = now
        self.window = window
        self.deadline = int(deadline_hours * 3600)
        self.today_start = today_start
        self.amounts = AMOUNTS[locale]
        # Business hours in UTC: 8:00-20:00 local in the UK, or in Tehran (UTC+3:30).
        self.hour_start = 8 * 3600 if locale == "en" else 4 * 3600 + 1800
        self.tps: dict[str, _Touchpoint] = {}
        for key, (channels, outcomes, inbound) in PROFILES.items():
            stage = TOUCHPOINT_BY_KEY[key].stage
            pos, _neu, neg, _dec = outcomes
            self.tps[key] = _Touchpoint(
                key,
                stage,
                STAGE_KEYS.index(stage),
                tuple(channels),
                _cumulative(list(channels.values())),
                _cumulative(outcomes),
                inbound,
                pos / (pos + neg),
                pools.notes[key],
            )
        self.phases = {
            name: (tuple(self.tps[k] for k in weights), _cumulative(list(weights.values())))
            for name, weights in PHASES.items()
        }
        self.depth_cum = _cumulative(DEPTH_WEIGHTS)
        self.staff = pools.staff
        self.titles = pools.followup_titles
        self.event_id = 0
        self.followup_id = 0

    def _pick(self, phase: str) -> _Touchpoint:
        tps, cum = self.phases[phase]
        return tps[bisect(cum, self.rng.random())]

    def _plan(self) -> list[tuple[str, int]]:
        """The phases of one journey with the typical gap (seconds) before each step."""
        rng = self.rng
        depth = bisect(self.depth_cum, rng.random())
        plan: list[tuple[str, int]] = []
        if depth == 0 or rng.random() > 0.15:
            plan += [("before", 3 * DAY)] * rng.randint(2, 6)
        if depth >= 1:
            plan += [("during", 2 * DAY)] * rng.randint(1, 5)
        cycles = 0 if depth < 2 else 1 + (rng.random() < 0.55) + (rng.random() < 0.35)
        for cycle in range(cycles):
            if cycle:
                plan += [("during", 40 * DAY)] * rng.randint(0, 1)
            plan.append(("purchase", 45 * DAY if cycle else 2 * DAY))
            plan += [("after", 5 * DAY)] * rng.randint(2, 5)
            if depth == 3:
                plan += [("service", 9 * DAY)] * rng.randint(1, 4)
        return plan

    def make(self, customer_id: int) -> CustomerJourney:
        """One customer's events (in time order) and follow-ups, ending no later than now."""
        rng = self.rng
        random_ = rng.random
        now = self.now
        plan = self._plan()
        t = now - int(self.window * random_())
        first_at = t
        events: list[tuple] = []
        followups: list[tuple] = []
        last: tuple[int, str, str] | None = None
        stage_reached = -1
        for phase, gap in plan:
            t_next = t + int(rng.expovariate(1.0 / gap)) if events else t
            day_start = t_next - t_next % DAY
            t_next = day_start + self.hour_start + int(random_() * 12 * 3600)
            t = max(t_next, t + 600) if events else min(t_next, now - int(random_() * 3600))
            if t > now:
                break
            tp = self._pick(phase)
            if phase == "purchase":
                outcome = "positive"
            else:
                outcome = OUTCOMES[bisect(tp.outcome_cum, random_())]
            ev = self._event(customer_id, tp, outcome, t, purchase=phase == "purchase")
            events.append(ev[0])
            followups.extend(ev[1])
            last = (t, ev[2], tp.key)
            stage_reached = max(stage_reached, tp.stage_index)
            if phase == "during" and outcome == "negative" and random_() < 0.4:
                break  # friction before buying: the customer walks away
        if random_() < 0.08:
            followups.append(self._manual(customer_id, first_at))
        return CustomerJourney(
            events,
            followups,
            first_at,
            ts_text(last[0]) if last else None,
            last[1] if last else None,
            last[2] if last else None,
            stage_reached,
        )

    def _event(
        self, customer_id: int, tp: _Touchpoint, outcome: str, t: int, *, purchase: bool
    ) -> tuple[tuple, list[tuple], str]:
        """An event row, its follow-ups, and the outcome the customer list shows for it."""
        rng = self.rng
        random_ = rng.random
        now = self.now
        self.event_id += 1
        eid = self.event_id
        channel = tp.channels[bisect(tp.channel_cum, random_())]
        direction = "inbound" if random_() < tp.inbound else "outbound"
        note = ""
        if random_() < 0.7:
            note = tp.notes[
                0 if outcome in ("positive", "neutral") else 1 if outcome == "negative" else 2
            ]
        amount = None
        if purchase:
            low, high = self.amounts[tp.key]
            amount = int(low * (high / low) ** random_())
            amount = (amount // 1000 * 1000 if low >= 100_000 else amount) * 100
        age = now - t
        followups: list[tuple] = []
        due_at = replied_at = response = None
        if direction == "inbound" and (tp.key in REQUEST_TOUCHPOINTS or outcome == "negative"):
            due_at = ts_text(t + self.deadline)
            minutes = int(rng.lognormvariate(4.0, 1.1)) + 1
            if (age < 3 * DAY and random_() < 0.35) or (age >= 3 * DAY and random_() < 0.03):
                minutes = -1  # still unanswered
            if 0 <= minutes * 60 <= age:
                response = minutes
                replied_at = ts_text(t + minutes * 60)
            if outcome == "negative":
                done = replied_at if response is not None and random_() < 0.9 else None
                followups.append(
                    self._followup(
                        customer_id, "callback", t, t + DAY, done, eid, open_soon=age < 10 * DAY
                    )
                )
        resolution = resolved_at = None
        shown = outcome
        if outcome == "decision":
            open_share = 0.65 if age < 14 * DAY else 0.1
            if random_() >= open_share:
                resolution = "positive" if random_() < tp.resolves_positive else "negative"
                resolved = t + 3600 + int(random_() * min(age - 3600, 21 * DAY))
                resolved_at = ts_text(max(t, resolved))
                shown = resolution
            done = resolved_at if resolution else None
            followups.append(
                self._followup(
                    customer_id, "decision", t, t + 3 * DAY, done, eid, open_soon=resolution is None
                )
            )
        elif purchase and random_() < 0.5:
            due = t + 14 * DAY
            done = (
                ts_text(due + int(random_() * DAY)) if due + DAY < now and random_() < 0.9 else None
            )
            followups.append(
                self._followup(customer_id, "feedback", t, due, done, eid, open_soon=False)
            )
        staff = self.staff[int(random_() * len(self.staff))]
        created = ts_text(min(now, t + int(random_() * 1200)))
        row = (
            eid, customer_id, ts_text(t), tp.key, channel, tp.stage, outcome, direction, note,
            amount, due_at, replied_at, response, None, resolution, resolved_at, staff, created,
        )  # fmt: skip
        return row, followups, shown

    def _followup(
        self,
        customer_id: int,
        kind: str,
        created: int,
        due: int,
        done_at: str | None,
        event_id: int | None,
        *,
        open_soon: bool,
    ) -> tuple:
        """A follow-up row; an open one that is still pending is spread over overdue, today, later."""
        rng = self.rng
        if done_at is None and open_soon:
            r = rng.random()
            if r < 0.3:
                due = self.today_start + int(rng.random() * DAY)
            elif r < 0.6:
                due = self.now + int(rng.random() * 14 * DAY)
        titles = self.titles[kind]
        title = titles[int(rng.random() * len(titles))]
        assigned = self.staff[int(rng.random() * len(self.staff))]
        origin = "manual" if event_id is None else "event"
        self.followup_id += 1
        return (
            self.followup_id, customer_id, title, ts_text(due), done_at, origin, event_id,
            assigned, ts_text(created),
        )  # fmt: skip

    def _manual(self, customer_id: int, first_at: int) -> tuple:
        """A follow-up someone planned by hand, not tied to a touchpoint."""
        created = max(first_at, self.now - int(self.rng.random() * 30 * DAY))
        due = created + int(self.rng.random() * 20 * DAY)
        done = ts_text(due) if due < self.now and self.rng.random() < 0.5 else None
        return self._followup(customer_id, "manual", created, due, done, None, open_soon=True)
