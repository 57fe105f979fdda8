"""Turning a vCard file as phones really write it into text ``vobject`` reads without choking.

``vobject`` unfolds vCard 3.0 lines and decodes single-line ``QUOTED-PRINTABLE`` UTF-8 values, but
old Android and feature-phone exports (vCard 2.1) also have: quoted-printable values continued over
several lines with soft breaks (``=`` at the line end), ``CHARSET=`` parameters other than UTF-8
(windows-1256 for Persian and Arabic names), raw 8-bit text in a legacy charset, and embedded
``PHOTO`` data in base64 blocks without the vCard 3.0 ``b`` marker, sometimes not even indented.
:func:`clean_vcard_text` rewrites each property as one plain UTF-8 line (decoded, its line breaks
escaped as ``\\n``, the ``CHARSET`` and ``ENCODING`` parameters dropped), leaves binary properties
out, and refuses a file that ends in the middle of a contact, so a truncated file is never half
imported.
"""

from __future__ import annotations

import codecs
import quopri
import re

from touchdesk.i18n import _

# Properties that carry pictures, sounds or keys: never customer data, often huge and malformed.
BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
FALLBACK_CHARSET = "windows-1256"  # what Persian and Arabic phones used before UTF-8
_PROPERTY_START = re.compile(rb"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?[;:]")
_LINE_BREAK = re.compile(rb"\r\n|\n|\r")


class TruncatedVCard(ValueError):
    """The file ends inside a contact (``BEGIN:VCARD`` without its ``END:VCARD``)."""


def _split_property(line: bytes) -> tuple[bytes, bytes]:
    """The name-and-parameters part and the value of a content line (first ``:`` outside quotes)."""
    quoted = False
    for i, byte in enumerate(line):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # :
            return line[:i], line[i + 1 :]
    return line, b""


def _params(head: bytes) -> tuple[str, list[str]]:
    """The property name (upper case, group dropped) and its parameters as written."""
    parts = head.decode("ascii", "replace").split(";")
    name = parts[0].rsplit(".", 1)[-1].strip().upper()
    return name, [p.strip() for p in parts[1:] if p.strip()]


def _is_quoted_printable(params: list[str]) -> bool:
    return any(p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params)


def _is_base64(params: list[str]) -> bool:
    return any(p.upper() in ("ENCODING=BASE64", "ENCODING=B", "BASE64") for p in params)


def _charset(params: list[str]) -> str | None:
    for p in params:
        if p.upper().startswith("CHARSET="):
            name = p.split("=", 1)[1].strip().strip('"')
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def decode_text(raw: bytes, charset: str | None) -> str:
    """Bytes of a value as text: its declared charset, else UTF-8, else the legacy Persian one."""
    for name in (charset, "utf-8"):
        if name:
            try:
                return raw.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
    return raw.decode(FALLBACK_CHARSET, "replace")


def _logical_lines(data: bytes) -> list[bytes]:
    """Content lines with folding undone: vCard 3.0 folding (a line starting with a space or tab
    continues the previous one) and quoted-printable soft breaks (``=`` at the end of a line)."""
    lines: list[bytes] = []
    pending_soft_break = False
    for physical in _LINE_BREAK.split(data):
        if pending_soft_break and physical.strip().upper() in (b"END:VCARD", b"BEGIN:VCARD"):
            # A soft break never swallows the end of a contact (a value ending in a bare "=").
            lines[-1] = lines[-1][:-1]
            pending_soft_break = False
        if pending_soft_break and lines:
            lines[-1] = lines[-1][:-1] + physical.lstrip(b" \t")
        elif physical[:1] in (b" ", b"\t") and lines:
            lines[-1] += physical[1:]
        else:
            lines.append(physical)
        head = _split_property(lines[-1])[0]
        pending_soft_break = lines[-1].endswith(b"=") and _is_quoted_printable(_params(head)[1])
    return lines


def _escape(text: str) -> str:
    """A decoded 2.1 value in vCard 3.0 form: line breaks become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def clean_line(line: bytes) -> str | None:
    """One content line as plain UTF-8 text, or ``None`` for a line to leave out."""
    head, value = _split_property(line)
    name, params = _params(head)
    if name in BINARY_PROPERTIES or _is_base64(params):
        return None
    charset = _charset(params)
    if _is_quoted_printable(params):
        text = _escape(decode_text(quopri.decodestring(value), charset))
    else:
        text = decode_text(value, charset)
    kept = [
        p
        for p in params
        if not p.upper().startswith(("CHARSET=", "ENCODING=")) and p.upper() != "QUOTED-PRINTABLE"
    ]
    group_and_name = head.decode("ascii", "replace").split(";")[0]
    return ";".join([group_and_name, *kept]) + ":" + text


def clean_vcard_text(data: bytes) -> str:
    """The whole file as text ``vobject`` reads (see the module docstring); raises
    :class:`TruncatedVCard` when a contact is not closed."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    data = data.replace(b"\x00", b"")
    out: list[str] = []
    depth = 0
    skipping_binary = False
    for line in _logical_lines(data):
        if not line.strip():
            continue
        if skipping_binary and not _PROPERTY_START.match(line):
            continue  # base64 data of a 2.1 PHOTO written without indentation
        skipping_binary = False
        keyword = line.strip().upper()
        if keyword == b"BEGIN:VCARD":
            depth += 1
        elif keyword == b"END:VCARD":
            if depth == 0:
                continue
            depth -= 1
        elif depth == 0 or not _PROPERTY_START.match(line):
            continue  # text between contacts, or a line that is no property at all
        cleaned = clean_line(line)
        if cleaned is None:
            skipping_binary = True
            continue
        out.append(cleaned)
    if depth:
        raise TruncatedVCard(_("the file ends in the middle of a contact (no END:VCARD)"))
    return "\r\n".join(out) + ("\r\n" if out else "")
