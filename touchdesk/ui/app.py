"""Start the GUI: QApplication, language and direction, the workspace, the main window."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace, qt_args: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from touchdesk import APP_NAME
    from touchdesk.data.workspace import Workspace

    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    ws = Workspace.open(args.db)
    window = QMainWindow()
    window.setWindowTitle(f"{APP_NAME} — {ws.location}")
    window.resize(1100, 720)
    window.show()
    try:
        return app.exec()
    finally:
        ws.close()
