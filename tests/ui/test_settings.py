"""Settings persist in the database; switching the language rebuilds the window right-to-left;
window size and last screen are remembered between runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from touchdesk.ui.app import Shell
from touchdesk.ui.mainwindow import MainWindow


def test_settings_are_saved(window, workspace):  # type: ignore[no-untyped-def]
    view = window.show_view("settings")
    view.editors["user_name"].setText("Maryam")
    view.editors["reply_deadline_hours"].setValue(6)
    view.editors["losing_touch_days"].setValue(45)
    view.save_button.click()
    assert workspace.setting("user_name") == "Maryam"
    assert workspace.setting("reply_deadline_hours") == 6
    assert workspace.setting("losing_touch_days") == 45
    view.editors["user_name"].setText("changed")
    view.revert_button.click()
    assert view.editors["user_name"].text() == "Maryam"


def test_switching_to_persian_rebuilds_the_window(workspace, qtbot):  # type: ignore[no-untyped-def]
    shell = Shell(QApplication.instance(), workspace)
    first = shell.build()
    qtbot.addWidget(first)
    first.show()
    view = first.show_view("settings")
    language = view.editors["language"]
    language.setCurrentIndex(language.findData("fa"))
    view.save_button.click()
    second = shell.window
    qtbot.addWidget(second)
    assert second is not first
    assert workspace.setting("language") == "fa"
    assert second.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert second.current_key() == "settings"


def test_window_size_and_last_view_are_remembered(ctx, qtbot):  # type: ignore[no-untyped-def]
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.show_view("customers")
    first.resize(1300, 10)  # as small as the layout allows
    height = first.height() + 37
    first.resize(1300, height)
    size = (first.width(), first.height())
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert second.current_key() == "customers"
    assert size == (1300, height)
    # The offscreen screen is 800 px wide, so Qt fits the restored width to it; the height fits.
    assert second.height() == height != 760  # 760: the default height
