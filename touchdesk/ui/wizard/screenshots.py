"""Screenshots of every wizard page and of the Plan view, in the current language.

``touchdesk.ui.screenshots`` calls ``shoot_wizard`` with the main window it has open over demo
data; ``python -m touchdesk.ui.wizard.screenshots FOLDER`` does the same on an empty database,
which is quicker while working on the wizard."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from touchdesk.i18n import get_language
from touchdesk.ui.context import AppContext
from touchdesk.ui.wizard.wizard import PlanWizard

PAGES = ("profile", "journey", "touchpoints", "tasks", "automate", "summary")
# What the owner types on the first page, per language: kind, team, names, budget, hours.
ANSWERS = {
    "en": ("online_shop", 2, "Sam, Alex", "800", 40),
    "fa": ("online_shop", 2, "مریم، رضا", "۲۵۰۰۰۰۰۰", 40),
}


def _settle() -> None:
    from touchdesk.ui.screenshots import wait_until

    wait_until(lambda: True, timeout=0.2)


def shoot_wizard(ctx: AppContext, window: QMainWindow | None, folder: Path) -> list[Path]:
    """Walk a new plan through the wizard, saving each page, then save it and shoot the Plan view
    (when ``window`` has one)."""
    from touchdesk.ui.screenshots import wait_until

    lang = get_language()
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        _settle()
        path = folder / f"{name}-{lang}.png"
        widget.grab().save(str(path))
        written.append(path)

    wizard = PlanWizard(ctx, None, window)
    wizard.show()
    kind, team, names, budget, hours = ANSWERS.get(lang, ANSWERS["en"])
    page = wizard.profile
    page.business.setCurrentIndex(page.business.findData(kind))
    page.team.setValue(team)
    page.owners.setText(names)
    page.budget.setText(budget)
    page.hours.setValue(hours)
    page.stages["customer_service"].setChecked(True)
    for number, name in enumerate(PAGES, start=1):
        if name == "touchpoints":
            tp = wizard.touchpoints
            left = next(k for k in tp.combos if k not in wizard.state.choices and tp.items[k])
            tp.set_version(left, "lean")  # one toggle by hand: the totals go over, in red
            tp.tree.setCurrentItem(tp.items[left][0])
        save(wizard, f"wizard-{number}-{name}")
        if name == "touchpoints":
            wizard.touchpoints.use_recommended()
        if name == "summary":
            break
        wizard.next()
    wizard.accept()
    wait_until(lambda: wizard.state.saved_plan_id is not None)
    if window is not None and hasattr(window, "show_view"):
        view = window.show_view("plan")
        view.refresh()
        wait_until(lambda: view.data is not None and view.data.detail is not None)
        save(window, "plan")
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0] if argv else "docs/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    from touchdesk.data.workspace import Workspace
    from touchdesk.ui.app import load_fonts
    from touchdesk.ui.language import apply_language
    from touchdesk.ui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    load_fonts()
    for lang in ("en", "fa"):
        home = tempfile.mkdtemp(prefix=f"touchdesk-wizard-shots-{lang}-")
        os.environ["TOUCHDESK_HOME"] = home
        ws = Workspace.open(Path(home) / "shots.sqlite3")
        ws.set_setting("language", lang)
        apply_language(app, ws)
        ctx = AppContext(ws)
        window = MainWindow(ctx)
        window.resize(1280, 800)
        window.show()
        for path in shoot_wizard(ctx, window, folder):
            print(path)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        ws.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
