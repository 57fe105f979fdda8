"""Hostile text — RTL, LTR, combining marks, emoji, control characters, 100 KB — survives
create → save → reload → search → PDF → CSV export → import, identical, and never crashes."""

import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from touchdesk.data.records import CustomerInput, TouchpointInput
from touchdesk.data.workspace import Workspace
from touchdesk.textnorm import search_tokens

# Characters people really paste: Persian and Latin letters, digits of three scripts, ZWNJ,
# combining marks, emoji, bidi controls, quotes and separators that CSV and markup care about.
PIECES = st.sampled_from(
    list("abcXYZ ,;\"'<>&=+-@\t\n\r\\/")
    + list("سلامیيکك۰۱۲٣٤")
    + ["\u200c", "\u200f", "\u202e", "\u0301", "\u064b", "😀", "👩‍👩‍👧", "\u0007", "\u00a0", "𝔘"]
    + ["<b>", "<img src=/etc/passwd>", "=SUM(A1)", "'quoted"]
)
TEXT = st.lists(PIECES, min_size=1, max_size=30).map("".join)
BIG = st.lists(PIECES, min_size=1, max_size=20).map(
    lambda parts: "".join(parts) * 2500
)  # up to ~100 KB


def _clean(value: str) -> str:
    """What the app stores for typed text: trimmed, without NUL."""
    return value.replace("\x00", "").strip()


@settings(max_examples=8)
@given(name=TEXT.filter(lambda s: _clean(s)), note=BIG, tag=TEXT)
def test_text_round_trips_through_store_search_and_csv(tmp_path_factory, db_path, name, note, tag):
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "db.sqlite3"
    shutil.copyfile(db_path, path)
    ws = Workspace.open(path)
    try:
        cid = ws.create_customer(CustomerInput(name=name, notes=note, tags=(tag,)))
        ws.log_touchpoint(
            TouchpointInput(cid, "support_channels", "chat", "negative", "inbound", note=note)
        )
        ws.close()
        ws = Workspace.open(path)
        stored = ws.customer(cid)
        assert stored.name == _clean(name)
        assert stored.notes == _clean(note)
        assert ws.timeline(cid)[0].note == _clean(note)
        if search_tokens(name):
            assert cid in [r.id for r in ws.find_customers(name)]
        # ... and into a PDF, in both languages, without crashing or reading files named in it.
        from touchdesk.reports import journey
        from touchdesk.reports.base import report_language

        for lang in ("en", "fa"):
            with report_language(lang):
                pdf = folder / f"journey-{lang}.pdf"
                journey.render(journey.build_model(ws, cid), str(pdf))
            assert pdf.read_bytes().startswith(b"%PDF")
            assert b"root:x:0:0" not in pdf.read_bytes()
        exported = folder / "customers.csv"
        assert ws.export_customers(exported) == 1
        events = folder / "touchpoints.csv"
        assert ws.export_touchpoints(events) == 1
    finally:
        ws.close()
    other = Workspace.open(folder / "fresh.sqlite3")
    try:
        report = other.import_customers(exported)
        assert (report.imported, report.rejected) == (1, [])
        back = other.customer(other.find_customers()[0].id)
        assert (back.name, back.notes) == (stored.name, stored.notes)
        assert set(back.tags) == set(stored.tags)
        report = other.import_touchpoints(events)
        assert (report.imported, report.rejected) == (1, [])
        assert other.timeline(back.id)[0].note == stored.notes
    finally:
        other.close()
