"""The one base document of every TouchDesk PDF: A4 page, margins, the bundled fonts, the styles,
the page template with a header (business name, report title) and a footer ("page X of Y", date
made), direction (left-to-right or right-to-left) and language.

A report builds a plain-data model first, then adds its story here through the helpers
(``heading``, ``text``, ``grid``, ``facts``, ``drawing``) and calls ``build``. ReportLab is imported
only inside this module and the modules that draw, which are imported only when a report is made.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer
from reportlab.platypus.flowables import CondPageBreak

from touchdesk import formatting
from touchdesk.i18n import _, get_language, is_rtl
from touchdesk.reports import fonts
from touchdesk.reports.flow import Column, Grid, Ink, TextBlock, TextStyle
from touchdesk.speaking import speaking

MARGIN = 18 * mm
HEADER = 14 * mm
FOOTER = 12 * mm
MUTED = HexColor("#5b6673")
ACCENT = HexColor("#2a5d8f")


def report_language(
    lang: str, calendar: str | None = None, currency: str | None = None
) -> AbstractContextManager[None]:
    """Make a report in ``lang`` (and a calendar/currency), restoring the app's choice afterwards."""
    return speaking(lang, calendar, currency)


def _styles() -> dict[str, TextStyle]:
    r, b = fonts.REGULAR, fonts.BOLD
    return {
        "title": TextStyle(b, 17, 24, ACCENT, 0, 4),
        "h1": TextStyle(b, 13, 18, ACCENT, 10, 4),
        "h2": TextStyle(b, 10.5, 15, HexColor("#1d232b"), 6, 2),
        "body": TextStyle(r, 9, 13, space_after=3),
        "small": TextStyle(r, 7.5, 10.5, MUTED, 0, 2),
        "cell": TextStyle(r, 8, 11),
        "cell_head": TextStyle(b, 8, 11),
        "compact": TextStyle(r, 7, 8.6),
        "compact_head": TextStyle(b, 7, 8.6),
        "fact_key": TextStyle(r, 8.5, 12.5, MUTED),
        "fact_value": TextStyle(b, 8.5, 12.5),
    }


class ReportDocument:
    """A report under construction: its story and the page furniture around it."""

    def __init__(
        self, *, title: str, business: str, made_at: dt.datetime, subtitle: str = ""
    ) -> None:
        self.title = title
        self.subtitle = subtitle
        self.business = business
        self.made_at = made_at
        self.lang = get_language()
        self.rtl = is_rtl(self.lang)
        self.ink = Ink(self.rtl, fonts.register())
        self.styles = _styles()
        self.story: list[Flowable] = []
        self.width = A4[0] - 2 * MARGIN
        self.pages = 0
        self.comma = "، " if self.rtl else ", "  # list separator of the language

    # --- story helpers ----------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        """A section heading, kept with at least a few lines of what follows."""
        self.story.append(CondPageBreak(110 if level == 1 else 50))
        self.text(text, "h1" if level == 1 else "h2")

    def text(self, text: str, style: str = "body", align: str = "start") -> None:
        """A paragraph of plain text (user text is safe: it is drawn, never parsed)."""
        self.story.append(TextBlock(self.ink, text, self.styles[style], align=align))

    def grid(self, columns: list[Column], rows: list[list[str]], *, compact: bool = False) -> None:
        """A table; cells wrap and long rows split across pages; mirrored in right-to-left.
        ``compact`` uses a smaller type for long listings (the monthly appendix)."""
        body, head = ("compact", "compact_head") if compact else ("cell", "cell_head")
        grid = Grid(self.ink, columns, rows, self.styles[body], self.styles[head])
        if compact:
            grid.PAD = 1.6
        self.story.append(grid)

    def facts(self, pairs: list[tuple[str, str]], columns: int = 2) -> None:
        """Label/value pairs laid out in ``columns`` pairs per row (contact cards, KPIs)."""
        cols: list[Column] = []
        for _i in range(columns):
            cols += [Column("", 1.0), Column("", 1.3)]
        rows = []
        for i in range(0, len(pairs), columns):
            chunk = pairs[i : i + columns] + [("", "")] * (columns - len(pairs[i : i + columns]))
            rows.append([part for pair in chunk for part in pair])
        grid = Grid(
            self.ink, cols, rows, self.styles["fact_value"], self.styles["fact_key"], zebra=False
        )
        grid.header_style = self.styles["fact_key"]
        self.story.append(_FactGrid(grid))

    def drawing(self, drawing: Flowable) -> None:
        self.story.append(drawing)

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` points are left (keeps a title with its chart)."""
        self.story.append(CondPageBreak(height))

    def space(self, height: float = 6) -> None:
        self.story.append(Spacer(1, height))

    def empty(self, message: str) -> None:
        self.text(message, "small")

    # --- building -------------------------------------------------------------------------------

    def build(
        self,
        out: str | Path | IO[bytes] | None = None,
        on_page: Callable[[int], None] | None = None,
    ) -> bytes:
        """Lay out the story and write the PDF to ``out`` (a path or binary file); returns the bytes.

        ``on_page(n)`` is called as each page is laid out (progress); it may raise to cancel."""
        buffer = io.BytesIO()
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER,
            self.width,
            A4[1] - 2 * MARGIN - HEADER - FOOTER,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=self.title,
            author=self.business or "TouchDesk",
            creator="TouchDesk",
            lang="fa-IR" if self.rtl else "en",
            invariant=1,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._header)])
        document = self

        class _NumberedCanvas(Canvas):
            """Keeps every page until the end so the footer can say "page X of Y"."""

            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []

            def showPage(self) -> None:
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    document._footer(self, self._pageNumber, total)
                    Canvas.showPage(self)
                document.pages = total
                Canvas.save(self)

        doc.build(list(self.story), canvasmaker=_NumberedCanvas)
        data = buffer.getvalue()
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(data)
        elif out is not None:
            out.write(data)
        return data

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        top = A4[1] - MARGIN
        x0, x1 = MARGIN, A4[0] - MARGIN
        name = self.styles["h2"]
        small = self.styles["small"]
        self.ink.draw_line(
            canv,
            self._one_line(self.business or "TouchDesk", name, x1 - x0),
            name,
            x0,
            x1,
            top - 10,
            "start",
        )
        self.ink.draw_line(
            canv, self._one_line(self.title, small, x1 - x0), small, x0, x1, top - 10, "end"
        )
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.8)
        canv.line(x0, top - HEADER + 6, x1, top - HEADER + 6)

    def _footer(self, canv: Canvas, page: int, total: int) -> None:
        x0, x1 = MARGIN, A4[0] - MARGIN
        y = MARGIN + 2
        small = self.styles["small"]
        canv.setStrokeColor(HexColor("#c9d1db"))
        canv.setLineWidth(0.4)
        canv.line(x0, y + 12, x1, y + 12)
        pages = _("Page {page} of {total}").format(
            page=formatting.digits(str(page)), total=formatting.digits(str(total))
        )
        made = _("Made {date}").format(date=formatting.format_datetime(self.made_at))
        self.ink.draw_line(canv, pages, small, x0, x1, y, "end")
        self.ink.draw_line(canv, made, small, x0, x1, y, "start")

    def _one_line(self, text: str, style: TextStyle, width: float) -> str:
        lines = self.ink.lines(text, style, width * 0.6)
        return lines[0] + ("…" if len(lines) > 1 else "") if lines else ""


class _FactGrid(Flowable):
    """A grid without its header row: the first row of label/value pairs is ordinary data."""

    def __init__(self, grid: Grid) -> None:
        super().__init__()
        self.grid = grid
        self.spaceBefore = 2
        self.spaceAfter = 6

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.grid.wrap(availWidth, availHeight)
        self.width, self.height = w, h - self.grid._header_height()
        return self.width, self.height

    def draw(self) -> None:
        grid = self.grid
        spans = grid._bounds(self.width)
        y = self.height
        for cells in grid._cells:
            rh = grid._row_height(cells)
            for i, (lines, (a, b)) in enumerate(zip(cells, spans, strict=True)):
                style = grid.header_style if i % 2 == 0 else grid.style
                ty = (
                    y
                    - grid.PAD
                    - style.leading
                    + (style.leading - style.size) / 2
                    + style.size * 0.22
                )
                for line in lines:
                    grid.ink.draw_line(
                        self.canv, line, style, a + grid.PAD, b - grid.PAD, ty, "start"
                    )
                    ty -= style.leading
            y -= rh
