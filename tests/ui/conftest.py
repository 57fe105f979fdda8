"""UI test set-up: a private data folder per test (so window state never leaks between tests),
the app context over the test's real SQLite file, and a shown main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtWidgets import QApplication

from touchdesk.data.workspace import Workspace
from touchdesk.ui.context import AppContext
from touchdesk.ui.language import apply_qt_language
from touchdesk.ui.mainwindow import MainWindow


@pytest.fixture(autouse=True)
def ui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TOUCHDESK_HOME", str(home))
    yield home
    QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    apply_qt_language(qapp, "en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture
def ctx(workspace: Workspace) -> AppContext:
    return AppContext(workspace)


@pytest.fixture
def window(ctx: AppContext, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def wait_idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Let worker threads finish and their results reach the UI thread."""
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(10)


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard, Persian letters and digits included (QTest only types ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture
def bob(workspace: Workspace) -> Iterator[Workspace]:
    """A second team member working in the same database through their own workspace."""
    other = Workspace.open(workspace.location, user="bob")
    yield other
    other.close()
