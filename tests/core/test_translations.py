"""Every user-visible string has a Persian translation with the same placeholders."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from touchdesk import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "touchdesk" / "locale" / "fa" / "LC_MESSAGES" / "touchdesk.po"
PLACEHOLDER = re.compile(r"\{[a-zA-Z_0-9]*(?:[:!][^}]*)?\}")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The strings in the code right now (extracted afresh, so a new untranslated one shows)."""
    out = tmp_path_factory.mktemp("pot") / "touchdesk.pot"
    keywords = []
    from touchdesk.i18n_tools import KEYWORDS

    for kw in KEYWORDS:
        keywords += ["-k", kw]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-o",
            str(out),
            *keywords,
            str(ROOT / "touchdesk"),
        ],
        check=True,
    )
    with out.open("rb") as fh:
        return read_po(fh)


@pytest.fixture(scope="module")
def persian():
    with PO.open("rb") as fh:
        return read_po(fh)


def _key(message):
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_string_is_translated_into_persian(template, persian):
    translated = {_key(m): m for m in persian if m.id and m.string and "fuzzy" not in m.flags}
    missing = sorted(_key(m) for m in template if m.id and _key(m) not in translated)
    assert missing == []


def test_placeholders_match(persian):
    wrong = []
    for m in persian:
        if not m.id or not m.string:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        expected = set(PLACEHOLDER.findall(ids[0]))
        for s in strings:
            if set(PLACEHOLDER.findall(s)) != expected:
                wrong.append((ids[0], s))
    assert wrong == []


def test_persian_is_served_at_runtime():
    i18n.set_language("fa")
    assert i18n._("Before purchase") == "قبل از خرید"
    assert i18n._("Social media") == "رسانه‌های اجتماعی"
    i18n.set_language("en")
    assert i18n._("Before purchase") == "Before purchase"
