"""The customer's journey map: points and colours read from the widget's own scene, tooltips,
click-through to the timeline, zoom, and the mirrored time axis in Persian."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.helpers.factories import customer, touch
from touchdesk import formatting
from touchdesk.catalog import OUTCOME_COLORS
from touchdesk.i18n import set_language
from touchdesk.ui.journeymap.widget import JourneyMapView
from touchdesk.ui.views.customer_detail import CustomerDetailPanel

GREEN, GREY = OUTCOME_COLORS["positive"], OUTCOME_COLORS["neutral"]
RED, YELLOW = OUTCOME_COLORS["negative"], OUTCOME_COLORS["decision"]


@pytest.fixture
def journey(workspace):  # type: ignore[no-untyped-def]
    """Sara's five touchpoints, one per stage step, each a different colour on the map:
    1 Nov social media positive (green), 3 Nov sales call decision resolved yes (green, ringed),
    5 Nov product catalog neutral (grey), 9 Nov billing decision still open (yellow),
    12 Nov support negative (red). Ali's one touchpoint must not appear on Sara's map."""
    ws = workspace
    cid = customer(ws, "Sara Ahmadi")
    other = customer(ws, "Ali Rezaei")
    ids = [
        touch(ws, cid, "social_media", "social", "positive", at=dt.datetime(2026, 11, 1, 10)),
        touch(ws, cid, "sales_conversation", "phone", "decision", at=dt.datetime(2026, 11, 3, 10)),
        touch(ws, cid, "product_catalog", "website", "neutral", at=dt.datetime(2026, 11, 5, 10)),
        touch(ws, cid, "billing", "email", "decision", at=dt.datetime(2026, 11, 9, 10)),
        touch(
            ws,
            cid,
            "support_channels",
            "chat",
            "negative",
            at=dt.datetime(2026, 11, 12, 10),
            note="Parcel arrived broken",
        ),
    ]
    touch(ws, other, "social_media", "social", "negative", at=dt.datetime(2026, 11, 2, 10))
    ws.resolve_decision(ids[1], "positive")
    return cid, ids


def _panel(ctx, qtbot, cid: int) -> CustomerDetailPanel:  # type: ignore[no-untyped-def]
    panel = CustomerDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    panel.show_customer(cid)
    panel.tabs.setCurrentWidget(panel.journey_map)
    return panel


def test_customer_page_draws_each_touchpoint_in_its_colour_and_lane(ctx, qtbot, journey):  # type: ignore[no-untyped-def]
    cid, ids = journey
    view = _panel(ctx, qtbot, cid).journey_map.view
    points = view.point_items()
    assert [p.event_id for p in points] == ids
    assert [p.color for p in points] == [GREEN, GREEN, GREY, YELLOW, RED]
    assert [p.point.lane for p in points] == [0, 1, 1, 2, 3]
    # only the resolved decision wears the yellow ring
    assert [p.pen().color().name() for p in points].count(YELLOW) == 1
    assert points[1].pen().color().name() == YELLOW
    # time runs left to right; the positive point sits above its lane's centre, the red below
    xs = [p.scenePos().x() for p in points]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert points[0].scenePos().y() < 0.5 * 74 < points[-1].scenePos().y() - 3 * 74
    assert view.curve_item is not None
    assert view.curve_item.path().elementCount() == 5


def test_tooltip_names_touchpoint_channel_date_outcome_and_note(ctx, qtbot, journey):  # type: ignore[no-untyped-def]
    cid, ids = journey
    view = _panel(ctx, qtbot, cid).journey_map.view
    assert view.item_of(ids[4]).toolTip() == (  # type: ignore[union-attr]
        "Support channels\nChannel: Online chat\nWhen: 2026-11-12 10:00\n"
        "Outcome: Negative\nParcel arrived broken"
    )
    assert view.item_of(ids[1]).toolTip().splitlines()[3] == "Outcome: Decision: Positive"  # type: ignore[union-attr]
    assert view.item_of(ids[3]).toolTip().splitlines()[3] == "Outcome: Decision pending"  # type: ignore[union-attr]


def test_click_emits_the_event_id_and_selects_it_in_the_timeline(ctx, qtbot, journey):  # type: ignore[no-untyped-def]
    cid, ids = journey
    panel = _panel(ctx, qtbot, cid)
    view = panel.journey_map.view
    item = view.item_of(ids[2])
    assert item is not None
    where = view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(view.event_activated) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert signal.args == [ids[2]]
    assert panel.tabs.currentWidget() is panel.timeline_view
    assert panel.selected_event().id == ids[2]  # type: ignore[union-attr]


def test_ctrl_wheel_and_buttons_zoom_the_time_axis(ctx, qtbot, journey):  # type: ignore[no-untyped-def]
    cid, _ids = journey
    panel = _panel(ctx, qtbot, cid)
    view = panel.journey_map.view
    width = view.sceneRect().width()
    wheel = QWheelEvent(
        QPointF(200, 100),
        QPointF(view.viewport().mapToGlobal(QPoint(200, 100))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom == 1.5
    assert view.sceneRect().width() == pytest.approx(width * 1.5)
    assert len(view.point_items()) == 5  # the same points, further apart
    qtbot.mouseClick(panel.journey_map.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.zoom == pytest.approx(2.25)
    qtbot.mouseClick(panel.journey_map.fit_button, Qt.MouseButton.LeftButton)
    assert view.zoom == 1.0 and not panel.journey_map.fit_button.isEnabled()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.5
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.0


def test_right_to_left_mirrors_the_time_axis_with_persian_dates(workspace, qtbot, journey):  # type: ignore[no-untyped-def]
    cid, ids = journey
    set_language("fa")
    formatting.configure_for_language("fa")
    view = JourneyMapView()
    qtbot.addWidget(view)
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.resize(900, 400)
    rows = workspace.timeline(cid)
    from touchdesk.journeymap_layout import MapEvent

    view.set_events(
        [
            MapEvent(r.id, r.occurred_at, r.stage, r.touchpoint, r.channel, r.outcome, r.resolution)
            for r in rows
        ],
        workspace.touchpoint_label,
    )
    xs = [p.scenePos().x() for p in view.point_items()]
    assert [p.event_id for p in view.point_items()] == ids
    assert xs == sorted(xs, reverse=True) and xs[0] > xs[-1]  # earliest on the right
    tip = view.item_of(ids[0]).toolTip()  # type: ignore[union-attr]
    assert "۱۴۰۵/۰۸/۱۰" in tip  # 1 November 2026 = 10 Aban 1405, Persian digits
    assert not any(c.isascii() and c.isdigit() for c in tip)


def test_empty_history_draws_no_points(qtbot):  # type: ignore[no-untyped-def]
    view = JourneyMapView()
    qtbot.addWidget(view)
    view.set_events([])
    assert view.point_items() == [] and view.curve_item is None


def _wheel(view, y: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    at = QPoint(300, 100)
    QApplication.sendEvent(
        view.viewport(),
        QWheelEvent(
            QPointF(at),
            QPointF(view.viewport().mapToGlobal(at)),
            QPoint(0, 0),
            QPoint(0, y),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_zoom_keeps_the_moment_under_the_mouse_and_the_wheel_pans_in_time(
    workspace, qtbot, journey, direction
):  # type: ignore[no-untyped-def]
    from touchdesk.journeymap_layout import MapEvent

    cid, ids = journey
    view = JourneyMapView()
    qtbot.addWidget(view)
    view.setLayoutDirection(direction)
    view.resize(800, 420)
    view.show()
    view.set_events(
        [
            MapEvent(r.id, r.occurred_at, r.stage, r.touchpoint, r.channel, r.outcome, r.resolution)
            for r in workspace.timeline(cid)
        ]
    )
    fraction = view.mapToScene(300, 0).x() / view.sceneRect().width()
    _wheel(view, 240, Qt.KeyboardModifier.ControlModifier)  # two notches: 1.5 × 1.5
    assert view.zoom == pytest.approx(2.25)
    assert view.mapToScene(300, 0).x() / view.sceneRect().width() == pytest.approx(
        fraction, abs=0.01
    )
    first, last = view.item_of(ids[0]), view.item_of(ids[-1])
    assert first is not None and last is not None
    before = [view.mapFromScene(i.scenePos()).x() for i in (first, last)]
    _wheel(view, -120)  # one notch down: later in time comes into view
    after = [view.mapFromScene(i.scenePos()).x() for i in (first, last)]
    later = 1 if direction == Qt.LayoutDirection.LeftToRight else -1
    assert (before[1] - after[1]) * later == pytest.approx(60, abs=2)
    assert after[0] - before[0] == after[1] - before[1]  # the whole axis moved, not the points
