"""Customer search behind one API on both engines: FTS5 on SQLite, trigram-indexed word prefixes on
PostgreSQL. Same answers for letters in both Persian and Arabic forms, digits in three scripts,
prefixes, several words, and characters that mean something to LIKE or MATCH."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.factories import customer
from touchdesk.data.workspace import Workspace
from touchdesk.textnorm import search_tokens


def ids(ws: Workspace, query: str) -> set[int]:
    found = {r.id for r in ws.find_customers(query)}
    assert ws.count_customers(query) == len(found)
    return found


def test_search_folds_letters_and_digits_and_matches_word_prefixes(workspace: Workspace) -> None:
    ali = customer(workspace, "علی کریمی", phone="0912 123 4567", city="تهران")
    sara = customer(workspace, "Sara Ahmadi", email="sara@example.com", company="Ahmadi & Co")
    assert ids(workspace, "علي") == {ali}  # Arabic yeh finds Persian yeh
    assert ids(workspace, "كريمي") == {ali}  # Arabic kaf too
    assert ids(workspace, "۰۹۱۲") == {ali}  # Persian digits find Latin ones
    assert ids(workspace, "091212345") == {ali}
    assert ids(workspace, "sar") == {sara}
    assert ids(workspace, "ahmadi sara") == {sara}  # every word, in any order
    assert ids(workspace, "ahmadi tehran") == set()
    assert ids(workspace, "hmadi") == set()  # a word's start, not its middle
    assert ids(workspace, "sara@example") == {sara}
    assert ids(workspace, "") == {ali, sara}


def test_like_and_match_characters_are_plain_text(workspace: Workspace) -> None:
    percent = customer(workspace, "100% Cotton")
    under = customer(workspace, "snake_case Ltd")
    customer(workspace, "Other")
    assert ids(workspace, "%") <= {percent}
    assert ids(workspace, "snake_") == {under}
    assert ids(workspace, '"quoted" OR *') == set()
    assert ids(workspace, "100") == {percent}


def test_deleted_and_merged_customers_leave_the_results(workspace: Workspace) -> None:
    keep = customer(workspace, "Reza Tehrani", phone="09351112233")
    other = customer(workspace, "Reza T.", email="reza@example.com")
    gone = customer(workspace, "Reza Gone")
    workspace.delete_customer(gone)
    assert ids(workspace, "reza") == {keep, other}
    workspace.merge_customers(keep, other)
    assert ids(workspace, "reza") == {keep}
    assert ids(workspace, "reza@example") == {keep}  # the merged e-mail moved with it
    workspace.restore_customer(gone)
    assert ids(workspace, "gone") == {gone}


NAMES = st.lists(st.sampled_from(list("abcdeسلامیيکك۰۱۲ 123-_%'\"")), min_size=1, max_size=14).map(
    "".join
)


@settings(max_examples=30)
@given(name=NAMES)
def test_every_customer_is_found_by_its_own_name(workspace: Workspace, name: str) -> None:
    if not search_tokens(name):
        return
    cid = customer(workspace, name)
    assert cid in ids(workspace, name)
    assert cid in ids(workspace, search_tokens(name)[0][:1])
