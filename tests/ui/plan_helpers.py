"""Planning UI tests' helpers: open and walk the wizard as a user would, save a plan through the
Workspace, open the Plan view and wait for it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui.conftest import wait_idle
from touchdesk import formatting
from touchdesk.planner.records import PlanProfile, TaskDraft
from touchdesk.planner.tasks import suggested_rules
from touchdesk.ui.views.plan import PlanView
from touchdesk.ui.wizard.wizard import PlanWizard

CHOICES = {"point_of_sale": "full", "thank_you": "lean", "feedback_survey": "lean"}


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


def open_wizard(qtbot, ctx, previous=None) -> PlanWizard:  # type: ignore[no-untyped-def]
    """Show the wizard as the active window (so keys reach the focused field)."""
    wizard = PlanWizard(ctx, previous)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def today() -> dt.date:
    return formatting.to_local(formatting.utc_now()).date()


def make_plan(ws, budget_cents: int = 30000, revises: int | None = None) -> int:  # type: ignore[no-untyped-def]
    """Save a small shop plan through the Workspace: three touchpoints, one overdue task."""
    profile = PlanProfile("shop", 2, budget_cents, "USD", 30, ("after_purchase",))
    suggestion = ws.evaluate_plan(profile, CHOICES)
    d = today()
    tasks = [
        TaskDraft("Set up the card reader", d - dt.timedelta(days=3), "point_of_sale", "Sam"),
        TaskDraft("Write the thank-you message", d + dt.timedelta(days=2), "thank_you", "Maryam"),
        TaskDraft("Write the survey questions", d + dt.timedelta(days=10), "feedback_survey", ""),
    ]
    rules = suggested_rules(ws.planning_knowledge(), list(CHOICES))
    return ws.save_plan(suggestion, tasks, rules, name="Spring", revises=revises)


def open_view(qtbot, ctx) -> PlanView:  # type: ignore[no-untyped-def]
    view = PlanView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    qtbot.waitUntil(view.is_loaded)
    return view
