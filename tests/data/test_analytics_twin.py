"""The analysis's two halves: one snapshot for both connections, one connection where there can be
no second, the same figures either way (see touchdesk/data/analytics/twin.py).

The hand-counted fixture (tests/helpers/analytics_fixture.py) has 29 touchpoints, G's included.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers.analytics_fixture import build
from tests.helpers.factories import touch
from touchdesk.data.analytics import compute, twin
from touchdesk.data.analytics.twin import both
from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month

NOVEMBER = Month(2026, 11)
LATER = dt.datetime(2026, 12, 15)
FIXTURE_EVENTS = 29


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    build(workspace)
    return workspace


def _count(session: Session) -> int:
    return int(session.execute(text("SELECT count(*) FROM events")).scalar_one())


def test_both_connections_read_one_snapshot(ws: Workspace, backend: str) -> None:
    """SQLite: two connections pinned on one snapshot; PostgreSQL: one REPEATABLE READ session.
    Either way a touchpoint committed meanwhile is seen by neither."""
    with ws.db.read() as s, twin.twin(s) as other:
        assert (other is s) == (backend == "postgresql")
        assert _count(s) == _count(other) == FIXTURE_EVENTS
        touch(ws, 1, at=dt.datetime(2026, 11, 28, 12, 0))
        assert _count(s) == _count(other) == FIXTURE_EVENTS
    with ws.db.read() as s:
        assert _count(s) == FIXTURE_EVENTS + 1


@pytest.mark.sqlite_only
def test_a_commit_while_pinning_starts_both_again(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = twin._version
    calls = []

    def version_then_commit(connection: object) -> int:
        value = real(connection)
        calls.append(value)
        if len(calls) == 1:  # a write lands between the second connection's two readings
            touch(ws, 1, at=dt.datetime(2026, 11, 28, 12, 0))
        return value

    monkeypatch.setattr(twin, "_version", version_then_commit)
    with ws.db.read() as s, twin.twin(s) as other:
        assert other is not s
        assert len(calls) == 4  # two readings a try, the first try refused
        assert _count(s) == _count(other) == FIXTURE_EVENTS + 1


@pytest.mark.sqlite_only
def test_a_database_never_still_falls_back_to_one_connection(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = twin._version
    minutes = iter(range(60))

    def version_then_commit(connection: object) -> int:
        value = real(connection)
        touch(ws, 1, at=dt.datetime(2026, 11, 28, 12, next(minutes)))
        return value

    monkeypatch.setattr(twin, "_version", version_then_commit)
    with ws.db.read() as s, twin.twin(s) as other:
        assert other is s
        assert _count(s) == FIXTURE_EVENTS + 2 * twin.TRIES  # every reading was followed by one


def test_a_session_already_reading_is_used_alone(ws: Workspace) -> None:
    with ws.db.read() as s:
        _count(s)
        with twin.twin(s) as other:
            assert other is s


@pytest.mark.parametrize(("tag", "touchpoints"), [(None, 20), ("wholesale", 11)])
def test_the_figures_are_the_same_on_one_connection_and_on_two(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, backend: str, tag: str | None, touchpoints: int
) -> None:
    """Two connections on an SQLite file without a tag (a tag's rows are sought customer by
    customer: one connection gathers them once)."""
    halves = []
    real = twin.both

    def recorded(*args: object, **kwargs: object) -> object:
        halves.append(kwargs["together"])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(twin, "both", recorded)
    with ws.db.read() as s:
        on_two = compute(s, NOVEMBER, tag, now=LATER)  # a fresh session: two where possible
    assert halves == ([True] if backend == "sqlite" and tag is None else [])
    with ws.db.read() as s:
        _count(s)  # already reading: one connection, the halves in turn
        on_one = compute(s, NOVEMBER, tag, now=LATER)
    with ws.db.read() as s:
        with twin.twin(s, parallel=False) as other:
            assert other is s
        asked_for_one = compute(s, NOVEMBER, tag, now=LATER, parallel=False)
    assert on_two == on_one == asked_for_one
    # November: rows 9–28 (G is deleted); A's rows 9–13 and B's 14–19 are wholesale's
    assert on_two.volume.touchpoints == touchpoints


def test_an_error_in_the_worker_half_is_raised_after_both_finish() -> None:
    finished = threading.Event()

    def first() -> int:
        finished.set()
        return 1

    def second() -> int:
        raise ValueError("worker half")

    with pytest.raises(ValueError, match="worker half"):
        both(first, second, together=True)
    assert finished.is_set()
    assert both(lambda: 1, lambda: 2, together=True) == (1, 2)
    assert both(lambda: 1, lambda: 2, together=False) == (1, 2)
