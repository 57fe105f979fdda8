"""Spreadsheets with their own column names: guessed mappings (English and Persian), saved
mappings with ``--mapping NAME``, an ``.xlsx`` workbook, and duplicates skipped, merged or new."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.data.test_contacts_formats import by_name, contacts_copy
from tests.helpers.factories import customer
from touchdesk.cli import main
from touchdesk.data.contacts.fields import guess_fields
from touchdesk.data.workspace import Workspace

PERSIAN_HEADERS = [
    "نام و نام خانوادگی",
    "شرکت",
    "موبایل",
    "تلفن",
    "ایمیل",
    "شهر",
    "برچسب",
    "یادداشت",
    "کد",
]
PERSIAN_ROWS = [
    [
        "مریم احمدی",
        "پوشاک مریم",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "021 8800 1122",
        "maryam@example.ir",
        "تهران",
        "عمده;VIP",
        "مشتری خوب",
        101,
    ],
    ["ناصر", "", 9123000000, "", "naser@", "", "", "", 102],
    [None, None, None, None, None, None, None, None, None],
    ["سینا رضایی", "", "", "", "", "کرج", "", "", 104],
]


def workbook(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    """An .xlsx file made with openpyxl, as a spreadsheet program would save it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_header_guesses_in_english_and_persian() -> None:
    assert guess_fields(PERSIAN_HEADERS) == (
        "name",
        "company",
        "mobile",
        "phone",
        "email",
        "city",
        "tags",
        "notes",
        "",
    )
    assert guess_fields(["نام", "نام خانوادگی", "شماره همراه", "پست الکترونیک", "توضیحات"]) == (
        "given_name",
        "family_name",
        "mobile",
        "email",
        "notes",
    )
    assert guess_fields(
        ["Full Name", "Organisation", "Cell Phone", "Work E-mail", "Town", "x"]
    ) == (
        "name",
        "company",
        "mobile",
        "email",
        "city",
        "",
    )
    assert guess_fields(["نام", "تلفن"]) == ("name", "phone")


def test_xlsx_needs_a_mapping_on_the_command_line_then_imports_with_it(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workbook(tmp_path / "مشتریان.xlsx", PERSIAN_HEADERS, PERSIAN_ROWS)
    assert main(["--db", db_url, "import", "customers", str(source)]) == 1
    err = capsys.readouterr().err
    assert "the file has no name column (its columns: نام و نام خانوادگی, شرکت, موبایل" in err
    assert "--mapping NAME" in err and "(saved mappings: none yet)" in err
    with Workspace.open(db_url) as ws:
        contacts = ws.open_contacts(source)
        assert contacts.kind == "mapped"
        assert contacts.preview(2)[1] == ["ناصر", "", "9123000000", "", "naser@", "", "", "", "102"]
        ws.save_contact_mapping("shop list", contacts.headers, contacts.fields)
    code = main(["--db", db_url, "import", "customers", str(source), "--mapping", "shop list"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:4] == [
        "Imported: 2",
        "Duplicates skipped: 0",
        "Rejected rows: 1",
        "Customers created: 2",
    ]
    # Spreadsheet rows as the sheet numbers them; the empty row 4 is no row.
    assert out[-1] == "row 3: email: not a valid e-mail address: naser@"
    with Workspace.open(db_url) as ws:
        assert by_name(ws) == {
            "مریم احمدی": (
                "مریم احمدی",
                "پوشاک مریم",
                ("۰۹۱۲۳۴۵۶۷۸۹", "021 8800 1122"),
                ("maryam@example.ir",),
                "تهران",
                ("VIP", "عمده"),
                "مشتری خوب",
            ),
            "سینا رضایی": ("سینا رضایی", "", (), (), "کرج", (), ""),
        }
    assert main(["--db", db_url, "import", "customers", str(source), "--mapping", "nope"]) == 1
    assert "no saved mapping is called nope (saved mappings: shop list)" in capsys.readouterr().err


def test_a_saved_mapping_applies_by_header_name_and_is_found_for_the_same_headers(
    workspace: Workspace, tmp_path: Path
) -> None:
    first = tmp_path / "a.csv"
    first.write_text("Kunde,Telefon,Notiz\nAnna Berg,+49 30 1234567,hi\n", "utf-8")
    contacts = workspace.open_contacts(first)
    assert contacts.fields == ("", "phone", "")
    workspace.save_contact_mapping("german", contacts.headers, ["name", "phone", "notes"])
    again = tmp_path / "b.csv"
    again.write_text("kunde, telefon ,notiz\nBen Roth,+49 30 7654321,\n", "utf-8")
    assert workspace.open_contacts(again).fields == ("name", "phone", "notes")
    assert workspace.open_contacts(again).saved is not None
    reordered = tmp_path / "c.csv"
    reordered.write_text("Notiz,Kunde\nx,Cara Voss\n", "utf-8")
    assert workspace.open_contacts(reordered).saved is None
    report = workspace.import_contacts(reordered, mapping="german")
    assert (report.imported, report.rejected) == (1, [])
    assert by_name(workspace)["Cara Voss"][6] == "x"
    assert [m.name for m in workspace.contact_mappings()] == ["german"]


@pytest.mark.parametrize(
    ("mode", "line", "imported", "created"),
    [
        ("skip", "Duplicates skipped: 2", 1, 1),
        ("merge", "Duplicates merged into existing customers: 2", 3, 1),
        ("new", "Duplicates imported as new customers: 2", 3, 3),
    ],
)
def test_duplicates_skip_merge_or_new(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    line: str,
    imported: int,
    created: int,
) -> None:
    with Workspace.open(db_url) as ws:
        customer(ws, "Mina Sharifi", email="mina.sharifi@example.org", tags=("Friends",))
    source = contacts_copy(tmp_path, "outlook_contacts.csv")
    args = ["--db", db_url, "import", "customers", str(source), "--duplicates", mode]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[:4] == [
        f"Imported: {imported}",
        line,
        "Rejected rows: 0",
        f"Customers created: {created}",
    ]
    with Workspace.open(db_url) as ws:
        found = by_name(ws)
        if mode == "merge":
            # Both Outlook rows for Mina (one by e-mail in another case) went into the customer.
            assert sorted(found) == ["Mina Sharifi", "Reza Ali Tehrani"]
            assert found["Mina Sharifi"] == (
                "Mina Sharifi",
                "",
                ("031 3344 5566", "0913 111 2222"),
                ("mina.sharifi@example.org",),
                "Isfahan",
                ("Friends", "Newsletter"),
                "Signed up at the shop.",
            )
        elif mode == "new":
            assert sorted(found) == ["Mina S.", "Mina Sharifi", "Reza Ali Tehrani"]
            assert ws.count_customers() == 4
        else:
            assert found["Mina Sharifi"][2:4] == ((), ("mina.sharifi@example.org",))


def test_a_merge_the_customer_cannot_take_is_a_rejected_row(
    workspace: Workspace, tmp_path: Path
) -> None:
    kept = customer(workspace, "Long Notes", email="long@example.com", notes="x" * 999_990)
    source = tmp_path / "more.csv"
    source.write_text(
        "name,email,notes\r\nLong N.,long@example.com,twenty more letters!\r\nNew One,,\r\n",
        "utf-8",
    )
    report = workspace.import_contacts(source, duplicates="merge")
    assert (report.imported, report.duplicates, report.customers_created) == (1, 0, 1)
    assert report.rejected == [(2, "notes", "notes is too long")]
    assert workspace.customer(kept).notes == "x" * 999_990


def test_merging_the_same_export_again_changes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = contacts_copy(tmp_path, "google_contacts.csv")
    workspace.import_contacts(source)
    before = {c.id: workspace.customer(c.id) for c in workspace.find_customers()}
    report = workspace.import_contacts(source, duplicates="merge")
    assert (report.imported, report.duplicates, report.customers_created) == (3, 3, 0)
    assert {c.id: workspace.customer(c.id) for c in workspace.find_customers()} == before
