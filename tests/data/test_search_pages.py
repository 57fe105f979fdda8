"""Search pages of the customer list: the same rows in the same order however the database reads
them. On SQLite a search matching many customers walks the sort order's index, and one matching
most of them tests customers one by one in name order (the thresholds are lowered here so a
handful of customers is "many"); on PostgreSQL the plan never changes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.factories import customer, touch
from touchdesk.data import customer_list, search
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


PLANS = {
    "matches": {"MANY_MATCHES": 10_000},
    "walk": {"MANY_MATCHES": 2, "DENSE_SHARE": 2.0},
    "probe": {"MANY_MATCHES": 2, "DENSE_SHARE": 1e-9, "PROBE_SLACK": 0, "MAX_PROBES": 10**6},
}


def use_plan(monkeypatch: pytest.MonkeyPatch, plan: str) -> None:
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(customer_list, name, value)


@pytest.mark.parametrize("plan", list(PLANS))
def test_search_pages_keep_their_order_and_paging(
    workspace: Workspace, people: dict[str, int], monkeypatch: pytest.MonkeyPatch, plan: str
) -> None:
    use_plan(monkeypatch, plan)
    p = people
    # Matches, by name then id: Ali Karimi (ali, ali2), Amir Rad, Bita Sohrabi, Zahra Karimi.
    by_name = [p["ali"], p["ali2"], p["amir"], p["bita"], p["zahra"]]
    assert page(workspace, "karimi") == by_name
    assert page(workspace, "kar") == by_name
    assert page(workspace, "kar", descending=True) == by_name[::-1]
    assert page(workspace, "kar", offset=1, limit=2) == by_name[1:3]
    assert page(workspace, "kar", offset=4, limit=2) == by_name[4:]
    assert page(workspace, "kar", descending=True, offset=3, limit=1) == [p["ali2"]]
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
    assert page(workspace, "al ka") == [p["ali"], p["ali2"]]
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


@pytest.mark.parametrize("plan", list(PLANS))
def test_search_pages_count_open_followups_of_their_rows(
    workspace: Workspace, people: dict[str, int], monkeypatch: pytest.MonkeyPatch, plan: str
) -> None:
    use_plan(monkeypatch, plan)
    p = people
    for who, titles in (("bita", "abc"), ("ali2", "d"), ("other", "ef")):
        for title in titles:
            workspace.add_followup(title, DAY, customer_id=p[who])
    done = workspace.add_followup("done", DAY, customer_id=p["ali2"])
    workspace.complete_followup(done)
    for query in ("kar", "karimi"):
        counts = {r.id: r.open_followups for r in workspace.find_customers(query)}
        assert counts == {p["ali"]: 0, p["ali2"]: 1, p["amir"]: 0, p["bita"]: 3, p["zahra"]: 0}
        assert [
            r.open_followups for r in workspace.find_customers(query, sort="last_event_at")
        ] == [
            0,
            3,
            0,
            1,
            0,
        ]
    # By open follow-ups, most first; equal counts by id, highest first.
    assert page(workspace, "kar", sort="open_followups", descending=True) == [
        p["bita"],
        p["ali2"],
        p["amir"],
        p["ali"],
        p["zahra"],
    ]


def test_many_matches_walk_the_sort_index_on_sqlite_only(
    workspace: Workspace, people: dict[str, int], backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen: list[bool] = []
    walks = customer_list._walks_sort_index

    def spy(*args: object) -> bool:
        chosen.append(walks(*args))  # type: ignore[arg-type]
        return chosen[-1]

    monkeypatch.setattr(customer_list, "_walks_sort_index", spy)
    monkeypatch.setattr(customer_list, "MANY_MATCHES", 5)
    page(workspace, "karimi")  # five matches
    page(workspace, "ali")  # two
    page(workspace, "karimi", sort="company")  # no index to walk
    page(workspace, "karimi", stage="before_purchase")  # another filter
    assert chosen == [backend == "sqlite", False, False, False]


def test_most_customers_matching_are_tested_one_by_one_up_to_a_bound(
    workspace: Workspace, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ids alternate: odd ones are "Amir Karimi", first by name; even ones "Zoe", last by name.
    amirs, zoes = [], []
    for i in range(20):
        amirs.append(customer(workspace, f"Amir Karimi {i:02d}"))
        zoes.append(customer(workspace, f"Zoe {i:02d}"))
    use_plan(monkeypatch, "walk")
    monkeypatch.setattr(customer_list, "DENSE_SHARE", 0.5)
    monkeypatch.setattr(customer_list, "PROBE_SLACK", 0)
    probed: list[bool] = []
    probe = customer_list._probed_page

    def spy(*args: object) -> object:
        found = probe(*args)  # type: ignore[arg-type]
        probed.append(found is not None)
        return found

    monkeypatch.setattr(customer_list, "_probed_page", spy)
    # Half the ids sampled match either word: the page of 5 should end within 1.5 * 5 / 0.5 = 15
    # rows. The Amirs fill it there; the Zoes start at row 21, so the walk takes over.
    assert page(workspace, "kar", limit=5) == amirs[:5]
    assert page(workspace, "zo", limit=5) == zoes[:5]
    # 1.5 * 15 / 0.5 = 45 rows are more than there are: no bound, every row is tested.
    assert page(workspace, "zo", offset=10, limit=5) == zoes[10:15]
    assert page(workspace, "zo", limit=5, descending=True) == zoes[::-1][:5]
    assert page(workspace, "karimi", limit=5) == amirs[:5]  # a long word is never tested alone
    # The bound row itself belongs to the window: a page ending on it is complete.
    monkeypatch.setattr(customer_list, "PROBE_MARGIN", 0.5)
    assert page(workspace, "kar", limit=5) == amirs[:5]
    sqlite = backend == "sqlite"
    assert probed == ([True, False, True, True, False, True] if sqlite else [])


def test_matches_at_least_and_the_sampled_share(workspace: Workspace, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the SQLite search index's")
    customer(workspace, "Ali Karimi")
    customer(workspace, "Alireza Karimi")
    customer(workspace, "Bob")
    gone = customer(workspace, "Ali Gone")
    workspace.delete_customer(gone)
    with workspace.db.read() as session:
        assert search.matches_at_least(session, "ali", 2)
        assert not search.matches_at_least(session, "ali", 3)
        assert search.matches_at_least(session, "علي", 0)
        assert not search.matches_at_least(session, "", 1)
        assert not search.matches_at_least(session, '"*', 1)
        # Ids 3 and 4 are the upper half: Bob, and Ali Gone (deleted, so not a match).
        assert search.sampled_share(session, "ali") == 0.0
        assert search.sampled_share(session, "b") == 0.5
        assert search.sampled_share(session, "ali", size=1) == 0.0
        assert search.sampled_share(session, "") == 0.0
    assert search.probes_are_cheap("al ka ۰۹۱")
    assert not search.probes_are_cheap("al alir")
    assert not search.probes_are_cheap("")


NAMES = st.lists(
    st.text(alphabet="abکكی ", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=12
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=NAMES, query=st.sampled_from(["a", "b", "ab", "ک", "ی a", "bb", "abab"]))
def test_walking_or_testing_finds_what_the_matches_find(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, names: list[str], query: str
) -> None:
    for name in names:
        customer(workspace, name)
    for sort in ("name", "last_event_at"):
        for descending in (False, True):
            use_plan(monkeypatch, "matches")
            expected = page(workspace, query, sort=sort, descending=descending, limit=5, offset=1)
            for plan in ("walk", "probe"):
                use_plan(monkeypatch, plan)
                found = page(workspace, query, sort=sort, descending=descending, limit=5, offset=1)
                assert found == expected
