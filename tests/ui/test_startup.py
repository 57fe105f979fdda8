"""Start-up does only what the first frame needs: the window process loads no command modules,
dialogs, contact readers, reports, charts or journey map, imports the Qt-free data layer before
PySide6, turns the garbage collector back on, and the customer list is read once while its
screen is built; the customer page builds its journey map when that tab is first shown.
(Wall-clock figures are in ``bench/bench_startup.py``, never asserted here.)"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from tests.helpers.factories import customer, touch
from touchdesk.ui import state
from touchdesk.ui.views.customer_detail import CustomerDetailPanel
from touchdesk.ui.views.customers import CustomersView

# Run the real entry point in a new process and report what it had loaded when it returned.
PROBE = (
    "import gc, sys\n"
    "from touchdesk.cli import main\n"
    "rc = main(['--db', sys.argv[1], '--exit-after-startup'])\n"
    "print('rc', rc, 'gc', gc.isenabled())\n"
    "print(' '.join(sys.modules))\n"
)
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


def test_window_process_loads_only_what_the_first_frame_needs(db_path, workspace, ui_home):  # type: ignore[no-untyped-def]
    customer(workspace, "Startup Probe")
    workspace.close()
    (ui_home / "ui-state.ini").write_text("[window]\nview=customers\n", encoding="utf-8")
    env = {**os.environ, "TOUCHDESK_HOME": str(ui_home), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    status, modules_line = proc.stdout.splitlines()[-2:]
    assert status == "rc 0 gc True"
    modules = modules_line.split()
    assert "touchdesk.ui.views.customers" in modules  # the screen was really built
    loaded = [name for name in NOT_AT_START if name in modules]
    assert loaded == []
    # The data layer came before PySide6 (modules imported after PySide6 get their source read).
    assert modules.index("touchdesk.data.workspace") < modules.index("PySide6.QtCore")
    assert modules.index("sqlalchemy.orm") < modules.index("PySide6.QtCore")


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
