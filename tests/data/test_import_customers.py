"""Customer import from CSV through the CLI and the service: exact outcomes on hand-made files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.factories import customer
from touchdesk.cli import main
from touchdesk.data.workspace import Workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def fixture_copy(tmp_path: Path, name: str) -> Path:
    """A private copy: the import writes FILE.rejected.csv beside its source."""
    target = tmp_path / "files" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / name, target)
    return target


def names(ws: Workspace) -> list[str]:
    return [c.name for c in ws.find_customers(limit=100)]


def test_mixed_file_imports_good_rows_and_reports_every_bad_one(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(db_url) as ws:
        customer(ws, "Known Customer", email="known@example.com")
    source = fixture_copy(tmp_path, "customers_mixed.csv")

    code = main(["--db", db_url, "import", "customers", str(source)])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    rejected_file = source.with_name("customers_mixed.csv.rejected.csv")
    assert out == [
        "Imported: 3",
        "Duplicates skipped: 3",
        "Rejected rows: 2",
        "Customers created: 3",
        "Unknown columns (ignored): favourite colour",
        f"Rejected rows written to {rejected_file}",
        "row 4: email: not a valid e-mail address: not-an-email",
        "row 7: name: name cannot be empty",
    ]
    with Workspace.open(db_url) as ws:
        assert names(ws) == ["Known Customer", "Nasrin Jafari", "Sara Ahmadi", "رضا کریمی"]
        sara = ws.customer(ws.find_customer_id(email="sara@example.com") or 0)
        assert sara.company == "Acme"
        assert sara.phones == ("09121234567",)
        assert sara.city == "Tehran"
        assert sara.source == "instagram"
        assert sara.tags == ("vip", "wholesale")
        assert sara.notes == 'Likes calls\nin the morning, not "late"'
        # Persian digits in the phone are read as the same number.
        reza = ws.find_customer_id(phone="09127654321")
        assert reza is not None and ws.customer(reza).name == "رضا کریمی"
        nasrin = ws.customer(ws.find_customer_id(email="nasrin@example.com") or 0)
        assert nasrin.emails == ("nasrin@example.com", "n.work@example.com")
        assert nasrin.phones == ("09350001122", "09350001133")
        assert nasrin.tags == ("friends", "vip")
    assert rejected_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert rejected_file.read_text("utf-8-sig").splitlines() == [
        "Name,EMAIL,phone,company,city,source,tags,notes,favourite colour,reason",
        "Bad Mail,not-an-email,,,,,,,,email: not a valid e-mail address: not-an-email",
        ",nobody@example.com,,,,,,,,name: name cannot be empty",
    ]


def test_semicolons_and_byte_order_mark(db_url: str, tmp_path: Path) -> None:
    source = fixture_copy(tmp_path, "customers_semicolon_bom.csv")
    with Workspace.open(db_url) as ws:
        report = ws.import_customers(source)
        assert (report.imported, report.duplicates, report.rejected_rows) == (2, 0, 1)
        assert report.rejected == [(3, "email", "not a valid e-mail address: omid@example")]
        assert report.unknown_columns == []
        mina = ws.customer(ws.find_customer_id(email="mina@example.com") or 0)
        # The BOM is not part of the first header: the name column was found.
        assert mina.name == "Mina Rahimi"
        assert mina.tags == ("online", "vip")
        assert mina.city == "Karaj"
        assert ws.find_customer_id(phone="09301112233") == mina.id
        assert names(ws) == ["Kaveh", "Mina Rahimi"]


def test_strict_imports_nothing_but_still_reports_and_writes_rejected_rows(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fixture_copy(tmp_path, "customers_mixed.csv")
    code = main(["--db", db_url, "import", "customers", str(source), "--strict"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Nothing was imported because of --strict" in out
    assert "row 4: email: not a valid e-mail address: not-an-email" in out
    assert "row 7: name: name cannot be empty" in out
    assert source.with_name("customers_mixed.csv.rejected.csv").exists()
    with Workspace.open(db_url) as ws:
        assert ws.count_customers() == 0


def test_dry_run_reports_the_real_counts_and_writes_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fixture_copy(tmp_path, "customers_mixed.csv")
    code = main(["--db", db_url, "import", "customers", str(source), "--dry-run"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:5] == [
        "Dry run: nothing was written. A real import would give:",
        "Imported: 4",
        "Duplicates skipped: 2",
        "Rejected rows: 2",
        "Customers created: 4",
    ]
    assert sorted(p.name for p in source.parent.iterdir()) == ["customers_mixed.csv"]
    with Workspace.open(db_url) as ws:
        assert ws.count_customers() == 0


def test_clean_file_exits_zero(db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "clean.csv"
    source.write_text("name,email\nAli,ali@example.com\nLeila,leila@example.com\n", "utf-8")
    assert main(["--db", db_url, "import", "customers", str(source)]) == 0
    assert not (tmp_path / "clean.csv.rejected.csv").exists()
    with Workspace.open(db_url) as ws:
        assert names(ws) == ["Ali", "Leila"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: nothing to import"),
        (b"\xef\xbb\xbfname,email\r\n", "has a header but no rows: nothing to import"),
        (b"email,phone\nali@example.com,\n", "the file has no name column"),
        (b"name,\xff\xfe\n", "is not UTF-8 text"),
    ],
)
def test_files_that_cannot_be_imported_say_why(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    assert main(["--db", db_url, "import", "customers", str(source)]) == 1
    assert message in capsys.readouterr().err
    with Workspace.open(db_url) as ws:
        assert ws.count_customers() == 0


def test_row_numbers_count_records_not_lines_and_skip_blank_rows(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(
        'name,notes,email\nA,"one\ntwo\nthree",a@example.com\n,,\nB,,b@@example.com\nC,,c@example.com,extra\n',
        "utf-8",
    )
    report = workspace.import_customers(source)
    assert report.rejected == [
        (4, "email", "not a valid e-mail address: b@@example.com"),
        (5, "row", "more cells than columns"),
    ]
    assert report.imported == 1


def test_a_fixed_rejected_file_imports_again_without_a_stray_reason_column(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = fixture_copy(tmp_path, "customers_semicolon_bom.csv")
    workspace.import_customers(source)
    rejected = source.with_name("customers_semicolon_bom.csv.rejected.csv")
    rejected.write_text(
        rejected.read_text("utf-8-sig").replace("omid@example", "omid@example.com"), "utf-8-sig"
    )
    report = workspace.import_customers(rejected)
    assert (report.imported, report.rejected, report.unknown_columns) == (1, [], [])


def test_rejected_rows_keep_the_semicolons_of_their_source(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = fixture_copy(tmp_path, "customers_semicolon_bom.csv")
    workspace.import_customers(source)
    rejected = source.with_name("customers_semicolon_bom.csv.rejected.csv")
    assert rejected.read_text("utf-8-sig").splitlines() == [
        "name;email;phone;tags;city;reason",
        "Omid;omid@example;;;;email: not a valid e-mail address: omid@example",
    ]
