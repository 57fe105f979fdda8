"""The monthly report: JSON schema and exact numbers, the PDF shows the same numbers, Jalali
month boundaries, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from tests.helpers.factories import customer, touch
from touchdesk.cli import main
from touchdesk.formatting import Month
from touchdesk.reports import monthly, monthly_model

# The report's queries are data-layer code: check them on both engines.
pytestmark = pytest.mark.both_backends

NOW = dt.datetime(2026, 12, 5, 12, 0)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _fixture(ws) -> None:  # type: ignore[no-untyped-def]
    ws.set_setting("business_name", "Acme & <Sons>")
    a = customer(ws, "Sara Ahmadi", email="sara@example.com")
    b = customer(ws, "Reza Karimi")
    c = customer(ws, "Old Customer")
    touch(ws, c, "social_media", "social", "positive", at=dt.datetime(2026, 10, 20, 10))
    touch(ws, a, "social_media", "social", "positive", at=dt.datetime(2026, 11, 1, 9))
    touch(
        ws,
        a,
        "ecommerce",
        "website",
        "positive",
        at=dt.datetime(2026, 11, 3, 9),
        amount_cents=12_500,
    )
    touch(
        ws,
        a,
        "support_channels",
        "phone",
        "negative",
        "inbound",
        at=dt.datetime(2026, 11, 10, 9),
        response_minutes=30,
    )
    touch(ws, b, "sales_conversation", "phone", "decision", at=dt.datetime(2026, 11, 21, 9))
    touch(
        ws,
        b,
        "point_of_sale",
        "in_person",
        "neutral",
        at=dt.datetime(2026, 11, 30, 23, 59),
        amount_cents=7_500,
    )
    touch(ws, c, "billing", "email", "negative", at=dt.datetime(2026, 12, 1, 0, 0))


def test_json_schema_and_hand_counted_numbers(workspace):
    _fixture(workspace)
    model = monthly_model.build_model(workspace, Month(2026, 11), now=NOW)
    data = json.loads(json.dumps(model.to_json()))
    assert data["period"]["start"] == "2026-11-01" and data["period"]["end"] == "2026-11-30"
    assert data["totals"] == {
        "touchpoints": 5,
        "customers_contacted": 2,
        "new_customers": 2,
        "purchases": 2,
        "revenue": 20_000,
    }
    assert data["by_outcome"] == {"positive": 2, "neutral": 1, "negative": 1, "decision": 1}
    assert data["by_stage"] == {
        "before_purchase": 1,
        "during_purchase": 3,
        "after_purchase": 0,
        "customer_service": 1,
    }
    assert data["by_channel"]["phone"] == 2 and data["by_channel"]["post"] == 0
    assert set(data["by_channel"]) >= {
        "phone",
        "sms",
        "email",
        "social",
        "website",
        "chat",
        "in_person",
        "event",
        "marketplace",
        "post",
        "other",
    }
    for item in data["friction"]:
        assert {"touchpoint", "channel", "events", "negative", "share"} <= set(item)
    assert data["previous_totals"]["touchpoints"] == 1
    assert set(data["previous_totals"]) == set(data["totals"]) == set(data["change"])
    assert data["change"]["touchpoints"] == 4.0  # 5 against 1
    assert data["followups"] == {"due": 0, "done": 0, "on_time": 0}
    assert "appendix" not in data


def test_pdf_shows_the_json_numbers_and_page_x_of_y(workspace):
    _fixture(workspace)
    model = monthly_model.build_model(workspace, Month(2026, 11), appendix=True, now=NOW)
    text = _text(monthly.render(model))
    data = model.to_json()
    assert "Acme & <Sons>" in text
    assert "$200.00" in text  # revenue 20,000 hundredths
    t = data["totals"]
    kpi = re.search(r"Touchpoints\s+(\d+)\s+(\d+)\s+\+400%", text)
    assert (
        kpi
        and int(kpi.group(1)) == t["touchpoints"]
        and int(kpi.group(2)) == data["previous_totals"]["touchpoints"]
    )
    assert re.search(rf"Customers contacted\s+{t['customers_contacted']}\s", text)
    assert re.search(rf"New customers\s+{t['new_customers']}\s", text)
    assert re.search(rf"Purchases\s+{t['purchases']}\s", text)
    pages = len(PdfReader(io.BytesIO(monthly.render(model))).pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    # The appendix lists every touchpoint of the month: both customers, the late-evening one too.
    assert text.count("Reza Karimi") >= 2 and "Old Customer" not in text.split("Appendix")[-1]


def test_jalali_month_covers_1_to_30_azar(workspace):
    cid = customer(workspace, "Mina")
    touch(workspace, cid, at=dt.datetime(2026, 11, 21, 23, 59))  # 30 Aban
    touch(workspace, cid, at=dt.datetime(2026, 11, 22, 0, 0))  # 1 Azar
    touch(workspace, cid, at=dt.datetime(2026, 12, 21, 23, 59))  # 30 Azar
    touch(workspace, cid, at=dt.datetime(2026, 12, 22, 0, 0))  # 1 Dey
    model = monthly_model.build_model(
        workspace, Month.parse("1405-09", "jalali"), appendix=True, now=NOW
    )
    data = model.to_json()
    assert data["period"]["start"] == "2026-11-22" and data["period"]["end"] == "2026-12-21"
    assert data["totals"]["touchpoints"] == 2
    assert [e["occurred_at"] for e in data["appendix"]] == ["2026-11-22T00:00", "2026-12-21T23:59"]


def test_cli_json_and_pdf(workspace, db_url, tmp_path, capsys):
    _fixture(workspace)
    assert (
        main(
            [
                "--db",
                db_url,
                "report",
                "monthly",
                "--month",
                "2026-11",
                "--format",
                "json",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["touchpoints"] == 5
    out = tmp_path / "m.pdf"
    assert (
        main(
            [
                "--db",
                db_url,
                "report",
                "monthly",
                "--month",
                "1405-09",
                "--calendar",
                "jalali",
                "--lang",
                "fa",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert (
        main(["--db", db_url, "report", "monthly", "--month", "2026-13", "--format", "json"]) == 1
    )


def test_persian_pdf_shows_the_json_numbers_in_persian_digits(workspace):
    from touchdesk.reports.base import report_language

    _fixture(workspace)
    with report_language("fa", "jalali", "IRT"):
        model = monthly_model.build_model(workspace, Month.parse("1405-08", "jalali"), now=NOW)
        text = _text(monthly.render(model))
    data = model.to_json()
    assert data["period"]["start"] == "2026-10-23" and data["period"]["end"] == "2026-11-21"
    assert data["totals"]["revenue"] == 12_500 and data["totals"]["touchpoints"] == 4
    # The PDF holds shaped letters in drawing order; fold them back and accept either reading
    # direction of a right-to-left run.
    flat = unicodedata.normalize("NFKC", text)

    def either(*words: str) -> str:
        return "|".join(re.escape(w) for word in words for w in (word, word[::-1]))

    assert re.search(
        f"({either('۱۲۵')}) ({either('تومان')})|({either('تومان')}) ({either('۱۲۵')})", flat
    )
    assert re.search(f"({either('صفحه')}) ۱ ({either('از')})", flat)
    assert "Acme & <Sons>" in flat
