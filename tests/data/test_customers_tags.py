"""Tags match Latin letters regardless of case and everything else exactly — never a duplicate."""

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.factories import customer


def test_latin_case_is_one_tag(workspace):
    a = customer(workspace, "A", tags=["VIP"])
    b = customer(workspace, "B", tags=["vip"])
    assert workspace.tags() == ["VIP"]
    assert workspace.customer(a).tags == workspace.customer(b).tags == ("VIP",)


@given(st.text(min_size=1, max_size=8).filter(lambda s: s.strip() and "\x00" not in s))
def test_any_tag_given_twice_is_stored_once(db_url, tag):
    from touchdesk.data.workspace import Workspace

    ws = Workspace.open(db_url)
    try:
        before = len(ws.tags())
        customer(ws, "One", tags=[tag])
        customer(ws, "Two", tags=[tag])
        assert len(ws.tags()) <= before + 1
    finally:
        ws.close()
