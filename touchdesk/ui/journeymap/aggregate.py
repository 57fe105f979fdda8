"""The business's journey on one screen (seed 002's HubSpot example): a column per stage in journey
order (right to left in Persian), every touchpoint a card with its volume, its outcome mix as a
stacked bar and its friction rank. Clicking a card asks for the touchpoints behind it
(``touchpoint_activated`` carries the touchpoint key)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import OUTCOME_KEYS, outcome_label, stage_label
from touchdesk.i18n import _, ngettext
from touchdesk.journeymap_layout import AggregateMap, AggregateNode
from touchdesk.ui.journeymap.items import MUTED, TEXT, NodeItem

HEADER_H = 46.0
NODE_H = 62.0
GAP = 10.0
MAX_NODE_H = 92.0
MIN_COLUMN_W = 200.0
HOT_RANKS = 5  # the worst friction points get a red badge, the others a grey one


def node_tooltip(node: AggregateNode, name: str) -> str:
    """Name, volume, the mix (open decisions apart) and the friction rank of a touchpoint."""
    f = formatting
    lines = [
        name,
        ngettext("{n} touchpoint", "{n} touchpoints", node.volume).format(
            n=f.format_int(node.volume)
        ),
    ]
    for outcome in OUTCOME_KEYS:
        n = node.mix.get(outcome, 0)
        if not n:
            continue
        label = _("Decision pending") if outcome == "decision" else outcome_label(outcome)
        lines.append(
            _("{outcome}: {count} ({share})").format(
                outcome=label, count=f.format_int(n), share=f.format_percent(n / node.volume)
            )
        )
    if node.rank is not None:
        lines.append(
            _("Friction rank {rank}: {share} negative or undecided").format(
                rank=f.digits(str(node.rank)), share=f.format_percent(node.friction / node.volume)
            )
        )
    return "\n".join(lines)


class AggregateMapView(QGraphicsView):
    """Draws an ``AggregateMap``; ``set_map`` takes the period's mixes already laid out."""

    touchpoint_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aggregateJourneyMap")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.map: AggregateMap | None = None
        self._label: Callable[[str], str] = lambda key: key
        self._nodes: list[NodeItem] = []

    def set_map(self, mixes_map: AggregateMap, touchpoint_label: Callable[[str], str]) -> None:
        self.map = mixes_map
        self._label = touchpoint_label
        self.rebuild()

    def node_items(self) -> list[NodeItem]:
        """The drawn touchpoint cards (stage by stage, in journey order)."""
        return list(self._nodes)

    def node_item(self, touchpoint: str) -> NodeItem | None:
        return next((n for n in self._nodes if n.node.touchpoint == touchpoint), None)

    def rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self._nodes = []
        m = self.map
        if m is None:
            return
        rtl = self.isRightToLeft()
        if rtl != (m.columns[0] != "before_purchase"):
            m = aggregate_map_mirrored(m)
            self.map = m
        col_w = max(MIN_COLUMN_W, (self.viewport().width() - GAP) / len(m.columns) - GAP)
        rows = max(1, m.rows)
        room = (self.viewport().height() - HEADER_H - GAP) / rows - GAP
        node_h = min(MAX_NODE_H, max(NODE_H, room))
        height = HEADER_H + rows * (node_h + GAP) + GAP
        width = GAP + len(m.columns) * (col_w + GAP)
        scene.setSceneRect(QRectF(0, 0, width, height))
        bar_max = max((n.volume for n in m.nodes), default=0)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, stage in enumerate(m.columns):
            left = GAP + column * (col_w + GAP)
            band = scene.addRect(
                QRectF(left - GAP / 2, 0, col_w + GAP, height),
                QPen(Qt.PenStyle.NoPen),
                QBrush(QColor("#f3f6f9" if column % 2 == 0 else "#e9eef4")),
            )
            band.setZValue(-1)
            title = scene.addSimpleText(stage_label(stage), bold)
            title.setBrush(QBrush(QColor(TEXT)))
            total = m.stage_totals.get(stage, 0)
            sub = scene.addSimpleText(
                ngettext("{n} touchpoint", "{n} touchpoints", total).format(
                    n=formatting.format_int(total)
                )
            )
            sub.setBrush(QBrush(QColor(MUTED)))
            for text, top in ((title, 6.0), (sub, 24.0)):
                _align(text, left, left + col_w, top, rtl)
        for node in m.nodes:
            left = GAP + node.column * (col_w + GAP)
            top = HEADER_H + node.row * (node_h + GAP)
            name = self._label(node.touchpoint)
            volume = formatting.format_int(node.volume)
            if node.volume:
                # "12 (5%)": a middle dot would read as a Persian zero
                volume += f" ({formatting.format_percent(node.share)})"
            card = NodeItem(
                node,
                QRectF(left, top, col_w, node_h),
                name=name,
                volume_text=volume,
                rank_text=(
                    _("#{rank}").format(rank=formatting.digits(str(node.rank)))
                    if node.rank is not None
                    else ""
                ),
                hot=node.rank is not None and node.rank <= HOT_RANKS,
                tooltip=node_tooltip(node, name),
                bar_max=bar_max,
                rtl=rtl,
            )
            scene.addItem(card)
            self._nodes.append(card)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            card = _card(self.itemAt(event.position().toPoint()))
            if card is not None and card.node.volume:
                self.touchpoint_activated.emit(card.node.touchpoint)
                event.accept()
                return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size() != event.oldSize():
            self.rebuild()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self.rebuild()


def aggregate_map_mirrored(m: AggregateMap) -> AggregateMap:
    """The same map with its columns in the other direction."""
    from dataclasses import replace

    last = len(m.columns) - 1
    return AggregateMap(
        tuple(reversed(m.columns)),
        tuple(replace(n, column=last - n.column) for n in m.nodes),
        dict(m.stage_totals),
    )


def _card(item: QGraphicsItem | None) -> NodeItem | None:
    while item is not None and not isinstance(item, NodeItem):
        item = item.parentItem()
    return item


def _align(item: QGraphicsSimpleTextItem, left: float, right: float, top: float, rtl: bool) -> None:
    w = item.boundingRect().width()
    item.setPos(right - w if rtl else left, top)
