"""Journey and plan reports, and user text safety: markup, <img>, 10,000-character notes, Persian
mixed with Latin, emoji; Hypothesis drives random names and notes through every report."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.helpers.factories import customer, touch
from touchdesk.cli import main
from touchdesk.formatting import Month
from touchdesk.reports import fonts, journey, monthly, monthly_model
from touchdesk.reports.base import report_language
from touchdesk.reports.text import REPLACEMENT, clean, escape, visual

# The report's queries are data-layer code: check them on both engines.
pytestmark = pytest.mark.both_backends

NOW = dt.datetime(2026, 12, 5, 12, 0)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_journey_facts_and_pdf_numbers(workspace):
    cid = customer(workspace, "Sara Ahmadi", email="sara@example.com", phone="+44 7700 900123")
    touch(
        workspace,
        cid,
        "social_media",
        "social",
        "positive",
        at=dt.datetime(2026, 10, 1, 9),
        note="Saw our post",
    )
    touch(
        workspace,
        cid,
        "ecommerce",
        "website",
        "positive",
        at=dt.datetime(2026, 10, 2, 9),
        amount_cents=4_250,
    )
    touch(
        workspace,
        cid,
        "billing",
        "email",
        "negative",
        at=dt.datetime(2026, 10, 3, 9),
        amount_cents=1_000,
    )
    decision = touch(
        workspace, cid, "sales_conversation", "phone", "decision", at=dt.datetime(2026, 10, 4, 9)
    )
    workspace.resolve_decision(decision, "positive")
    workspace.add_followup(
        "Call back about the invoice", dt.datetime(2026, 12, 10, 9), customer_id=cid
    )
    model = journey.build_model(workspace, cid, made_at=NOW)
    data = model.to_json()
    assert data["facts"]["touchpoints"] == 4 and data["facts"]["purchases"] == 2
    assert data["facts"]["total_spent"] == 5_250
    assert data["facts"]["outcome_mix"] == {
        "positive": 3,
        "neutral": 0,
        "negative": 1,
        "decision": 0,
    }
    assert data["facts"]["first_contact"] == "2026-10-01T09:00"
    assert [t["touchpoint"] for t in data["touchpoints"]] == [
        "social_media",
        "ecommerce",
        "billing",
        "sales_conversation",
    ]
    text = _pdf_text(journey.render(model))
    assert "$52.50" in text and "Positive 3" in text and "Negative 1" in text
    assert "Call back about the invoice" in text and "Saw our post" in text
    assert "Page 1 of" in text


def test_markup_and_img_are_shown_as_text_never_read(workspace, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    nasty = f'<b>bold</b> <img src="{secret}"/> <img src="/etc/passwd"> & <font size=40>x</font>'
    cid = customer(workspace, nasty)
    touch(workspace, cid, note=nasty, at=dt.datetime(2026, 11, 2, 9))
    text = _pdf_text(journey.render(journey.build_model(workspace, cid)))
    assert '<img src="/etc/passwd">' in text and "<b>bold</b>" in text
    assert "TOP-SECRET-CONTENT" not in text and "root:" not in text
    assert escape('<img src="x">') == "&lt;img src=&quot;x&quot;&gt;"


def test_ten_thousand_character_note_splits_across_pages(workspace):
    cid = customer(workspace, "Long Note")
    note = " ".join(f"w{i:05d}" for i in range(1700))  # 10,199 characters
    touch(workspace, cid, note=note, at=dt.datetime(2026, 11, 2, 9))
    pdf = journey.render(journey.build_model(workspace, cid))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    text = _pdf_text(pdf)
    assert all(f"w{i:05d}" in text for i in (0, 850, 1699))


def test_emoji_and_missing_glyphs_become_one_visible_mark():
    covered = fonts.register()
    assert clean("ok 👍🏽 done", covered) == f"ok {REPLACEMENT} done"
    assert clean("👨‍👩‍👧", covered) == REPLACEMENT
    assert clean("tab\there\x07", covered) == "tab here "
    assert clean("سلام\u200cها", covered) == "سلام\u200cها"


def test_persian_is_shaped_and_reordered_with_latin_kept_in_order():
    line = visual("سلام Sara (VIP) خوبی؟", True)
    assert "Sara (VIP)" in line  # the Latin run keeps its order, brackets the right way round
    assert "\ufee1" in line or "\ufee2" in line  # a shaped presentation form of م
    assert line.index("Sara") > 0 and not line.startswith("س")
    assert visual("plain English", False) == "plain English"


def test_persian_journey_pdf_has_latin_email_and_persian_digits(workspace):
    cid = customer(workspace, "سارا احمدی", email="sara@example.com")
    touch(
        workspace,
        cid,
        note="پیگیری سفارش Sara با کد ABC-123",
        at=dt.datetime(2026, 11, 2, 9),
        amount_cents=150_000,
    )
    with report_language("fa", "jalali", "IRT"):
        model = journey.build_model(workspace, cid)
        text = _pdf_text(journey.render(model))
    assert "sara@example.com" in text and "ABC-123" in text
    # pypdf reads right-to-left lines back to front: accept a number either way round.
    assert "۱٬۵۰۰" in text or "۰۰۵٬۱" in text  # 1,500 Toman in Persian digits
    assert "۱۴۰۵/۰۸/۱۱" in text or "۱۱/۸۰/۵۰۴۱" in text  # 2026-11-02 in the Jalali calendar


def test_journey_cli_by_email_and_json(workspace, db_url, capsys):
    cid = customer(workspace, "Sara", email="sara@example.com")
    touch(workspace, cid, at=dt.datetime(2026, 11, 2, 9))
    assert (
        main(
            [
                "--db",
                db_url,
                "report",
                "journey",
                "--customer",
                "sara@example.com",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["customer"]["id"] == cid
    assert main(["--db", db_url, "report", "journey", "--customer", "nobody@example.com"]) == 1
    assert main(["--db", db_url, "report", "plan"]) == 1  # no plan yet: a clear error


def test_registering_the_cli_does_not_import_reportlab():
    code = "import sys, touchdesk.cli as c; c.build_parser(); print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300) | st.sampled_from(
    ["سارا <b>احمدی</b> 😀", "Ali & Co. <img src='/etc/passwd'>", "۰۹۱۲ ۳۴۵ ۶۷۸۹", "x" * 3000]
)


@settings(max_examples=8)
@given(name=_text, note=_text)
def test_random_text_through_every_report(workspace, name, note):
    cid = customer(workspace, name if name.strip() else "x")
    touch(
        workspace,
        cid,
        "support_channels",
        "chat",
        "negative",
        "inbound",
        at=dt.datetime(2026, 11, 2, 9),
        note=note,
    )
    for lang in ("en", "fa"):
        with report_language(lang):
            assert journey.render(journey.build_model(workspace, cid)).startswith(b"%PDF")
            model = monthly_model.build_model(workspace, Month(2026, 11), appendix=True, now=NOW)
            assert monthly.render(model).startswith(b"%PDF")
