"""Contacts as phones, Google and Outlook export them: exact customers, phones, e-mails and tags."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from touchdesk.cli import main
from touchdesk.data.contacts.vcard_text import TruncatedVCard, clean_vcard_text
from touchdesk.data.workspace import Workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"

Detail = tuple[str, str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...], str]


def contacts_copy(tmp_path: Path, name: str) -> Path:
    """A private copy (an import writes FILE.rejected.csv beside its source)."""
    target = tmp_path / "files" / name
    target.parent.mkdir(exist_ok=True, parents=True)
    shutil.copyfile(FIXTURES / name, target)
    return target


def by_name(ws: Workspace) -> dict[str, Detail]:
    """Every customer as (name, company, phones, e-mails, city, tags, notes), keyed by name."""
    found = {}
    for row in ws.find_customers(limit=500):
        d = ws.customer(row.id)
        found[d.name] = (d.name, d.company, d.phones, d.emails, d.city, d.tags, d.notes)
    return found


def test_android_vcard_21_quoted_printable_utf8_and_windows_1256(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = contacts_copy(tmp_path, "android_v21.vcf")
    assert main(["--db", db_url, "import", "customers", str(source)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Imported: 4",
        "Duplicates skipped: 0",
        "Rejected rows: 0",
        "Customers created: 4",
    ]
    with Workspace.open(db_url) as ws:
        assert by_name(ws) == {
            # UTF-8 quoted-printable split over lines by soft breaks; the photo left out; the
            # first mobile is the main phone; the note keeps its line break.
            "محمدرضا شجریان\u200cنیا": (
                "محمدرضا شجریان\u200cنیا",
                "بازرگانی پارس",
                ("0912 111 2233", "021-4444-5555", "+98 21 8888 9900"),
                ("mr.shajarian@example.ir", "sales@pars-trading.example"),
                "",
                ("VIP", "Wholesale"),
                "مشتری قدیمی از ۱۳۹۸\nتماس فقط عصرها",
            ),
            # windows-1256 quoted-printable N, no FN: the name is built from N (given family).
            "علي كريمي": ("علي كريمي", "", ("+989351234567", "0935 000 0001"), (), "", (), ""),
            # An empty FN: N again; the mobile goes before the work number.
            "Anna Smith": (
                "Anna Smith",
                "",
                ("+44 7700 900456", "+44 20 7946 0018"),
                ("anna.smith@example.co.uk",),
                "",
                (),
                "",
            ),
            # Neither FN nor N: the organisation names the customer.
            "کافه نادیا": ("کافه نادیا", "کافه نادیا", ("02166778899",), (), "", (), ""),
        }


def test_iphone_vcard_30_and_vcard_40(workspace: Workspace, tmp_path: Path) -> None:
    for name in ("iphone_v30.vcf", "contacts_v40.vcf"):
        report = workspace.import_contacts(contacts_copy(tmp_path, name))
        assert report.rejected == []
    assert by_name(workspace) == {
        "Neda Rahimi": (
            "Neda Rahimi",
            "Rahimi Textiles",
            ("+98 912 555 6677", "+98 21 2233 4455"),
            ("neda@rahimi-textiles.example", "neda.r@example.com"),
            "Tehran",
            ("Fair 2026", "Wholesale"),
            "Met at the Tehran fair, booth 12.\nWants a wholesale price list before the new season.",
        ),
        "خانم فاطمه حسینی": (
            "خانم فاطمه حسینی",
            "",
            ("021 7766 5544",),
            ("f.hosseini@example.ir",),
            "",
            ("همکار",),
            "",
        ),
        # vCard 4.0: TEL;VALUE=uri:tel:+98-..., the cell one first.
        "Kian Moradi": (
            "Kian Moradi",
            "Moradi Bakery",
            ("+98-912-300-4455", "+98-21-8800-1122"),
            ("kian@moradi-bakery.example",),
            "Karaj",
            ("Bakery", "Karaj"),
            "Orders bread flour every Saturday.",
        ),
    }


def test_google_exports_old_and_new_layouts(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("google_contacts.csv", "google_contacts_2024.csv"):
        assert (
            main(["--db", db_url, "import", "customers", str(contacts_copy(tmp_path, name))]) == 0
        )
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Imported: 3",
        "Duplicates skipped: 0",
        "Rejected rows: 0",
        "Customers created: 3",
        "Imported: 2",
        "Duplicates skipped: 0",
        "Rejected rows: 0",
        "Customers created: 2",
    ]
    with Workspace.open(db_url) as ws:
        assert by_name(ws) == {
            # "Phone 2 - Type: Mobile" goes first; "* myContacts" is no tag.
            "Leila Jafari": (
                "Leila Jafari",
                "Jafari Design",
                ("+98 912 765 4321", "+98 21 6655 4433"),
                ("leila.jafari@example.com",),
                "Shiraz",
                ("Friends", "Gift buyers"),
                "Asked about gift cards.",
            ),
            # No "Name": given and family names joined; " ::: " separates several values.
            "Omid Naderi": (
                "Omid Naderi",
                "",
                ("0912 222 3344", "0912 222 3355"),
                ("omid@naderi.example", "omid.naderi@example.net"),
                "",
                (),
                "",
            ),
            "حمید صادقی": (
                "حمید صادقی",
                "",
                ("۰۲۱-۵۵۴۴۳۳۲۲",),
                (),
                "اصفهان",
                ("Starred", "مشتریان عمده"),
                "",
            ),
            "Parisa Amini": (
                "Parisa Amini",
                "Amini Florist",
                ("0919 100 2000", "021 2200 3300"),
                ("parisa@amini-florist.example",),
                "Tehran",
                ("Florists",),
                "Weekly order.",
            ),
            "Babak R. Kamali": ("Babak R. Kamali", "", ("+98 901 234 5678",), (), "", (), ""),
        }


def test_outlook_export_with_a_duplicate_skipped(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = contacts_copy(tmp_path, "outlook_contacts.csv")
    assert main(["--db", db_url, "import", "customers", str(source)]) == 0
    assert capsys.readouterr().out.splitlines()[:4] == [
        "Imported: 2",
        "Duplicates skipped: 1",
        "Rejected rows: 0",
        "Customers created: 2",
    ]
    with Workspace.open(db_url) as ws:
        assert by_name(ws) == {
            "Reza Ali Tehrani": (
                "Reza Ali Tehrani",
                "Tehrani & Co.",
                ("+98 912 345 6789", "+98 21 4455 6677"),
                ("reza.tehrani@example.com", "r.tehrani@tehrani-co.example"),
                "Tabriz",
                ("Suppliers", "VIP"),
                "Prefers e-mail.\nInvoices monthly.",
            ),
            "Mina Sharifi": (
                "Mina Sharifi",
                "",
                ("031 3344 5566",),
                ("mina.sharifi@example.org",),
                "Isfahan",
                ("Friends",),
                "",
            ),
        }


def test_quoted_printable_soft_breaks_and_charsets_are_decoded() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D8=B3=D8=A7=\r\n=D8=B1=D8=A7\r\n"
        b"NOTE;QUOTED-PRINTABLE;CHARSET=windows-1256:=DA=E1=ED=0D=0A2\r\n"
        b"ORG:\xd4\xd1\xc8\xca\r\n"  # raw windows-1256 bytes without a CHARSET
        b"PHOTO;BASE64:AAAA\r\nBBBB\r\n\r\n"
        b"TEL;CELL:0912\r\nEND:VCARD\r\n"
    )
    assert clean_vcard_text(data).splitlines() == [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:سارا",
        "NOTE:علي\\n2",
        "ORG:شربت",
        "TEL;CELL:0912",
        "END:VCARD",
    ]


def test_a_vcard_cut_off_inside_a_contact_imports_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    whole = (FIXTURES / "android_v21.vcf").read_bytes()
    cut = whole[: whole.index(b"N:Smith")]
    with pytest.raises(TruncatedVCard):
        clean_vcard_text(cut)
    source = tmp_path / "cut.vcf"
    source.write_bytes(cut)
    with pytest.raises(ValueError, match="is not a complete vCard file"):
        workspace.import_contacts(source)
    assert workspace.count_customers() == 0
