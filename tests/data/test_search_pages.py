"""Search pages of the customer list: the same rows in the same order however the database reads
them. On SQLite a search matching many customers walks the sort order's index (``MANY_MATCHES``
is lowered here so a handful of customers is "many"); on PostgreSQL the plan never changes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.factories import customer, touch
from touchdesk.data import customers as customers_module
from touchdesk.data import search
from touchdesk.data.workspace import Workspace

DAY = dt.datetime(2026, 3, 1, 9, 0)


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    """Seven customers; "Karimi" is in five names, a company and an e-mail; two are deleted or
    merged away; three have a last contact, on distinct days."""
    ids = {
        "zahra": customer(workspace, "Zahra Karimi"),
        "ali": customer(workspace, "Ali Karimi", phone="09121234567"),
        "amir": customer(workspace, "Amir Rad", company="Karimi Trading"),
        "bita": customer(workspace, "Bita Sohrabi", email="karimi.b@example.com"),
        "ali2": customer(workspace, "Ali Karimi"),
        "gone": customer(workspace, "Kian Karimi"),
        "dup": customer(workspace, "Karimi Dup"),
        "other": customer(workspace, "Sara Ahmadi"),
    }
    workspace.delete_customer(ids["gone"])
    workspace.merge_customers(ids["zahra"], ids["dup"])
    touch(workspace, ids["amir"], at=DAY)
    touch(workspace, ids["zahra"], at=DAY + dt.timedelta(days=2))
    touch(workspace, ids["ali2"], at=DAY + dt.timedelta(days=1))
    return ids


def page(ws: Workspace, query: str, **kwargs: object) -> list[int]:
    return [r.id for r in ws.find_customers(query, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize("many", [2, 10_000])
def test_search_pages_keep_their_order_and_paging(
    workspace: Workspace, people: dict[str, int], monkeypatch: pytest.MonkeyPatch, many: int
) -> None:
    monkeypatch.setattr(customers_module, "MANY_MATCHES", many)
    p = people
    # Matches, by name then id: Ali Karimi (ali, ali2), Amir Rad, Bita Sohrabi, Zahra Karimi.
    by_name = [p["ali"], p["ali2"], p["amir"], p["bita"], p["zahra"]]
    assert page(workspace, "karimi") == by_name
    assert page(workspace, "kar", descending=True) == by_name[::-1]
    assert page(workspace, "karimi", offset=1, limit=2) == by_name[1:3]
    assert page(workspace, "karimi", offset=4, limit=2) == by_name[4:]
    # Never contacted first (by id), then the oldest contact; reversed, the newest first.
    by_contact = [p["ali"], p["bita"], p["amir"], p["ali2"], p["zahra"]]
    assert page(workspace, "karimi", sort="last_event_at") == by_contact
    assert page(workspace, "karimi", sort="last_event_at", descending=True) == [
        p["zahra"],
        p["ali2"],
        p["amir"],
        p["bita"],
        p["ali"],
    ]
    assert page(workspace, "ali karimi") == [p["ali"], p["ali2"]]
    # Four without a company (by id), then Karimi Trading.
    assert page(workspace, "karimi", sort="company") == [
        p["zahra"],
        p["ali"],
        p["bita"],
        p["ali2"],
        p["amir"],
    ]
    assert page(workspace, "karimi", tag="vip") == []
    assert page(workspace, "nobody") == []
    assert workspace.count_customers("karimi") == 5


def test_many_matches_walk_the_sort_index_on_sqlite_only(
    workspace: Workspace, people: dict[str, int], backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen: list[bool] = []
    walks = customers_module._walks_sort_index

    def spy(*args: object) -> bool:
        chosen.append(walks(*args))  # type: ignore[arg-type]
        return chosen[-1]

    monkeypatch.setattr(customers_module, "_walks_sort_index", spy)
    monkeypatch.setattr(customers_module, "MANY_MATCHES", 5)
    page(workspace, "karimi")  # five matches
    page(workspace, "ali")  # two
    page(workspace, "karimi", sort="company")  # no index to walk
    page(workspace, "karimi", stage="before_purchase")  # another filter
    assert chosen == [backend == "sqlite", False, False, False]


def test_matches_at_least_counts_up_to_its_bound(workspace: Workspace, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the count is the SQLite search index's")
    customer(workspace, "Ali Karimi")
    customer(workspace, "Alireza Karimi")
    customer(workspace, "Bob")
    with workspace.db.read() as session:
        assert search.matches_at_least(session, "ali", 2)
        assert not search.matches_at_least(session, "ali", 3)
        assert search.matches_at_least(session, "علي", 0)
        assert not search.matches_at_least(session, "", 1)
        assert not search.matches_at_least(session, '"*', 1)


NAMES = st.lists(
    st.text(alphabet="abکكی ", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=12
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=NAMES, query=st.sampled_from(["a", "b", "ab", "ک", "ی a", "bb"]))
def test_walking_the_index_finds_what_the_matches_find(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, names: list[str], query: str
) -> None:
    for name in names:
        customer(workspace, name)
    for sort in ("name", "last_event_at"):
        for descending in (False, True):
            monkeypatch.setattr(customers_module, "MANY_MATCHES", 10**9)
            expected = page(workspace, query, sort=sort, descending=descending, limit=5, offset=1)
            monkeypatch.setattr(customers_module, "MANY_MATCHES", 1)
            assert page(workspace, query, sort=sort, descending=descending, limit=5, offset=1) == (
                expected
            )
