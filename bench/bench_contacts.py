"""Benchmark: importing contacts as phones, Google and Outlook export them, beside TouchDesk's own
customer CSV with the same people.

Run with ``.venv/bin/python bench/bench_contacts.py`` (``--rows N`` for another size). Files and
databases go to a temporary folder. The floor, measured in the same run on the same machine, is
importing the same customers from a TouchDesk customer CSV; the ratios say what recognising a
Google export or decoding an Android vCard 2.1 (quoted-printable Persian names, photos) costs on
top. A second import of the Google file with ``duplicates="merge"`` (every contact already a
customer, nothing new) is timed too, per contact.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from touchdesk.data.workspace import Workspace  # noqa: E402

NAME = "سارا احمدی"
PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsK"


def quoted_printable(text: str) -> str:
    return "".join(f"={b:02X}" for b in text.encode("utf-8"))


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    files = {"touchdesk": folder / "customers.csv", "google": folder / "google.csv"}
    with files["touchdesk"].open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "company", "email", "phone", "city", "tags", "notes"])
        for i in range(rows):
            out.writerow(
                [
                    f"{NAME} {i}",
                    "Co",
                    f"c{i}@example.com",
                    f"0912{i:07d};021{i:08d}",
                    "Tehran",
                    f"Tag{i % 20}",
                    "note",
                ]
            )
    with files["google"].open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "Name",
                "Given Name",
                "Family Name",
                "Group Membership",
                "E-mail 1 - Value",
                "Phone 1 - Type",
                "Phone 1 - Value",
                "Phone 2 - Type",
                "Phone 2 - Value",
                "Address 1 - City",
                "Organization 1 - Name",
                "Notes",
            ]
        )
        for i in range(rows):
            out.writerow(
                [
                    f"{NAME} {i}",
                    "",
                    "",
                    f"* myContacts ::: Tag{i % 20}",
                    f"c{i}@example.com",
                    "Work",
                    f"021{i:08d}",
                    "Mobile",
                    f"0912{i:07d}",
                    "Tehran",
                    "Co",
                    "note",
                ]
            )
    files["vcard"] = folder / "android.vcf"
    with files["vcard"].open("w", newline="", encoding="ascii") as fh:
        for i in range(rows):
            fh.write(
                "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{quoted_printable(NAME)}=\r\n={i:02X}\r\n"
                f"TEL;CELL:0912{i:07d}\r\nTEL;WORK:021{i:08d}\r\nEMAIL:c{i}@example.com\r\n"
                f"ORG:Co\r\nCATEGORIES:Tag{i % 20}\r\nPHOTO;ENCODING=BASE64;JPEG:{PHOTO}\r\n"
                f"{PHOTO}\r\n\r\nEND:VCARD\r\n"
            )
    return files


def timed(folder: Path, label: str, path: Path, **options: object) -> tuple[float, int, Workspace]:
    ws = Workspace.open(folder / f"{label}.sqlite3")
    began = time.perf_counter()
    report = ws.import_contacts(path, **options)
    return time.perf_counter() - began, report.imported, ws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="touchdesk-bench-contacts-") as tmp:
        folder = Path(tmp)
        files = write_files(folder, rows)
        base, count, ws = timed(folder, "touchdesk", files["touchdesk"])
        ws.close()
        print(f"TouchDesk CSV (floor): {count} customers in {base:.2f} s")
        for label in ("google", "vcard"):
            seconds, count, ws = timed(folder, label, files[label])
            print(f"{label}: {count} customers in {seconds:.2f} s, ratio {seconds / base:.2f}")
            if label == "google":
                began = time.perf_counter()
                report = ws.import_contacts(files[label], duplicates="merge")
                again = time.perf_counter() - began
                print(
                    f"google again with merge: {report.duplicates} duplicates, nothing new, "
                    f"{again:.2f} s ({1000 * again / max(report.duplicates, 1):.1f} ms per contact)"
                )
            ws.close()


if __name__ == "__main__":
    main()
