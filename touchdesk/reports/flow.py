"""The two text flowables every report is made of: a wrapped text block and a grid (table).

Both draw strings straight onto the canvas (so user text is never parsed as markup), wrap with the
font's metrics, shape Persian per line, mirror in right-to-left documents, and split across pages
— a grid between rows, and inside a row when a cell (a 10,000-character note) is taller than what
is left of the page.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable

from touchdesk.reports.text import Measure, clean, visual, wrap

# A row taller than the space left is split when at least this many of its lines fit; otherwise it
# moves whole to the next page.
MIN_SPLIT_LINES = 4
INK = HexColor("#1d232b")


@dataclass(frozen=True, slots=True)
class TextStyle:
    font: str
    size: float
    leading: float
    color: Color = INK
    space_before: float = 0.0
    space_after: float = 0.0


class Ink:
    """What a flowable needs from its document: direction and the glyphs the font has."""

    def __init__(self, rtl: bool, covered: frozenset[int]) -> None:
        self.rtl = rtl
        self.covered = covered
        self._measures: dict[tuple[str, float], Measure] = {}

    def measure(self, style: TextStyle) -> Measure:
        key = (style.font, style.size)
        if key not in self._measures:
            self._measures[key] = Measure(style.font, style.size)
        return self._measures[key]

    def lines(self, text: str, style: TextStyle, width: float) -> list[str]:
        """Logical lines of ``text`` wrapped to ``width`` (cleaned of glyphs the font lacks)."""
        return wrap(clean(text, self.covered), self.measure(style), width)

    def draw_line(
        self,
        canv,
        line: str,
        style: TextStyle,
        x0: float,
        x1: float,
        y: float,
        align: str = "start",
        text=None,
    ) -> None:
        """Draw one logical line between ``x0`` and ``x1``; ``start`` is the right in RTL.

        With ``text`` (a ReportLab text object) the line is added to it instead of drawn at once:
        a table page is then one text object, much faster than a string at a time."""
        if not line:
            return
        shown = visual(line, self.rtl)
        side = align
        if align in ("start", "end"):
            side = "right" if (align == "start") == self.rtl else "left"
        if side != "left":
            width = self.measure(style).drawn(shown)
            x0 = x1 - width if side == "right" else (x0 + x1 - width) / 2
        target = text if text is not None else canv.beginText()
        if target._fontname != style.font or target._fontsize != style.size:
            target.setFont(style.font, style.size, style.leading)
        if getattr(target, "_td_color", None) is not style.color:
            target.setFillColor(style.color)
            target._td_color = style.color
        target.setTextOrigin(x0, y)
        target._textOut(shown)  # the origin is set for every line: no cursor to move
        if text is None:
            canv.drawText(target)


class TextBlock(Flowable):
    """A paragraph of plain text (never markup) in one style, split between lines."""

    def __init__(
        self,
        ink: Ink,
        text: str,
        style: TextStyle,
        *,
        align: str = "start",
        lines: list[str] | None = None,
        width: float | None = None,
    ) -> None:
        super().__init__()
        self.ink, self.text, self.style, self.align = ink, text, style, align
        self._lines = lines
        self._for_width = width
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is None or self._for_width != availWidth:
            self._lines = self.ink.lines(self.text, self.style, availWidth)
            self._for_width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        fit = int(availHeight // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return []
        first = TextBlock(
            self.ink, "", self.style, align=self.align, lines=self._lines[:fit], width=availWidth
        )
        rest = TextBlock(
            self.ink, "", self.style, align=self.align, lines=self._lines[fit:], width=availWidth
        )
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self) -> None:
        assert self._lines is not None
        size, leading = self.style.size, self.style.leading
        y = self.height - leading + (leading - size) / 2 + size * 0.22
        for line in self._lines:
            self.ink.draw_line(self.canv, line, self.style, 0, self.width, y, self.align)
            y -= leading


@dataclass(frozen=True, slots=True)
class Column:
    """A grid column: its title, share of the width, and alignment (``start``/``end``/``center``)."""

    title: str
    share: float
    align: str = "start"


class Grid(Flowable):
    """A table of plain-text cells with a header repeated on every page; mirrored in RTL."""

    PAD = 3.0

    def __init__(
        self,
        ink: Ink,
        columns: list[Column],
        rows: list[list[str]],
        style: TextStyle,
        header_style: TextStyle,
        *,
        zebra: bool = True,
    ) -> None:
        super().__init__()
        self.ink, self.columns, self.rows = ink, columns, rows
        self.style, self.header_style, self.zebra = style, header_style, zebra
        self._width: float | None = None
        self._cells: list[list[list[str]]] = []
        self._header: list[list[str]] = []
        self._tops: list[float] = []
        self.spaceBefore = 4
        self.spaceAfter = 8

    # --- layout ----------------------------------------------------------------------------------

    def _bounds(self, width: float) -> list[tuple[float, float]]:
        total = sum(c.share for c in self.columns)
        edges = [0.0, *accumulate(width * c.share / total for c in self.columns)]
        spans = [(edges[i], edges[i + 1]) for i in range(len(self.columns))]
        if self.ink.rtl:
            spans = [(width - b, width - a) for a, b in spans]
        return spans

    def _layout(self, width: float) -> None:
        if self._width == width:
            return
        self._width = width
        spans = self._bounds(width)
        inner = [b - a - 2 * self.PAD for a, b in spans]
        self._header = [
            self.ink.lines(c.title, self.header_style, w)
            for c, w in zip(self.columns, inner, strict=True)
        ]
        self._cells = [
            [self.ink.lines(text, self.style, w) for text, w in zip(row, inner, strict=True)]
            for row in self.rows
        ]
        self._heights = [self._row_height(r) for r in self._cells]
        self._tops = [0.0, *accumulate(self._heights)]

    def _row_height(self, cells: list[list[str]]) -> float:
        return max((len(c) for c in cells), default=1) * self.style.leading + 2 * self.PAD

    def _header_height(self) -> float:
        return (
            max((len(c) for c in self._header), default=1) * self.header_style.leading
            + 2 * self.PAD
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._layout(availWidth)
        self.width = availWidth
        self.height = self._header_height() + self._tops[-1]
        return self.width, self.height

    def _clone(self, cells: list[list[list[str]]], heights: list[float]) -> Grid:
        part = Grid(self.ink, self.columns, [], self.style, self.header_style, zebra=self.zebra)
        part._width, part._header, part._cells = self._width, self._header, cells
        part.PAD = self.PAD
        part._heights = heights
        part._tops = [0.0, *accumulate(heights)]
        return part

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._layout(availWidth)
        room = availHeight - self._header_height()
        n = bisect_right(self._tops, room) - 1  # whole rows that fit
        if n < 0 or n >= len(self._cells):
            return []
        lines_left = int((room - self._tops[n] - 2 * self.PAD) // self.style.leading)
        row = self._cells[n]
        if lines_left >= MIN_SPLIT_LINES and self._row_height(row) > room - self._tops[n]:
            head = [c[:lines_left] for c in row]
            tail = [c[lines_left:] for c in row]
            first = self._clone(
                [*self._cells[:n], head], [*self._heights[:n], self._row_height(head)]
            )
            rest = self._clone(
                [tail, *self._cells[n + 1 :]], [self._row_height(tail), *self._heights[n + 1 :]]
            )
        elif n == 0:
            return []
        else:
            first = self._clone(self._cells[:n], self._heights[:n])
            rest = self._clone(self._cells[n:], self._heights[n:])
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    # --- drawing ---------------------------------------------------------------------------------

    def draw(self) -> None:
        canv = self.canv
        spans = self._bounds(self.width)
        hh = self._header_height()
        canv.setFillColor(HexColor("#e8edf3"))
        canv.rect(0, self.height - hh, self.width, hh, stroke=0, fill=1)
        y = self.height - hh
        canv.setFillColor(HexColor("#f6f8fa"))
        path = canv.beginPath()
        for i, rh in enumerate(self._heights):
            if self.zebra and i % 2:
                canv.rect(0, y - rh, self.width, rh, stroke=0, fill=1)
            y -= rh
            path.moveTo(0, y)
            path.lineTo(self.width, y)
        canv.setStrokeColor(HexColor("#c9d1db"))
        canv.setLineWidth(0.4)
        canv.drawPath(path, stroke=1, fill=0)
        text = canv.beginText()
        y = self.height
        self._draw_row(text, self._header, spans, y, self.header_style)
        y -= hh
        for cells, rh in zip(self._cells, self._heights, strict=True):
            self._draw_row(text, cells, spans, y, self.style)
            y -= rh
        canv.drawText(text)

    def _draw_row(
        self,
        text,
        cells: list[list[str]],
        spans: list[tuple[float, float]],
        top: float,
        style: TextStyle,
    ) -> None:
        size, leading = style.size, style.leading
        for lines, (a, b), col in zip(cells, spans, self.columns, strict=True):
            y = top - self.PAD - leading + (leading - size) / 2 + size * 0.22
            for line in lines:
                self.ink.draw_line(
                    self.canv, line, style, a + self.PAD, b - self.PAD, y, col.align, text
                )
                y -= leading
