"""Any text a user can type or paste is stored, read back and found the same way on SQLite and on
PostgreSQL — including NUL, which PostgreSQL's text type cannot hold at all."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from touchdesk.data.records import CustomerInput, TouchpointInput
from touchdesk.data.workspace import Workspace
from touchdesk.textnorm import search_tokens

PIECES = st.sampled_from(
    list("abcXYZ ,;\"'<>&=+-@%_\\\t\n\r/")
    + list("سلامیيکك۰۱۲٣٤")
    + ["\x00", "\u200c", "\u200f", "\u202e", "\u0301", "😀", "👩‍👩‍👧", "\u0007", "\u00a0", "𝔘"]
)
TEXT = st.lists(PIECES, min_size=1, max_size=25).map("".join)


def _stored(value: str) -> str:
    """What the app keeps of typed text: trimmed, without NUL."""
    return value.replace("\x00", "").strip()


@settings(max_examples=25)
@given(
    name=TEXT.filter(lambda s: _stored(s)),
    company=TEXT,
    note=TEXT,
    tag=TEXT.filter(lambda s: _stored(s)),
    title=TEXT.filter(lambda s: _stored(s)),
)
def test_any_text_is_kept_and_found_alike(
    workspace: Workspace, name: str, company: str, note: str, tag: str, title: str
) -> None:
    cid = workspace.create_customer(
        CustomerInput(name=name, company=company, notes=note, tags=(tag,))
    )
    workspace.log_touchpoint(
        TouchpointInput(cid, "support_channels", "chat", "negative", "inbound", note=note)
    )
    workspace.add_followup(title, dt.datetime(2026, 12, 1, 9), customer_id=cid)
    stored = workspace.customer(cid)
    assert (stored.name, stored.company, stored.notes) == (
        _stored(name),
        _stored(company),
        _stored(note),
    )
    assert [t.casefold() for t in stored.tags] == [tag.replace("\x00", "").strip()[:100].casefold()]
    assert workspace.timeline(cid)[0].note == _stored(note)
    assert workspace.open_followups(cid)[0].title == _stored(title)
    # Searched for as shown (Hypothesis runs many examples in one database: no page limit).
    if search_tokens(stored.name):
        assert cid in [r.id for r in workspace.find_customers(stored.name, limit=10**6)]
    assert cid in [r.id for r in workspace.find_customers(tag=stored.tags[0], limit=10**6)]


def test_nul_in_a_tag_or_touchpoint_name_is_dropped(workspace: Workspace) -> None:
    """On SQLite a NUL would be stored; on PostgreSQL it would fail the save."""
    cid = workspace.create_customer(CustomerInput(name="Sara", tags=("V\x00IP", "\x00")))
    assert workspace.customer(cid).tags == ("VIP",)
    key = workspace.add_touchpoint_type("repair_visit", "customer_service", "Repair\x00 visit")
    assert workspace.touchpoint_label(key) == "Repair visit"
