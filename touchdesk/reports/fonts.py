"""The bundled Vazirmatn fonts (SIL OFL, see ``resources/fonts/Vazirmatn-OFL.txt``), registered
with ReportLab once. One family covers Latin and Persian, so mixed lines need no font switching."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
_FILES = {REGULAR: "Vazirmatn-Regular.ttf", BOLD: "Vazirmatn-Bold.ttf"}


def _font_class():
    from reportlab.pdfbase.ttfonts import TTFont

    class CachedTTFont(TTFont):
        """A TTF font that remembers how each string was split into subsets in a document.

        Reports draw the same labels, dates and names thousands of times; ReportLab's per-string
        subset mapping is pure Python and was a quarter of the time of a long report. A string's
        codes never change once assigned in a document, so the split can be reused."""

        def splitString(self, text, doc, encoding="utf-8"):
            try:
                state = self.state[doc]
            except KeyError:
                return super().splitString(text, doc, encoding)
            cache = state.__dict__.setdefault("_touchdesk_split", {})
            found = cache.get(text)
            if found is None:
                found = cache[text] = super().splitString(text, doc, encoding)
            return found

    return CachedTTFont


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the fonts (idempotent) and return the code points they can draw."""
    from reportlab.pdfbase import pdfmetrics

    font_class = _font_class()
    folder = resources.files("touchdesk.resources").joinpath("fonts")
    covered: frozenset[int] = frozenset()
    for name, filename in _FILES.items():
        with folder.joinpath(filename).open("rb") as fh:
            font = font_class(name, fh)
        pdfmetrics.registerFont(font)
        if name == REGULAR:
            covered = frozenset(c for c, g in font.face.charToGlyph.items() if g and c < 0xFFFE)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return covered
