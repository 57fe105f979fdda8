"""The bundled Vazirmatn fonts (SIL OFL, see ``resources/fonts/Vazirmatn-OFL.txt``), registered
with ReportLab once. One family covers Latin and Persian, so mixed lines need no font switching."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
_FILES = {REGULAR: "Vazirmatn-Regular.ttf", BOLD: "Vazirmatn-Bold.ttf"}


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the fonts (idempotent) and return the code points they can draw."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources.files("touchdesk.resources").joinpath("fonts")
    covered: frozenset[int] = frozenset()
    for name, filename in _FILES.items():
        with folder.joinpath(filename).open("rb") as fh:
            font = TTFont(name, fh)
        pdfmetrics.registerFont(font)
        if name == REGULAR:
            covered = frozenset(c for c, g in font.face.charToGlyph.items() if g and c < 0xFFFE)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return covered
