"""One customer's journey map on screen: the four stages as swimlanes, every touchpoint a coloured
point on a time axis, the emotion curve joining them (positions from
``touchdesk.journeymap_layout``).

Hover a point for its touchpoint, channel, date and note; click it to open the event
(``event_activated`` carries its id). Ctrl+wheel or the +/− buttons zoom the time axis, dragging or
scrolling pans it. In right-to-left layouts time runs from right to left and the lane names sit on
the right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from touchdesk import formatting
from touchdesk.catalog import (
    OUTCOME_COLORS,
    OUTCOME_KEYS,
    channel_label,
    outcome_label,
    stage_label,
)
from touchdesk.i18n import _
from touchdesk.journeymap_layout import MapEvent, MapPoint, customer_map
from touchdesk.ui.journeymap.items import MUTED, PointItem

LANE_H = 74.0
LABEL_W = 140.0
AXIS_H = 34.0
EDGE = 26.0
TICK_SPACING = 120.0
ZOOM_STEP = 1.5
MAX_ZOOM = 64.0
NOTE_CHARS = 300
LANES = ("#f3f6f9", "#e9eef4")


def outcome_text(point: MapPoint) -> str:
    """The outcome as a tooltip says it: pending or resolved decisions spelled out."""
    e = point.event
    if e.outcome == "decision":
        if point.was_decision:
            return _("Decision: {outcome}").format(outcome=outcome_label(point.shown_outcome))
        return _("Decision pending")
    return outcome_label(e.outcome)


def point_tooltip(point: MapPoint, touchpoint_label: Callable[[str], str]) -> str:
    """Touchpoint, channel, date, outcome and note of a point, one per line."""
    e = point.event
    lines = [
        touchpoint_label(e.touchpoint),
        _("Channel: {channel}").format(channel=channel_label(e.channel)),
        _("When: {date}").format(date=formatting.format_datetime(e.occurred_at)),
        _("Outcome: {outcome}").format(outcome=outcome_text(point)),
    ]
    note = e.note.strip()
    if note:
        lines.append(note if len(note) <= NOTE_CHARS else note[: NOTE_CHARS - 1] + "…")
    return "\n".join(lines)


class JourneyMapView(QGraphicsView):
    """The map itself; ``set_events`` draws a customer's touchpoints."""

    event_activated = Signal(int)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journeyMap")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumHeight(150)  # scrolls vertically when squeezed
        self.map = customer_map([])
        self._events: list[MapEvent] = []
        self._label: Callable[[str], str] = lambda key: key
        self._zoom = 1.0
        self._items: list[PointItem] = []
        self.curve_item: QGraphicsPathItem | None = None

    # --- data -------------------------------------------------------------------------------------

    def set_events(
        self, events: Sequence[MapEvent], touchpoint_label: Callable[[str], str] | None = None
    ) -> None:
        """Show these touchpoints (any order); ``touchpoint_label`` names touchpoint keys."""
        self._events = list(events)
        if touchpoint_label is not None:
            self._label = touchpoint_label
        self.rebuild()

    def point_items(self) -> list[PointItem]:
        """The drawn points in time order (what the user sees, for tests and keyboard use)."""
        return list(self._items)

    def item_of(self, event_id: int) -> PointItem | None:
        return next((i for i in self._items if i.event_id == event_id), None)

    # --- zoom -------------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float, anchor: float | None = None) -> None:
        """Stretch the time axis ``zoom`` times the window's width, keeping the moment at viewport
        x ``anchor`` (default: the centre) in place."""
        zoom = min(MAX_ZOOM, max(1.0, zoom))
        if zoom == self._zoom:
            return
        at = self.viewport().width() / 2 if anchor is None else anchor
        fraction = self._scene_x(at) / max(1.0, self.sceneRect().width())
        self._zoom = zoom
        self.rebuild()
        self.pan(fraction * self.sceneRect().width() - self._scene_x(at))
        self.zoom_changed.emit(zoom)

    def pan(self, dx: float) -> None:
        """Move the visible window ``dx`` scene units to the right (the scroll bar of a
        right-to-left view runs the other way)."""
        bar = self.horizontalScrollBar()
        bar.setValue(round(bar.value() + (-dx if self.isRightToLeft() else dx)))

    def _scene_x(self, viewport_x: float) -> float:
        return self.mapToScene(round(viewport_x), 0).x()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def fit(self) -> None:
        self.set_zoom(1.0)

    # --- drawing ----------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Lay the scene out again for the current size, zoom, direction and events."""
        rtl = self.isRightToLeft()
        self.map = customer_map(self._events, rtl=rtl)
        scene = self.scene()
        scene.clear()
        self._items = []
        self.curve_item = None
        width = max(480.0, self.viewport().width() - 2.0) * self._zoom
        height = LANE_H * len(self.map.stages) + AXIS_H
        scene.setSceneRect(QRectF(0, 0, width, height))
        # The axis runs between the lane names and the far edge, inside a margin for the points.
        x0 = EDGE if rtl else LABEL_W + EDGE
        x1 = width - (LABEL_W + EDGE if rtl else EDGE)
        for lane, _stage in enumerate(self.map.stages):
            band = scene.addRect(
                QRectF(0, lane * LANE_H, width, LANE_H),
                QPen(Qt.PenStyle.NoPen),
                QColor(LANES[lane % 2]),
            )
            band.setZValue(0)
            mid = scene.addLine(
                0, (lane + 0.5) * LANE_H, width, (lane + 0.5) * LANE_H, QPen(QColor("#dde3ea"))
            )
            mid.setZValue(0)
        if not self.map.points:
            note = scene.addSimpleText(_("No touchpoints logged yet."))
            note.setBrush(QBrush(QColor(MUTED)))
            note.setPos((x0 + x1) / 2 - note.boundingRect().width() / 2, LANE_H * 2 - 10)
            return

        def pos(x: float, lane_y: float) -> QPointF:
            return QPointF(x0 + x * (x1 - x0), (lane_y + 0.5) * LANE_H)

        path = QPainterPath()
        for n, (x, y) in enumerate(self.map.curve()):
            (path.moveTo if n == 0 else path.lineTo)(pos(x, y))
        curve = scene.addPath(path, QPen(QColor("#6b7785"), 1.6))
        curve.setZValue(2)
        self.curve_item = curve
        for point in self.map.points:
            item = PointItem(point, point_tooltip(point, self._label))
            item.setPos(pos(point.x, point.lane - point.emotion * 0.35))
            scene.addItem(item)
            self._items.append(item)
        axis_y = LANE_H * len(self.map.stages)
        scene.addLine(x0, axis_y + 4, x1, axis_y + 4, QPen(QColor(MUTED), 1.0))
        ticks = self.map.ticks(max(2, int((x1 - x0) / TICK_SPACING) + 1))
        for tick in ticks:
            x = x0 + tick.x * (x1 - x0)
            scene.addLine(x, axis_y + 4, x, axis_y + 9, QPen(QColor(MUTED), 1.0))
            label = scene.addSimpleText(formatting.format_date(formatting.to_local(tick.when)))
            label.setBrush(QBrush(QColor(MUTED)))
            w = label.boundingRect().width()
            label.setPos(min(max(x - w / 2, 0.0), width - w), axis_y + 11)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The lane names stay at the reading edge of the window while the axis pans."""
        painter.save()
        painter.resetTransform()
        vw = self.viewport().width()
        left = vw - LABEL_W if self.isRightToLeft() else 0.0
        top = -self.verticalScrollBar().value()
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        for lane, stage in enumerate(self.map.stages):
            band = QRectF(left, top + lane * LANE_H, LABEL_W, LANE_H)
            fill = QColor(LANES[lane % 2])
            fill.setAlpha(235)
            painter.fillRect(band, fill)
            painter.setPen(QColor("#1d232b"))
            # Absolute: in a right-to-left painter a plain AlignRight would mean the left edge.
            align = (
                Qt.AlignmentFlag.AlignVCenter
                | Qt.AlignmentFlag.AlignAbsolute
                | (
                    Qt.AlignmentFlag.AlignRight
                    if self.isRightToLeft()
                    else Qt.AlignmentFlag.AlignLeft
                )
            )
            painter.drawText(
                band.adjusted(10, 4, -10, -4),
                int(align | Qt.TextFlag.TextWordWrap),
                stage_label(stage),
            )
        painter.restore()

    # --- input ------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.itemAt(event.position().toPoint())
            if isinstance(item, PointItem):
                self.event_activated.emit(item.event_id)
                event.accept()
                return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self._zoom * ZOOM_STEP**steps, event.position().x())
            event.accept()
            return
        if self.verticalScrollBar().maximum() == 0 and not event.angleDelta().x():
            # Nothing to scroll up or down: a plain wheel moves along the time axis.
            later = -event.angleDelta().y() / 120 * TICK_SPACING / 2
            self.pan(-later if self.isRightToLeft() else later)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.rebuild()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self.rebuild()


class JourneyMapPanel(QWidget):
    """The map with its zoom buttons and the colour legend, as the customer page shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = JourneyMapView(self)
        self.zoom_out_button = _tool("−", _("Zoom out (Ctrl+wheel)"), self.view.zoom_out)
        self.zoom_in_button = _tool("+", _("Zoom in (Ctrl+wheel)"), self.view.zoom_in)
        self.fit_button = _tool(_("Fit"), _("Show the whole history"), self.view.fit)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for outcome in OUTCOME_KEYS:
            bar.addWidget(_swatch(OUTCOME_COLORS[outcome], outcome_label(outcome)))
        ring = _swatch(OUTCOME_COLORS["decision"], _("Resolved decision"), ring=True)
        bar.addWidget(ring)
        bar.addStretch(1)
        for b in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.zoom_changed.connect(self._zoomed)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.view.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.view.zoom_out),
            (QKeySequence("Ctrl+0"), self.view.fit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._zoomed(self.view.zoom)

    def _zoomed(self, zoom: float) -> None:
        self.zoom_out_button.setEnabled(zoom > 1.0)
        self.fit_button.setEnabled(zoom > 1.0)
        self.zoom_in_button.setEnabled(zoom < MAX_ZOOM)


def _tool(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button


def _swatch(color: str, text: str, *, ring: bool = False) -> QWidget:
    """A legend entry: a coloured dot (or a yellow ring around a white one) and its meaning."""
    pixmap = QPixmap(28, 28)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if ring:
        painter.setPen(QPen(QColor(color), 2.5))
        painter.setBrush(QColor("#ffffff"))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
    painter.drawEllipse(QRectF(2, 2, 10, 10))
    painter.end()
    entry = QWidget()
    row = QHBoxLayout(entry)
    row.setContentsMargins(0, 0, 8, 0)
    row.setSpacing(4)
    dot = QLabel()
    dot.setPixmap(pixmap)
    row.addWidget(dot)
    row.addWidget(QLabel(text))
    return entry
