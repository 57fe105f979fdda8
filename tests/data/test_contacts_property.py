"""Random and cut-off contacts files never crash the importer and never import half a file:
either the file is refused with a message (and nothing is stored) or every record is checked and
the good ones are stored together."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.data.test_contacts_formats import FIXTURES
from tests.data.test_export_roundtrip import fresh_workspace, text_values
from touchdesk.data.contacts.vcard_text import clean_vcard_text
from touchdesk.data.workspace import Workspace

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
VCARD_FILES = ("android_v21.vcf", "iphone_v30.vcf", "contacts_v40.vcf")
CSV_FILES = ("google_contacts.csv", "google_contacts_2024.csv", "outlook_contacts.csv")


def import_or_refuse(ws: Workspace, path: Path) -> int | None:
    """Customers created, or ``None`` when the file was refused; the database must agree."""
    try:
        report = ws.import_contacts(path)
    except ValueError:
        assert ws.count_customers() == 0
        return None
    assert ws.count_customers() == report.customers_created
    return report.customers_created


def inside_a_contact(data: bytes) -> bool:
    """The cut falls between a BEGIN:VCARD and its END:VCARD."""
    upper = data.upper()
    return upper.count(b"BEGIN:VCARD") > upper.count(b"END:VCARD")


@SETTINGS
@given(name=st.sampled_from(VCARD_FILES), cut=st.floats(0, 1))
def test_a_cut_off_vcard_is_refused_or_imported_whole(
    tmp_path: Path, name: str, cut: float
) -> None:
    whole = (FIXTURES / name).read_bytes()
    data = whole[: int(len(whole) * cut)]
    path = tmp_path / f"cut-{len(data)}.vcf"
    path.write_bytes(data)
    with fresh_workspace(tmp_path) as ws:
        created = import_or_refuse(ws, path)
    if inside_a_contact(data):
        assert created is None
    elif created is not None:
        assert created == data.upper().count(b"END:VCARD")


@SETTINGS
@given(name=st.sampled_from(CSV_FILES), cut=st.floats(0, 1))
def test_a_cut_off_export_csv_never_crashes(tmp_path: Path, name: str, cut: float) -> None:
    whole = (FIXTURES / name).read_bytes()
    data = whole[: int(len(whole) * cut)]
    path = tmp_path / f"cut-{len(data)}.csv"
    path.write_bytes(data)
    with fresh_workspace(tmp_path) as ws:
        created = import_or_refuse(ws, path)
    assert created is None or created <= whole.count(b"\r\n") - 1


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".vcf", ".csv", ".xlsx"]))
def test_random_bytes_never_crash(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with fresh_workspace(tmp_path) as ws:
        import_or_refuse(ws, path)


@st.composite
def vcard_lines(draw: st.DrawFn) -> bytes:
    """A vCard with random property lines: odd parameters, quoted-printable, charsets, folds."""
    lines = [b"BEGIN:VCARD", b"VERSION:" + draw(st.sampled_from([b"2.1", b"3.0", b"4.0"]))]
    for _i in range(draw(st.integers(0, 6))):
        name = draw(
            st.sampled_from([b"FN", b"N", b"TEL", b"EMAIL", b"ORG", b"NOTE", b"PHOTO", b"X-Y"])
        )
        params = draw(
            st.lists(
                st.sampled_from(
                    [
                        b"CELL",
                        b"ENCODING=QUOTED-PRINTABLE",
                        b"CHARSET=windows-1256",
                        b"CHARSET=nope",
                        b'TYPE="cell,voice"',
                        b"ENCODING=b",
                        b"VALUE=uri",
                        b"PREF=1",
                    ]
                ),
                max_size=3,
            )
        )
        value = draw(text_values()).encode(draw(st.sampled_from(["utf-8", "utf-16-le"])), "ignore")
        line = b";".join([name, *params]) + b":" + value
        if draw(st.booleans()):
            line = line[:10] + b"=\r\n" + line[10:]
        lines.append(line)
    if draw(st.booleans()):
        lines.append(b"END:VCARD")
    return b"\r\n".join(lines) + b"\r\n"


@SETTINGS
@given(data=vcard_lines())
@example(data=b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:=\r\nEND:VCARD\r\n")
def test_random_vcard_properties_never_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.vcf"
    path.write_bytes(data)
    with fresh_workspace(tmp_path) as ws:
        created = import_or_refuse(ws, path)
    if b"END:VCARD" not in data:
        assert created is None
    clean = clean_vcard_text(data) if b"END:VCARD" in data else ""
    assert "\n " not in clean.replace("\r\n", "\n")  # no folded line left for vobject
