"""The graphics items of the journey maps: a customer's touchpoint point and a touchpoint node of
the aggregate map. Each item carries the plain record it draws, so tests (and the views) read the
map from the scene itself: how many points, which colours, which event or touchpoint is behind."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
)

from touchdesk.catalog import OUTCOME_COLORS, OUTCOME_KEYS
from touchdesk.journeymap_layout import AggregateNode, MapPoint

POINT_RADIUS = 6.0
# Colours as names: Qt objects kept in module globals can outlive the application at exit.
RING = OUTCOME_COLORS["decision"]
TEXT = "#1d232b"
MUTED = "#5b6673"


class PointItem(QGraphicsEllipseItem):
    """One touchpoint of a customer's map: a disc in its shown outcome's colour; a resolved
    decision keeps a yellow ring so it still reads as "this was a decision point"."""

    def __init__(self, point: MapPoint, tooltip: str) -> None:
        r = POINT_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.point = point
        self.setBrush(QBrush(QColor(point.color)))
        self.setPen(QPen(QColor(RING), 3.0) if point.was_decision else QPen(QColor("#ffffff"), 1.5))
        self.setToolTip(tooltip)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(3)

    @property
    def event_id(self) -> int:
        return self.point.event.id

    @property
    def color(self) -> str:
        """The fill colour as ``#rrggbb``."""
        return self.brush().color().name()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setScale(1.5)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setScale(1.0)
        super().hoverLeaveEvent(event)


class NodeItem(QGraphicsRectItem):
    """One touchpoint of the aggregate map: a card with the name, the volume, the friction rank
    and a bar split by outcome (green, grey, red, yellow for decisions still open)."""

    def __init__(
        self,
        node: AggregateNode,
        rect: QRectF,
        *,
        name: str,
        volume_text: str,
        rank_text: str,
        hot: bool = True,
        tooltip: str,
        bar_max: int,
        rtl: bool,
    ) -> None:
        super().__init__(rect)
        self.node = node
        used = node.volume > 0
        self.setBrush(QBrush(QColor("#ffffff" if used else "#f4f6f8")))
        self.setPen(QPen(QColor("#c9d1db"), 1.0))
        self.setToolTip(tooltip)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor if used else Qt.CursorShape.ArrowCursor)
        pad = 8.0
        title = _text(self, name, bold=True, color=TEXT if used else MUTED)
        volume = _text(self, volume_text, color=MUTED)
        room = rect.width() - 2 * pad
        badge_w = 0.0
        self.badge: QGraphicsSimpleTextItem | None = None
        if rank_text:
            self.badge = _badge(self, rank_text, hot)
            frame = self.badge.parentItem()
            assert frame is not None
            badge_w = frame.boundingRect().width() + 6
        _elide(title, room - badge_w)
        _place(title, rect.left() + pad, rect.right() - pad, rect.top() + 5, rtl)
        _place(volume, rect.left() + pad, rect.right() - pad, rect.bottom() - 20, rtl)
        if self.badge is not None:
            frame = self.badge.parentItem()
            assert frame is not None
            w = frame.boundingRect().width()
            x = rect.left() + pad if rtl else rect.right() - pad - w
            frame.setPos(x, rect.top() + 5)
        self.segments: list[QGraphicsRectItem] = []
        bar_room = room * 0.62
        bar_w = bar_room * node.volume / bar_max if bar_max else 0.0
        bar_y = rect.bottom() - 17
        # The bar sits at the end side of the card and grows in the reading direction.
        x = rect.left() + pad + bar_room if rtl else rect.right() - pad - bar_room
        for outcome in OUTCOME_KEYS:
            n = node.mix.get(outcome, 0)
            if not n:
                continue
            w = bar_w * n / node.volume
            left = x - w if rtl else x
            seg = QGraphicsRectItem(QRectF(left, bar_y, max(w, 1.0), 10), self)
            seg.setBrush(QBrush(QColor(OUTCOME_COLORS[outcome])))
            seg.setPen(QPen(Qt.PenStyle.NoPen))
            seg.setData(0, outcome)
            seg.setData(1, n)
            self.segments.append(seg)
            x = x - w if rtl else x + w

    def mix(self) -> dict[str, int]:
        """Outcome → count as drawn by the bar's segments."""
        return {str(s.data(0)): int(s.data(1)) for s in self.segments}

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setPen(QPen(QColor("#3b6fd1"), 2.0))
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setPen(QPen(QColor("#c9d1db"), 1.0))
        super().hoverLeaveEvent(event)


def _text(
    parent: QGraphicsItem, text: str, *, bold: bool = False, color: str = TEXT
) -> QGraphicsSimpleTextItem:
    item = QGraphicsSimpleTextItem(text, parent)
    font = item.font()
    font.setBold(bold)
    item.setFont(font)
    item.setBrush(QBrush(QColor(color)))
    return item


def _elide(item: QGraphicsSimpleTextItem, width: float) -> None:
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(item.font())
    item.setText(metrics.elidedText(item.text(), Qt.TextElideMode.ElideRight, max(width, 20.0)))


def _place(item: QGraphicsSimpleTextItem, left: float, right: float, top: float, rtl: bool) -> None:
    """Put a text at the reading side: the left edge in LTR, the right edge in RTL."""
    w = item.boundingRect().width()
    item.setPos(right - w if rtl else left, top)


def _badge(parent: QGraphicsItem, text: str, hot: bool) -> QGraphicsSimpleTextItem:
    """A small tag with the friction rank: red for the worst few, grey for the rest."""
    frame = QGraphicsRectItem(parent)
    label = _text(frame, text, bold=True, color="#ffffff")
    box = label.boundingRect().adjusted(-5, -1, 5, 1)
    frame.setRect(QRectF(0, 0, box.width(), box.height()))
    label.setPos(5, 1)
    frame.setBrush(QBrush(QColor(OUTCOME_COLORS["negative"] if hot else "#8a8f98")))
    frame.setPen(QPen(Qt.PenStyle.NoPen))
    return label
