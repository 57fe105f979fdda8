"""The hand-counted analytics fixture: seven customers, 29 touchpoints over September–November 2026.

Every figure the analytics tests assert is counted here by hand, next to the rows it comes from.
Times are UTC and the tests run with ``TZ=UTC``, so local days equal UTC days. The reply deadline is
the default 4 hours (240 minutes). Touchpoints are logged through the Workspace like the app does;
only what the API stamps with the clock is back-dated with SQL: the moment each decision point was
resolved. G is deleted afterwards, so none of G's touchpoints may count anywhere.

Customers: A (tag wholesale, old, repeat buyer), B (tag wholesale, new in November), C (new in
November, never buys), D (goes quiet in October), E (support requests), F (new in October, buys,
goes quiet), G (deleted).

 #  who when (2026)   touchpoint          channel    outcome   dir  amount  reply(min)
 1  A   09-10 10:00  social_media        social     positive  out
 2  A   09-12 11:00  point_of_sale       in_person  positive  out  50.00
 3  D   09-20 09:00  sales_conversation  phone      neutral   out
 --- October (the previous period) ---
 4  A   10-05 10:00  feedback_survey     email      positive  out
 5  D   10-08 14:00  product_catalog     email      neutral   out               (D's last ever)
 6  F   10-10 09:00  social_media        social     neutral   out               (F's first ever)
 7  F   10-11 09:00  ecommerce           website    positive  in   20.00        (F's last ever)
 8  E   10-20 08:00  support_channels    chat       neutral   in          30    (E's first ever)
 --- November (the period) ---
 9  A   11-02 09:00  upsell_cross_sell   email      decision  out  -> positive 11-04 09:00 (2 d)
10  A   11-03 15:00  sales_conversation  phone      positive  out
11  A   11-05 10:00  point_of_sale       in_person  positive  out  120.00
12  A   11-20 16:00  support_channels    phone      negative  in          300  (late)
13  A   11-21 10:00  support_channels    phone      negative  out
14  B   11-03 18:00  peer_referral       social     positive  in                (B's first, Tue)
15  B   11-06 12:00  product_reviews     website    decision  in   -> negative 11-07 00:00 (0.5 d)
16  B   11-10 12:00  sales_conversation  chat       decision  out  -> positive 11-14 12:00 (4 d)
17  B   11-12 09:00  product_catalog     email      neutral   out
18  B   11-15 10:00  ecommerce           website    positive  in   80.00
19  B   11-16 09:00  thank_you           email      positive  out
20  C   11-08 20:00  online_advertising  social     neutral   in                (C's first, Sun)
21  C   11-09 11:00  product_reviews     website    decision  out  (left open)
22  C   11-10 09:00  sales_conversation  chat       negative  in                (unanswered)
23  C   11-11 09:00  sales_conversation  chat       negative  out
24  E   11-04 09:00  support_channels    email      neutral   in          60   (on time)
25  E   11-06 09:00  support_channels    email      neutral   in          500  (late)
26  E   11-09 09:00  billing             email      negative  out
27  E   11-25 09:00  support_channels    chat       negative  in          120  (on time)
28  E   11-26 09:00  self_service        website    neutral   in
29  G   11-12 12:00  point_of_sale       in_person  positive  out  999.00  (G deleted: ignored)

Requests (inbound support, or inbound negative, get a reply deadline): 8 in October; 12, 22, 24,
25, 27 in November (14, 15, 18, 20, 28 are inbound but neither support nor negative).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from tests.helpers.factories import customer, touch
from touchdesk.data.models import Event
from touchdesk.data.workspace import Workspace


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


# (number, customer, time, touchpoint, channel, outcome, direction, amount_cents, reply minutes)
ROWS: tuple[tuple[int, str, dt.datetime, str, str, str, str, int | None, int | None], ...] = (
    (1, "A", at(9, 10, 10), "social_media", "social", "positive", "outbound", None, None),
    (2, "A", at(9, 12, 11), "point_of_sale", "in_person", "positive", "outbound", 5000, None),
    (3, "D", at(9, 20, 9), "sales_conversation", "phone", "neutral", "outbound", None, None),
    (4, "A", at(10, 5, 10), "feedback_survey", "email", "positive", "outbound", None, None),
    (5, "D", at(10, 8, 14), "product_catalog", "email", "neutral", "outbound", None, None),
    (6, "F", at(10, 10, 9), "social_media", "social", "neutral", "outbound", None, None),
    (7, "F", at(10, 11, 9), "ecommerce", "website", "positive", "inbound", 2000, None),
    (8, "E", at(10, 20, 8), "support_channels", "chat", "neutral", "inbound", None, 30),
    (9, "A", at(11, 2, 9), "upsell_cross_sell", "email", "decision", "outbound", None, None),
    (10, "A", at(11, 3, 15), "sales_conversation", "phone", "positive", "outbound", None, None),
    (11, "A", at(11, 5, 10), "point_of_sale", "in_person", "positive", "outbound", 12000, None),
    (12, "A", at(11, 20, 16), "support_channels", "phone", "negative", "inbound", None, 300),
    (13, "A", at(11, 21, 10), "support_channels", "phone", "negative", "outbound", None, None),
    (14, "B", at(11, 3, 18), "peer_referral", "social", "positive", "inbound", None, None),
    (15, "B", at(11, 6, 12), "product_reviews", "website", "decision", "inbound", None, None),
    (16, "B", at(11, 10, 12), "sales_conversation", "chat", "decision", "outbound", None, None),
    (17, "B", at(11, 12, 9), "product_catalog", "email", "neutral", "outbound", None, None),
    (18, "B", at(11, 15, 10), "ecommerce", "website", "positive", "inbound", 8000, None),
    (19, "B", at(11, 16, 9), "thank_you", "email", "positive", "outbound", None, None),
    (20, "C", at(11, 8, 20), "online_advertising", "social", "neutral", "inbound", None, None),
    (21, "C", at(11, 9, 11), "product_reviews", "website", "decision", "outbound", None, None),
    (22, "C", at(11, 10, 9), "sales_conversation", "chat", "negative", "inbound", None, None),
    (23, "C", at(11, 11, 9), "sales_conversation", "chat", "negative", "outbound", None, None),
    (24, "E", at(11, 4, 9), "support_channels", "email", "neutral", "inbound", None, 60),
    (25, "E", at(11, 6, 9), "support_channels", "email", "neutral", "inbound", None, 500),
    (26, "E", at(11, 9, 9), "billing", "email", "negative", "outbound", None, None),
    (27, "E", at(11, 25, 9), "support_channels", "chat", "negative", "inbound", None, 120),
    (28, "E", at(11, 26, 9), "self_service", "website", "neutral", "inbound", None, None),
    (29, "G", at(11, 12, 12), "point_of_sale", "in_person", "positive", "outbound", 99900, None),
)

# Decision points and how they were resolved: (row number, resolution, resolved at).
RESOLUTIONS = (
    (9, "positive", at(11, 4, 9)),
    (15, "negative", at(11, 7, 0)),
    (16, "positive", at(11, 14, 12)),
)

TAGS = {"A": ("wholesale",), "B": ("wholesale",)}


def build(ws: Workspace) -> dict[str, int]:
    """Create the fixture in ``ws``; returns customer ids by letter and event ids by ``"#n"``."""
    ids: dict[str, int] = {}
    for letter in "ABCDEFG":
        ids[letter] = customer(ws, f"Customer {letter}", tags=TAGS.get(letter, ()))
    for number, who, when, tp, channel, outcome, direction, amount, minutes in ROWS:
        ids[f"#{number}"] = touch(
            ws,
            ids[who],
            tp,
            channel,
            outcome,
            direction,
            when,
            amount_cents=amount,
            response_minutes=minutes,
        )
    for number, resolution, when in RESOLUTIONS:
        event_id = ids[f"#{number}"]
        ws.resolve_decision(event_id, resolution)
        # The API stamps the resolution with the clock; the fixture needs a fixed moment.
        with ws.db.write() as s:
            s.execute(update(Event).where(Event.id == event_id).values(resolved_at=when))
    ws.delete_customer(ids["G"])
    return ids
