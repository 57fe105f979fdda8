"""vCard import (2.1 quoted-printable, 3.0 multi-contact) and the vCard 3.0 round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.data.test_export_roundtrip import fresh_workspace, text_values
from tests.data.test_import_customers import fixture_copy
from tests.helpers.factories import customer
from touchdesk.cli import main
from touchdesk.data.workspace import Workspace


def one_line_break(text: str) -> str:
    """vCard has one line break: \\r and \\r\\n come back as \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def details(ws: Workspace) -> list[tuple[object, ...]]:
    return [
        (d.name, d.company, d.phones, d.emails, d.city, d.source, d.tags, d.notes)
        for d in (ws.customer(c.id) for c in ws.find_customers(limit=500))
    ]


def test_realistic_vcard_30_file(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fixture_copy(tmp_path, "contacts_v30.vcf")
    code = main(["--db", db_url, "import", "customers", str(source)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:4] == [
        "Imported: 3",
        "Duplicates skipped: 1",
        "Rejected rows: 1",
        "Customers created: 3",
    ]
    assert out[-1] == "contact 4: email: not a valid e-mail address: broken@@example"
    with Workspace.open(db_url) as ws:
        assert details(ws) == [
            ("Dr. John Q. Doe", "", (), ("john.doe@example.org",), "", "", (), ""),
            (
                "Sara Ahmadi",
                "Acme Trading, Ltd., Sales",
                ("0912 123 4567", "+98 21 8877 6655"),  # the mobile first
                ("sara@acme.example", "sara.home@example.com"),
                "Tehran",
                "",
                ("vip", "wholesale"),
                "Prefers WhatsApp.\nCall after 10.",
            ),
            ("رضا کریمی", "", ("۰۹۱۲۷۶۵۴۳۲۱", "021-66554433"), (), "", "", (), ""),
        ]
    rejected = source.with_name("contacts_v30.vcf.rejected.csv").read_text("utf-8-sig")
    assert (
        rejected.splitlines()[1]
        == "No Way,,broken@@example,,,,,,email: not a valid e-mail address: broken@@example"
    )


def test_vcard_21_quoted_printable_persian_name(workspace: Workspace, tmp_path: Path) -> None:
    report = workspace.import_customers(fixture_copy(tmp_path, "contacts_v21_qp.vcf"))
    assert (report.imported, report.duplicates, report.rejected) == (2, 0, [])
    assert details(workspace) == [
        ("Anna Smith", "", ("+44 7700 900123",), ("anna@example.co.uk",), "", "", (), ""),
        ("سارا احمدی", "", ("09121234567", "02188776655"), (), "", "", (), ""),
    ]


def test_vcard_export_is_re_imported_unchanged(workspace: Workspace, tmp_path: Path) -> None:
    customer(
        workspace,
        'Nasrin, "Naz"; Jafari',
        company="Gol; Sons, Co.",
        phones=("09350001122", "+44 20 7946 0000"),
        emails=("nasrin@example.com", "n.work@example.com"),
        city="Tehran, North",
        source="=referral",
        tags=("vip", "a,b", "c;d", "back\\slash"),
        notes="Line one\nLine two: colon; semicolon, comma \\ backslash",
    )
    customer(workspace, "رضا کریمی", notes="یادداشت\nدو خط")
    target = tmp_path / "out" / "all.vcf"
    assert workspace.export_customers(target) == 2
    assert target.read_text("utf-8").count("BEGIN:VCARD") == 2
    with fresh_workspace(tmp_path) as other:
        report = other.import_customers(target)
        assert (report.imported, report.rejected) == (2, [])
        assert details(other) == details(workspace)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=text_values(min_size=1),
    notes=text_values(),
    tags=st.lists(text_values(min_size=1), max_size=3),
)
def test_vcard_round_trip_of_any_text(
    tmp_path: Path, name: str, notes: str, tags: list[str]
) -> None:
    name, notes = one_line_break(name), one_line_break(notes)
    tags = [one_line_break(t) for t in tags]
    if not name.strip():
        return
    with fresh_workspace(tmp_path) as ws, fresh_workspace(tmp_path) as other:
        customer(ws, name, notes=notes, tags=tuple(tags), company=name)
        target = tmp_path / f"{id(ws)}.vcf"
        ws.export_customers(target)
        other.import_customers(target)
        assert details(other) == details(ws)
