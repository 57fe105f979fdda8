"""The Journey screen's aggregate map on the Dashboard's hand-counted October (see
``build_month``): every touchpoint in its stage with its volume, outcome mix and friction rank; a
card opens its touchpoints; Persian mirrors the columns."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import wait_idle
from tests.ui.test_dashboard import OCTOBER, build_month
from touchdesk import formatting
from touchdesk.catalog import OUTCOME_COLORS, STAGE_KEYS, TOUCHPOINTS
from touchdesk.formatting import Month
from touchdesk.i18n import set_language
from touchdesk.ui.views.journey import JourneyView


def open_month(ctx, qtbot, month: Month) -> JourneyView:  # type: ignore[no-untyped-def]
    view = JourneyView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.period.set_month(month)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: view.analytics is not None and view.analytics.period.month == month)
    return view


def test_each_touchpoint_shows_its_volume_mix_and_rank(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_month(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    cards = view.map.node_items()
    assert len(cards) == len(TOUCHPOINTS)  # unused ones shown with 0
    volumes = {c.node.touchpoint: c.node.volume for c in cards if c.node.volume}
    assert volumes == {"sales_conversation": 40, "social_media": 3}
    sales = view.map.node_item("sales_conversation")
    assert sales is not None
    assert sales.node.stage == "during_purchase" and sales.node.column == 1
    assert sales.mix() == {"positive": 13, "neutral": 19, "negative": 6, "decision": 2}
    assert {s.brush().color().name() for s in sales.segments} == set(OUTCOME_COLORS.values())
    texts = [t.text() for t in sales.childItems() if hasattr(t, "text")]
    assert "40 (93%)" in texts  # 40 of October's 43
    assert sales.badge is not None and sales.badge.text() == "#1"  # 8 of 40 negative or open
    social = view.map.node_item("social_media")
    assert social is not None and social.badge is None  # 3 touchpoints: too few to rank
    assert "Friction rank 1: 20% negative or undecided" in sales.toolTip()
    assert view.summary.text() == "43 touchpoints, 2 customers"
    view.unused.setChecked(False)
    assert [c.node.touchpoint for c in view.map.node_items()] == [
        "social_media",
        "sales_conversation",
    ]


def test_clicking_a_card_lists_its_touchpoints(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    f = build_month(workspace)
    view = open_month(ctx, qtbot, OCTOBER)
    card = view.map.node_item("social_media")
    assert card is not None
    where = view.map.mapFromScene(card.sceneBoundingRect().center())
    with qtbot.waitSignal(view.map.touchpoint_activated) as signal:
        qtbot.mouseClick(view.map.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert signal.args == ["social_media"]
    dialog = view.events_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.ids() == list(reversed(f.sms))


def test_empty_month_shows_zero_volumes(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_month(workspace)
    view = open_month(ctx, qtbot, Month(2025, 1))
    assert all(c.node.volume == 0 and not c.segments for c in view.map.node_items())
    assert view.summary.text() == "0 touchpoints, 0 customers"


def test_persian_columns_run_right_to_left_with_jalali_months(ctx, qtbot, workspace):  # type: ignore[no-untyped-def]
    build_month(workspace)
    set_language("fa")
    formatting.configure_for_language("fa")
    view = JourneyView(ctx)
    qtbot.addWidget(view)
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.resize(1200, 700)
    view.show()
    # Mehr 1405 = 23 September .. 22 October 2026: Sara's September call and 1..22 October
    mehr = Month(1405, 7, formatting.JALALI)
    view.period.set_month(mehr)
    assert view.period.combo.currentText() == "مهر ۱۴۰۵"
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: view.analytics is not None and view.analytics.period.month == mehr)
    assert view.map.map is not None and view.map.map.columns == tuple(reversed(STAGE_KEYS))
    first = view.map.node_item("social_media")
    sales = view.map.node_item("sales_conversation")
    assert first is not None and sales is not None
    assert first.sceneBoundingRect().left() > sales.sceneBoundingRect().left()
    assert (first.node.volume, sales.node.volume) == (2, 41)  # SMS on 21, 22 Oct; all 40 + 30 Sep
