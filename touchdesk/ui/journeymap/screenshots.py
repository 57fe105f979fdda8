"""Render the journey maps and the Dashboard for the docs, offscreen:
``python -m touchdesk.ui.journeymap.screenshots docs``.

For English and Persian it fills a throwaway database with demo data, opens the real main window
and saves the busiest customer's journey map (``docs/journey-map[-fa].png``), the aggregate map
(``docs/journey-map-aggregate[-fa].png``) and the Journey and Dashboard screens
(``docs/screenshots/{journey,journey-customer,dashboard,dashboard-full}-{en,fa}.png``), and the
Dashboard's heatmap by hour (``docs/screenshots/dashboard-hours-{en,fa}.png``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from touchdesk.ui.screenshots import wait_until

# Enough customers for the heatmap's cells to pass their minimum sample.
CUSTOMERS = 20000


def last_month(view: Any) -> None:
    """Show the last complete month (the current one may be a few days old) once computed."""
    view.period.step(1)
    wait_until(
        lambda: (
            view.analytics is not None
            and view.analytics.period.month == view.period.month()
            and not view.job.busy
        ),
        timeout=120,
    )


def shoot(docs: Path, lang: str) -> list[Path]:
    """Every picture of one language; returns the files written."""
    from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

    from touchdesk.data.demo import generate
    from touchdesk.data.workspace import Workspace
    from touchdesk.ui.app import Shell

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    home = tempfile.mkdtemp(prefix=f"touchdesk-maps-{lang}-")
    os.environ["TOUCHDESK_HOME"] = home
    ws = Workspace.open(Path(home) / "demo.sqlite3")
    ws.set_setting("language", lang)
    generate(ws, customers=CUSTOMERS, months=6, seed=11, locale=lang)
    shell = Shell(app, ws)
    window = shell.build()
    window.resize(1280, 800)
    window.show()
    suffix = "-fa" if lang == "fa" else ""
    written: list[Path] = []

    def save(widget: Any, path: Path) -> None:
        QApplication.processEvents()
        path.parent.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(path))
        written.append(path)

    customers = window.show_view("customers")
    loaded = [customers.model.customer_at(i) for i in range(customers.model.rowCount())]  # type: ignore[attr-defined]
    busiest = max((r for r in loaded if r), key=lambda r: len(ws.timeline(r.id, limit=60)))
    customers.select_customer(busiest.id)  # type: ignore[attr-defined]
    customers.splitter.setSizes([330, 950])  # type: ignore[attr-defined]
    detail = customers.detail  # type: ignore[attr-defined]
    detail.tabs.setCurrentWidget(detail.journey_map)
    save(window, docs / "screenshots" / f"journey-customer-{lang}.png")
    panel = detail.journey_map
    panel.setParent(None)
    panel.resize(1100, 420)
    panel.show()
    panel.view.rebuild()
    save(panel, docs / f"journey-map{suffix}.png")
    panel.close()

    journey = window.show_view("journey")
    last_month(journey)
    save(window, docs / "screenshots" / f"journey-{lang}.png")
    save(journey.map, docs / f"journey-map-aggregate{suffix}.png")  # type: ignore[attr-defined]

    window.resize(1280, 1300)
    dashboard = window.show_view("dashboard")
    last_month(dashboard)
    save(window, docs / "screenshots" / f"dashboard-{lang}.png")
    body = dashboard.findChild(QScrollArea).widget()  # type: ignore[union-attr]
    save(body, docs / "screenshots" / f"dashboard-full-{lang}.png")
    dashboard.findChild(QPushButton, "heatmapByHour").click()  # type: ignore[union-attr]
    save(dashboard.heatmap.parentWidget(), docs / "screenshots" / f"dashboard-hours-{lang}.png")  # type: ignore[attr-defined]
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    ws.close()
    return written


if __name__ == "__main__":
    from touchdesk.ui.screenshots import run

    raise SystemExit(run(shoot, "docs"))
