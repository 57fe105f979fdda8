"""Analytics details that depend on the engine's SQL, on SQLite and PostgreSQL alike: the local
weekday and hour of a first contact follow the user's zone (not the database server's) across a
daylight-saving change and with a half-hour offset, and the stage of a drop-off when two
touchpoints share the last moment.

Every customer below has only the touchpoints listed, so each first one starts a sequence; the
local times are worked out by hand in the comments (weekday 0 = Monday).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator

import pytest

from tests.helpers.factories import customer, touch
from touchdesk.data.analytics.sqlfuncs import offset_changes
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month

LATER = dt.datetime(2027, 1, 15)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process's time zone (Python and SQLite both read it) for one test."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def _first_contacts(ws: Workspace, contacts: list[tuple[str, dt.datetime]]) -> None:
    for n, (channel, at) in enumerate(contacts):
        touch(ws, customer(ws, f"Customer {n}"), "social_media", channel, at=at)


def test_weekday_and_hour_across_the_end_of_summer_time(
    workspace: Workspace, zone: Callable[[str], None]
) -> None:
    # London: BST (UTC+1) until 25 October 2026 01:00 UTC, then GMT (UTC+0).
    zone("Europe/London")
    _first_contacts(
        workspace,
        [
            ("sms", dt.datetime(2026, 9, 30, 23, 30)),  # Thu 1 Oct 00:30 BST: local October
            ("social", dt.datetime(2026, 10, 24, 23, 30)),  # Sun 25 Oct 00:30 BST
            ("chat", dt.datetime(2026, 10, 25, 0, 30)),  # Sun 01:30 BST (before the change)
            ("phone", dt.datetime(2026, 10, 25, 1, 30)),  # Sun 01:30 GMT (the hour again)
            ("email", dt.datetime(2026, 10, 25, 23, 30)),  # Sun 23:30 GMT
            ("website", dt.datetime(2026, 10, 31, 23, 30)),  # Sat 31 Oct 23:30 GMT
            ("event", dt.datetime(2026, 11, 1, 0, 30)),  # Sun 1 Nov 00:30: not October
        ],
    )
    p = workspace.analytics(Month(2026, 10), now=LATER, pattern_min_sample=1).patterns
    assert {(c.channel, c.slot) for c in p.by_hour} == {
        ("sms", 0),
        ("social", 0),
        ("chat", 1),
        ("phone", 1),
        ("email", 23),
        ("website", 23),
    }
    assert {(c.channel, c.slot) for c in p.by_weekday} == {
        ("sms", 3),
        ("social", 6),
        ("chat", 6),
        ("phone", 6),
        ("email", 6),
        ("website", 5),
    }
    assert all((c.sequences, c.purchases) == (1, 0) for c in p.by_hour)


def test_weekday_and_hour_with_a_half_hour_offset(
    workspace: Workspace, zone: Callable[[str], None]
) -> None:
    zone("Asia/Tehran")  # UTC+3:30 all year
    _first_contacts(
        workspace,
        [
            ("phone", dt.datetime(2026, 10, 10, 20, 15)),  # Sat 10 Oct 23:45
            ("email", dt.datetime(2026, 10, 10, 20, 45)),  # Sun 11 Oct 00:15
            ("chat", dt.datetime(2026, 9, 30, 20, 30)),  # Thu 1 Oct 00:00, the month's first
        ],
    )
    p = workspace.analytics(Month(2026, 10), now=LATER, pattern_min_sample=1).patterns
    assert [(c.channel, c.slot) for c in p.by_hour] == [("phone", 23), ("email", 0), ("chat", 0)]
    assert [(c.channel, c.slot) for c in p.by_weekday] == [
        ("phone", 5),
        ("email", 6),
        ("chat", 3),
    ]


def test_offset_changes(zone: Callable[[str], None]) -> None:
    zone("Europe/London")
    hour = dt.timedelta(hours=1)
    assert offset_changes(dt.datetime(2026, 9, 30, 23), dt.datetime(2026, 10, 31, 23)) == [
        (dt.datetime(2026, 9, 30, 23), hour),
        (dt.datetime(2026, 10, 25, 1), dt.timedelta(0)),
    ]
    assert offset_changes(dt.datetime(2026, 11, 1), dt.datetime(2026, 12, 1)) == [
        (dt.datetime(2026, 11, 1), dt.timedelta(0))
    ]
    zone("Asia/Tehran")
    assert offset_changes(dt.datetime(2026, 1, 1), dt.datetime(2027, 1, 1)) == [
        (dt.datetime(2026, 1, 1), dt.timedelta(hours=3, minutes=30))
    ]


def test_drop_off_stage_on_a_tie_is_the_first_logged(workspace: Workspace) -> None:
    # Each of these customers logged social media (before purchase) and then point of sale (during
    # purchase) at one moment and went quiet: the first logged of the two is their stage.
    for name, at in (
        ("Quiet on 1 October", dt.datetime(2026, 10, 1, 10)),
        ("Quiet on 10 October", dt.datetime(2026, 10, 10, 9)),
        ("Quiet on 10 October too", dt.datetime(2026, 10, 10, 9)),
    ):
        cid = customer(workspace, name)
        touch(workspace, cid, "social_media", at=at)
        touch(workspace, cid, "point_of_sale", at=at)
    # October (31 days, 30 of silence): the last touchpoint before 2 October means a drop-off,
    # here one inside the period itself.
    october = workspace.analytics(Month(2026, 10), now=LATER).flow.dropped
    assert (october["before_purchase"], october["during_purchase"]) == (1, 0)
    # November: last touchpoints from 2 to 31 October, before the period.
    november = workspace.analytics(Month(2026, 11), now=LATER).flow.dropped
    assert (november["before_purchase"], november["during_purchase"]) == (2, 0)
