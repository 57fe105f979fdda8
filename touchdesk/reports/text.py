"""Text for PDFs: escaping, glyph fallback, line wrapping and Persian shaping.

ReportLab neither shapes Arabic script nor reorders right-to-left text (its ``shaping=1`` flag
reverses word order), so every line goes through this module: the *logical* text is wrapped into
lines with the font's metrics first, then each line is reshaped (``arabic_reshaper``) and put into
visual order (``python-bidi``, with bracket mirroring), and the caller draws it right-aligned in
Persian documents.

Policy for characters the font lacks (emoji, rare symbols): each is replaced by U+FFFD "�", which
Vazirmatn draws, so the reader sees that something was there; joiners and variation selectors of an
emoji sequence are dropped so one emoji gives one mark. Control characters become spaces. Nothing a
user typed is ever read as markup: the report flowables draw strings directly, and any text that
does enter a ReportLab ``Paragraph`` goes through :func:`escape` first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape as _xml_escape

import arabic_reshaper
from bidi.algorithm import get_display

REPLACEMENT = "\ufffd"
# Right-to-left letters (Hebrew, Arabic, Persian and their presentation forms), digits excluded:
# a line of digits and separators needs no reordering.
_RTL = re.compile(
    "[\u0590-\u05ff\u0600-\u065f\u066e-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
# The legacy bidi algorithm knows embeddings, not isolates: map isolates onto embeddings.
_ISOLATES = str.maketrans(
    {"\u2066": "\u202a", "\u2067": "\u202b", "\u2068": "\u202a", "\u2069": "\u202c"}
)
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EMOJI_GLUE = frozenset({"\u200d", "\ufe0e", "\ufe0f", "\u20e3"})
_SPACES = re.compile(r"[ \t\u00a0]+")


def escape(text: str) -> str:
    """Escape user text for a ReportLab ``Paragraph`` (``<``, ``>``, ``&`` and quotes)."""
    return _xml_escape(text, {'"': "&quot;", "'": "&#39;"})


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (and so needs shaping and reordering)."""
    return _RTL.search(text) is not None


def clean(text: str, covered: frozenset[int]) -> str:
    """Text the font can draw: controls to spaces, missing glyphs to one visible U+FFFD each."""
    if text.isprintable() and (text.isascii() or _chars(covered).issuperset(text)):
        return text  # the common case, checked at C speed
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append(ch)
        elif ch in _EMOJI_GLUE or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue
        elif ch in "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e":
            out.append(ch)  # consumed by the bidi step
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif code in covered:
            out.append(ch)
        elif unicodedata.category(ch) == "Mn":
            continue  # a combining mark the font lacks: keep the base letter
        elif not out or out[-1] != REPLACEMENT:
            out.append(REPLACEMENT)
    return "".join(out)


# A run of Latin text inside right-to-left text: from a Latin letter or digit up to the next
# right-to-left letter.
_LATIN_RUN = re.compile("[A-Za-z0-9\u00c0-\u024f][^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\n]*")
_STRONG = re.compile(
    "[A-Za-z\u00c0-\u024f\u0590-\u05ff\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
_LTR_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") | frozenset(
    map(chr, range(0xC0, 0x250))
)
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _embed_latin(line: str) -> str:
    """Wrap each Latin run of a right-to-left line in a left-to-right embedding.

    The bidi algorithm we use predates bracket pairing, so "(VIP)" next to Persian would lose its
    closing bracket to the Persian side; embedding the run, closing brackets that belong to it
    included, keeps "Sara (VIP)" whole.
    """

    def embed(match: re.Match[str]) -> str:
        run = match.group(0)
        end = len(run)
        while end and not run[end - 1].isalnum():
            ch = run[end - 1]
            if ch in _CLOSERS and run[:end].count(_CLOSERS[ch]) >= run[:end].count(ch):
                break
            end -= 1
        return "\u202a" + run[:end] + "\u202c" + run[end:]

    return _LATIN_RUN.sub(embed, line)


@lru_cache(maxsize=4)
def _chars(covered: frozenset[int]) -> frozenset[str]:
    return frozenset(map(chr, covered))


@lru_cache(maxsize=65536)
def visual(line: str, rtl: bool) -> str:
    """One logical line in drawing order: shaped and reordered when it holds right-to-left text.

    In a right-to-left document every line is right-to-left (Latin runs embedded). In a
    left-to-right document a line takes the direction of its first strong letter, as a browser's
    ``dir=auto`` does, so a Persian note in an English report still reads correctly."""
    if not has_rtl(line) and not (rtl and _BIDI_CONTROLS.search(line)):
        return _BIDI_CONTROLS.sub("", line)
    if not rtl:
        first = _STRONG.search(line)
        rtl = first is not None and first.group(0) not in _LTR_LETTERS
    logical = line.translate(_ISOLATES)
    if rtl and "\u202a" not in logical:
        logical = _embed_latin(logical)
    shaped = arabic_reshaper.reshape(logical)
    return _BIDI_CONTROLS.sub("", get_display(shaped, base_dir="R" if rtl else "L"))


class Measure:
    """String widths of one font at one size, cached per word (shaped when it is Persian)."""

    def __init__(self, font: str, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.font = font
        self.size = size
        self._sw = stringWidth
        self._cache: dict[str, float] = {}
        self._drawn: dict[str, float] = {}
        self.space = stringWidth(" ", font, size)

    def drawn(self, shown: str) -> float:
        """The width of a line already in drawing order (shaped), cached."""
        cached = self._drawn.get(shown)
        if cached is None:
            cached = self._sw(shown, self.font, self.size)
            if len(self._drawn) < 200_000:
                self._drawn[shown] = cached
        return cached

    def width(self, text: str) -> float:
        """The drawn width of ``text`` (after shaping, which changes letter forms)."""
        cached = self._cache.get(text)
        if cached is None:
            shown = arabic_reshaper.reshape(text) if has_rtl(text) else text
            cached = self._sw(_BIDI_CONTROLS.sub("", shown), self.font, self.size)
            if len(self._cache) < 200_000:
                self._cache[text] = cached
        return cached


def wrap(text: str, measure: Measure, width: float) -> list[str]:
    """Break logical ``text`` into logical lines no wider than ``width`` (words, then letters)."""
    lines: list[str] = []
    for para in text.split("\n"):
        para = _SPACES.sub(" ", para).strip()
        if not para:
            lines.append("")
            continue
        if measure.width(para) <= width:
            lines.append(para)
            continue
        current: list[str] = []
        used = 0.0
        for word in para.split(" "):
            w = measure.width(word)
            extra = w + (measure.space if current else 0.0)
            if current and used + extra <= width:
                current.append(word)
                used += extra
                continue
            if current:
                lines.append(" ".join(current))
            if w <= width:
                current, used = [word], w
                continue
            pieces = _break_word(word, measure, width)
            lines.extend(pieces[:-1])
            current, used = [pieces[-1]], measure.width(pieces[-1])
        if current:
            lines.append(" ".join(current))
    return lines


def _break_word(word: str, measure: Measure, width: float) -> list[str]:
    """Cut a word wider than the line (a URL, a run of letters) into pieces that fit."""
    pieces: list[str] = []
    start = 0
    while start < len(word):
        lo, hi = start + 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure.width(word[start:mid]) <= width:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(word[start:lo])
        start = lo
    return pieces
