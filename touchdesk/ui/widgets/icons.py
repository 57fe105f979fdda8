"""Small icons drawn with QPainter (no image files): one badge per channel and outcome dots.

A channel badge is a coloured disc with a symbol from the default font, so the timeline can show at
a glance whether a contact was a call, an e-mail or a visit.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from touchdesk.catalog import OUTCOME_COLORS

CHANNEL_SYMBOLS = {
    "phone": ("\u260e", "#3b6fd1"),
    "sms": ("\u270e", "#6a4fc7"),
    "email": ("\u2709", "#2f8f9d"),
    "social": ("\u2665", "#c2417a"),
    "website": ("\u2302", "#4a7f2b"),
    "chat": ("\u2026", "#d07a1f"),
    "in_person": ("\u263a", "#a0522d"),
    "event": ("\u2605", "#b8860b"),
    "marketplace": ("\u00a4", "#557a95"),
    "post": ("\u2708", "#7b7b7b"),
    "other": ("\u2022", "#9a9a9a"),
}
SIZE = 20


@cache
def channel_icon(channel: str) -> QIcon:
    """A round badge for a channel key (unknown keys get the "other" badge)."""
    symbol, colour = CHANNEL_SYMBOLS.get(channel, CHANNEL_SYMBOLS["other"])
    pixmap = QPixmap(SIZE * 2, SIZE * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(1, 1, SIZE - 2, SIZE - 2))
    font = QFont()
    font.setPixelSize(12)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return QIcon(pixmap)


@cache
def outcome_icon(outcome: str) -> QIcon:
    """A filled dot in the outcome's journey-map colour."""
    pixmap = QPixmap(SIZE * 2, SIZE * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(outcome_color(outcome))
    painter.drawEllipse(QRectF(4, 4, SIZE - 8, SIZE - 8))
    painter.end()
    return QIcon(pixmap)


def outcome_color(outcome: str | None) -> QColor:
    return QColor(OUTCOME_COLORS.get(outcome or "neutral", OUTCOME_COLORS["neutral"]))
