"""Driving the planning wizard in tests: find widgets the way a user would, and walk pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui.conftest import wait_idle


def click_next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    """Press the Next button with the mouse."""
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_back(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)


def replace_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select everything in a field and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def edit_cell(qtbot, view, text: str) -> None:  # type: ignore[no-untyped-def]
    """F2 on the current cell, type over it, Enter."""
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyPress(editor, Qt.Key.Key_Return)  # the editor closes on the press
    qtbot.wait(10)  # the delegate commits the edit through a queued call


def save(qtbot, wizard) -> int:  # type: ignore[no-untyped-def]
    """Press Save plan and wait until the plan is stored and the wizard closed."""
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.state.saved_plan_id is not None, timeout=10000)
    wait_idle(qtbot)
    assert not wizard.isVisible()
    return wizard.state.saved_plan_id
