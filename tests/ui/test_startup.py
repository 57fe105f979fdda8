"""Start-up does only what the first frame needs: the window process paints its first screen
with data before SQLAlchemy is even imported (plain ``sqlite3`` reads, see
``touchdesk.data.early``), loads no command modules, dialogs, contact readers, reports, charts or
journey map, opens the real workspace right after, turns the garbage collector back on, and the
customer list is read once while its screen is built; the customer page builds its journey map
when that tab is first shown. (Wall-clock figures are in ``bench/bench_startup.py``, never
asserted here.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from tests.helpers.factories import customer, touch
from touchdesk.ui import state
from touchdesk.ui.views.customer_detail import CustomerDetailPanel
from touchdesk.ui.views.customers import CustomersView

# Run the real entry point in a new process; report what it had loaded and shown at its first
# frame with data (when the data layer is left to load) and when it returned.
PROBE = """
import gc, sys
from touchdesk.ui import app
first = {}
finish_loading = app.Shell.finish_loading

def at_first_frame(shell, then):
    screen = shell.window.stack.currentWidget()
    rows = screen.model.rowCount() if hasattr(screen, "model") else screen.summary.count
    first.update(modules=list(sys.modules), loaded=shell.ws.loaded, rows=rows)
    finish_loading(shell, then)

app.Shell.finish_loading = at_first_frame
from touchdesk.cli import main
rc = main(["--db", sys.argv[1], "--exit-after-startup"])
print("rc", rc, "gc", gc.isenabled(), "rows", first["rows"], "loaded", first["loaded"])
print(" ".join(first["modules"]))
print(" ".join(sys.modules))
"""
NOT_AT_START = (
    "touchdesk.cli.transfer",
    "touchdesk.cli.report",
    "touchdesk.planner.tasks",
    "touchdesk.data.contacts.sources",
    "touchdesk.data.importing",
    "touchdesk.ui.dialogs.quicklog",
    "touchdesk.ui.dialogs.customer_edit",
    "touchdesk.ui.dialogs.import_mapping",
    "touchdesk.ui.views.dashboard",
    "touchdesk.ui.journeymap.widget",
    "touchdesk.journeymap_layout",
    "touchdesk.ui.wizard.wizard",
    "touchdesk.reports",
    "reportlab",
    "alembic",
    "PySide6.QtCharts",
    "PySide6.QtSvg",
)


@pytest.mark.parametrize("view", ["customers", "today"])
def test_the_first_frame_shows_data_before_the_data_layer_loads(db_path, workspace, ui_home, view):  # type: ignore[no-untyped-def]
    for name in ("Startup Probe", "Second Probe"):
        touch(workspace, customer(workspace, name), outcome="decision")
    workspace.currency()  # settled on the first start, as the window does
    workspace.close()
    (ui_home / "ui-state.ini").write_text(f"[window]\nview={view}\n", encoding="utf-8")
    env = {**os.environ, "TOUCHDESK_HOME": str(ui_home), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    status, at_first_frame, at_exit = proc.stdout.splitlines()[-3:]
    # Two customers in the list, or two pending decisions on Today, painted from plain sqlite3.
    assert status == "rc 0 gc True rows 2 loaded False"
    first, last = at_first_frame.split(), at_exit.split()
    assert f"touchdesk.ui.views.{view}" in first  # the screen was really built
    assert [m for m in first if m.split(".")[0] in ("sqlalchemy", "alembic")] == []
    assert "touchdesk.data.workspace" not in first
    assert "touchdesk.data.workspace" in last and "sqlalchemy.orm" in last  # then it loaded
    assert [name for name in NOT_AT_START if name in last] == []


def test_customer_list_is_read_once_while_the_screen_is_built(ctx, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    for name in ("Bita", "Arash", "Cyrus"):
        customer(ctx.ws, name)
    reads: list[tuple[str, bool]] = []
    find = ctx.ws.find_customers

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append((kwargs["sort"], kwargs["descending"]))
        return find(*args, **kwargs)

    monkeypatch.setattr(ctx.ws, "find_customers", counted)
    view = CustomersView(ctx)
    qtbot.addWidget(view)
    # The header's saved state announces the order already shown: nothing is read again.
    store = state.ui_state()
    view.save_state(store)
    view.restore_state(store)
    assert reads == [("name", False)]
    assert [view.model.customer_at(i).name for i in range(3)] == ["Arash", "Bita", "Cyrus"]
    # A different order is read from the database.
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert reads == [("name", False), ("name", True)]
    assert [view.model.customer_at(i).name for i in range(3)] == ["Cyrus", "Bita", "Arash"]


def test_journey_map_is_built_when_its_tab_is_first_shown(ctx, qtbot):  # type: ignore[no-untyped-def]
    cid = customer(ctx.ws, "Mina")
    touch(ctx.ws, cid, "social_media", "social", "positive")
    touch(ctx.ws, cid, "sales_conversation", "phone", "neutral")
    panel = CustomerDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_customer(cid)
    assert panel._journey_map is None  # the customer's page opened without it
    panel.tabs.setCurrentIndex(1)  # what a click on "Journey map" does
    built = panel._journey_map
    assert built is not None and panel.tabs.currentWidget() is built
    assert panel.tabs.tabText(1) == "Journey map"
    assert len(built.view.point_items()) == 2
