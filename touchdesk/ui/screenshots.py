"""Make the README's screenshots offscreen: ``python -m touchdesk.ui.screenshots docs/screenshots``.

For English and Persian it builds a throwaway database of demo data, opens the real main window and
saves Today, Customers, a customer's timeline, the quick-log dialog, the stale-save dialog,
Settings → Database, every page of the planning wizard and the Plan view as PNG files.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

SIZE = (1280, 800)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Process events until ``condition()`` holds (or the timeout passes)."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        QApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(20)
    QApplication.processEvents()


def shoot(folder: Path, lang: str) -> list[Path]:
    """Screenshots of one language; returns the files written."""
    from PySide6.QtWidgets import QApplication

    from touchdesk.data.demo import generate
    from touchdesk.data.workspace import Workspace
    from touchdesk.ui.app import Shell

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    home = tempfile.mkdtemp(prefix=f"touchdesk-shots-{lang}-")
    os.environ["TOUCHDESK_HOME"] = home
    ws = Workspace.open(Path(home) / "demo.sqlite3")
    ws.set_setting("language", lang)
    ws.set_setting("user_name", "Maryam" if lang == "fa" else "Sam")
    generate(ws, customers=400, months=6, seed=11, locale=lang)
    shell = Shell(app, ws)
    window = shell.build()
    window.resize(*SIZE)
    window.show()
    written = []

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        QApplication.processEvents()
        path = folder / f"{name}-{lang}.png"
        widget.grab().save(str(path))
        written.append(path)

    today = window.show_view("today")
    wait_until(lambda: today.is_loaded())  # type: ignore[attr-defined]
    save(window, "today")

    customers = window.show_view("customers")
    customers.splitter.setSizes([760, 520])  # type: ignore[attr-defined]
    first = customers.model.customer_at(0)  # type: ignore[attr-defined]
    customers.select_customer(first.id)  # type: ignore[attr-defined]
    save(window, "customers")

    loaded = [customers.model.customer_at(i) for i in range(customers.model.rowCount())]  # type: ignore[attr-defined]
    busiest = max((r for r in loaded if r), key=lambda r: len(ws.timeline(r.id, limit=40)))
    customers.select_customer(busiest.id)  # type: ignore[attr-defined]
    customers.splitter.setSizes([430, 850])  # type: ignore[attr-defined]
    save(window, "timeline")

    dialog = shell.ctx.touchpoints.quick_log(busiest.id, parent=window)
    dialog.note.setPlainText(
        "تماس گرفت و درباره‌ی ارسال پرسید؛ کد رهگیری را فرستادم."
        if lang == "fa"
        else "Called about delivery; sent the tracking code."
    )
    dialog.amount.setText("۱۲۰۰۰۰۰" if lang == "fa" else "49.90")
    dialog.follow_mode.setCurrentIndex(1)
    dialog.adjustSize()
    save(dialog, "quicklog")
    dialog.reject()

    from touchdesk.ui.team_screenshots import shoot_database_settings, shoot_stale_edit

    shoot_stale_edit(shell.ctx, busiest.id, save, lang)
    shoot_database_settings(window, save, lang)

    from touchdesk.ui.wizard.screenshots import shoot_wizard

    written += shoot_wizard(shell.ctx, window, folder)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    ws.close()
    return written


def run(shoot_one: Callable[[Path, str], Iterable[Path]], default: str) -> int:
    """The screenshot commands' shared entry: offscreen Qt, bundled fonts, English then Persian."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from touchdesk.ui.app import load_fonts

    app = QApplication.instance() or QApplication([sys.argv[0]])
    del app
    load_fonts()
    for lang in ("en", "fa"):
        for path in shoot_one(folder, lang):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(run(shoot, "docs/screenshots"))
