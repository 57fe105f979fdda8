"""Charts drawn with ``reportlab.graphics``: a customer's journey map, horizontal bars and the
aggregate journey map (stacked outcome bars). All mirror in right-to-left documents, and every label
is shaped like the rest of the text.

The customer's journey map puts the four stages in swimlanes (in order, top to bottom) and each
touchpoint on a time axis (left to right; right to left in Persian), coloured by its outcome — a
resolved decision takes the colour of its resolution. Inside its lane a point sits higher or lower
by the customer's *emotion* at that moment, and a curve joins the points in time order:
positive +1, neutral 0, an open decision 0, a decision resolved positive +0.5 or negative −0.5,
negative −1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor

from touchdesk import formatting
from touchdesk.catalog import OUTCOME_COLORS, OUTCOME_KEYS, STAGE_KEYS, stage_label
from touchdesk.reports import fonts
from touchdesk.reports.flow import Ink
from touchdesk.reports.text import clean, visual

EMOTION = {"positive": 1.0, "neutral": 0.0, "negative": -1.0, "decision": 0.0}
RESOLVED_EMOTION = {"positive": 0.5, "negative": -0.5}
GRID = HexColor("#c9d1db")
LANE = (HexColor("#f3f6f9"), HexColor("#e9eef4"))
TEXT = HexColor("#1d232b")
MUTED = HexColor("#5b6673")


def emotion(outcome: str, resolution: str | None) -> float:
    """The emotion value of a touchpoint (see the module docstring)."""
    if outcome == "decision" and resolution in RESOLVED_EMOTION:
        return RESOLVED_EMOTION[resolution]
    return EMOTION[outcome]


class Painter:
    """Places shaped labels in a drawing, mirrored in right-to-left documents."""

    def __init__(self, ink: Ink, width: float) -> None:
        self.ink = ink
        self.width = width

    def x(self, x: float) -> float:
        """A left-to-right x position, mirrored when the document is right-to-left."""
        return self.width - x if self.ink.rtl else x

    def label(
        self,
        d: Drawing,
        text: str,
        x: float,
        y: float,
        *,
        size: float = 7.5,
        anchor: str = "start",
        bold: bool = False,
        color: Color = TEXT,
        max_width: float | None = None,
    ) -> None:
        """A one-line label at logical ``x``; ``start`` anchors on the reading side."""
        text = clean(text, self.ink.covered).replace("\n", " ")
        font = fonts.BOLD if bold else fonts.REGULAR
        if max_width is not None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            while len(text) > 1 and stringWidth(visual(text, self.ink.rtl), font, size) > max_width:
                text = text[: max(1, len(text) - 3)] + "…" if len(text) > 4 else text[:-1]
                text = text.rstrip("…").rstrip() + "…"
        side = {"start": "start", "end": "end", "middle": "middle"}[anchor]
        if self.ink.rtl and side != "middle":
            side = "end" if side == "start" else "start"
        d.add(
            String(
                self.x(x),
                y,
                visual(text, self.ink.rtl),
                fontName=font,
                fontSize=size,
                fillColor=color,
                textAnchor=side,
            )
        )


def journey_map(
    ink: Ink, width: float, points: Sequence[tuple[dt.datetime, str, str, str | None]]
) -> Drawing:
    """One customer's journey: ``points`` are (time, stage, outcome, resolution) in any order."""
    lane_h, axis_h, label_w = 34.0, 22.0, 92.0
    height = lane_h * len(STAGE_KEYS) + axis_h
    d = Drawing(width, height)
    p = Painter(ink, width)
    x0, x1 = label_w, width - 8
    for i, stage in enumerate(STAGE_KEYS):
        top = height - i * lane_h
        left, right = sorted((p.x(0), p.x(width)))
        d.add(
            Rect(left, top - lane_h, right - left, lane_h, fillColor=LANE[i % 2], strokeColor=None)
        )
        p.label(
            d,
            stage_label(stage),
            4,
            top - lane_h / 2 - 3,
            size=7.5,
            bold=True,
            max_width=label_w - 8,
        )
    pts = sorted(points, key=lambda t: t[0])
    if pts:
        t0, t1 = pts[0][0], pts[-1][0]
        span = (t1 - t0).total_seconds() or 1.0

        def xpos(when: dt.datetime) -> float:
            share = (when - t0).total_seconds() / span if t1 > t0 else 0.5
            return p.x(x0 + share * (x1 - x0))

        coords: list[float] = []
        for when, stage, outcome, resolution in pts:
            lane = STAGE_KEYS.index(stage) if stage in STAGE_KEYS else 0
            centre = height - lane * lane_h - lane_h / 2
            coords += [xpos(when), centre + emotion(outcome, resolution) * lane_h * 0.34]
        d.add(PolyLine(coords, strokeColor=HexColor("#6b7785"), strokeWidth=0.7))
        radius = 3.2 if len(pts) < 200 else 2.0
        for (_when, _stage, outcome, resolution), i in zip(
            pts, range(0, len(coords), 2), strict=True
        ):
            shown = resolution or outcome
            d.add(
                Circle(
                    coords[i],
                    coords[i + 1],
                    radius,
                    fillColor=HexColor(OUTCOME_COLORS[shown]),
                    strokeColor=HexColor("#ffffff"),
                    strokeWidth=0.5,
                )
            )
        ticks = 5 if t1 > t0 else 1
        for k in range(ticks):
            when = t0 + (t1 - t0) * (k / max(1, ticks - 1)) if ticks > 1 else t0
            x = x0 + (k / max(1, ticks - 1)) * (x1 - x0) if ticks > 1 else (x0 + x1) / 2
            d.add(Line(p.x(x), axis_h - 2, p.x(x), axis_h - 6, strokeColor=MUTED, strokeWidth=0.5))
            anchor = (
                "start"
                if k == 0 and ticks > 1
                else ("end" if k == ticks - 1 and ticks > 1 else "middle")
            )
            p.label(
                d,
                formatting.format_date(formatting.to_local(when)),
                x,
                6,
                size=6.5,
                anchor=anchor,
                color=MUTED,
            )
    d.add(Line(p.x(x0), axis_h - 2, p.x(x1), axis_h - 2, strokeColor=GRID, strokeWidth=0.6))
    return d


def legend(ink: Ink, width: float, entries: Sequence[tuple[str, str]]) -> Drawing:
    """Coloured swatches with their names: (label, hex colour)."""
    d = Drawing(width, 14)
    p = Painter(ink, width)
    x = 0.0
    for text, colour in entries:
        left = p.x(x) - (8 if ink.rtl else 0)
        d.add(Rect(left, 3, 8, 8, fillColor=HexColor(colour), strokeColor=None))
        p.label(d, text, x + 11, 4, size=7)
        x += 24 + 4.2 * len(text)
    return d


def bars(
    ink: Ink,
    width: float,
    items: Sequence[tuple[str, int, str]],
    fmt: Callable[[int], str],
    label_w: float = 150,
) -> Drawing:
    """Horizontal bars: (label, value, hex colour); values shown at the bar's end."""
    row = 13.0
    d = Drawing(width, row * max(1, len(items)) + 2)
    p = Painter(ink, width)
    top = max((v for _l, v, _c in items), default=0) or 1
    room = width - label_w - 50
    for i, (text, value, colour) in enumerate(items):
        y = d.height - (i + 1) * row + 2
        p.label(d, text, 0, y + 2, size=7.5, max_width=label_w - 6)
        w = room * value / top
        left = p.x(label_w) - (w if ink.rtl else 0)
        d.add(Rect(left, y, max(w, 0.5), row - 4, fillColor=HexColor(colour), strokeColor=None))
        p.label(d, fmt(value), label_w + w + 4, y + 2, size=7.5)
    return d


def stacked(
    ink: Ink,
    width: float,
    rows: Sequence[tuple[str, dict[str, int], str]],
    fmt: Callable[[int], str],
    label_w: float = 160,
) -> Drawing:
    """Stacked outcome bars: (label, outcome → count, note shown after the bar such as a rank)."""
    row = 13.0
    d = Drawing(width, row * max(1, len(rows)) + 2)
    p = Painter(ink, width)
    top = max((sum(mix.values()) for _l, mix, _n in rows), default=0) or 1
    room = width - label_w - 90
    for i, (text, mix, note) in enumerate(rows):
        y = d.height - (i + 1) * row + 2
        p.label(d, text, 0, y + 2, size=7.5, max_width=label_w - 6)
        x = label_w
        for outcome in OUTCOME_KEYS:
            w = room * mix.get(outcome, 0) / top
            if w <= 0:
                continue
            left = p.x(x) - (w if ink.rtl else 0)
            d.add(
                Rect(
                    left,
                    y,
                    w,
                    row - 4,
                    fillColor=HexColor(OUTCOME_COLORS[outcome]),
                    strokeColor=None,
                )
            )
            x += w
        total = sum(mix.values())
        p.label(d, fmt(total) + (f"  {note}" if note else ""), x + 4, y + 2, size=7.5)
    return d
