"""The planning wizard: six pages sharing one ``WizardState``; Finish saves the plan off the UI
thread (a new version when revising) and closes only once it is stored."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget, QWizard

from touchdesk import formatting
from touchdesk.i18n import _, is_rtl
from touchdesk.planner.records import PlanDetail
from touchdesk.ui.context import AppContext
from touchdesk.ui.operations import release_when_closed, run_op, show_failure
from touchdesk.ui.wizard.automate_page import AutomatePage
from touchdesk.ui.wizard.journey_page import JourneyPage
from touchdesk.ui.wizard.keys import ENTER_KEYS
from touchdesk.ui.wizard.pdf import ask_pdf_path, write_plan_pdf
from touchdesk.ui.wizard.profile_page import ProfilePage
from touchdesk.ui.wizard.state import WizardState
from touchdesk.ui.wizard.summary_page import SummaryPage
from touchdesk.ui.wizard.tasks_page import TasksPage
from touchdesk.ui.wizard.touchpoints_page import TouchpointsPage

SIZE = QSize(1100, 760)


class PlanWizard(QWizard):
    """Plan touchpoints (``previous``: revise that plan). ``saved(plan_id)`` once stored."""

    saved = Signal(int)

    def __init__(
        self, ctx: AppContext, previous: PlanDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = WizardState.start(ctx.ws, previous)
        self.setObjectName("planWizard")
        self.setWindowTitle(_("Revise the plan") if previous else _("Plan touchpoints"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("&Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Save plan"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        # The plan report exists (touchdesk.reports.plan): offer to save and print in one go.
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("Save and &print / PDF…"))
        self.pdf_button = self.button(QWizard.WizardButton.CustomButton1)
        self.pdf_button.setObjectName("savePdf")
        self.customButtonClicked.connect(lambda _which: self.save_with_pdf())
        self.currentIdChanged.connect(self._page_changed)
        self.profile = ProfilePage(self.state)
        self.journey = JourneyPage(self.state)
        self.touchpoints = TouchpointsPage(self.state)
        self.tasks = TasksPage(self.state)
        self.automate = AutomatePage(self.state)
        self.summary = SummaryPage(self.state)
        for page in (
            self.profile,
            self.journey,
            self.touchpoints,
            self.tasks,
            self.automate,
            self.summary,
        ):
            self.addPage(page)
            if is_rtl():
                # A Persian sentence that starts with "TouchDesk" would otherwise be laid out
                # left to right (the first strong letter decides a paragraph's direction).
                page.setSubTitle(formatting.RLM + page.subTitle())
        self.resize(SIZE)
        self._saving = False
        self.pdf_path = ""
        self._page_changed(self.currentId())

    def _page_changed(self, page_id: int) -> None:
        self.pdf_button.setVisible(self.page(page_id) is self.summary)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that finishes editing a table or list cell stays with the cell; it must not also
        press Next."""
        focus = QApplication.focusWidget()
        if event.key() in ENTER_KEYS and focus is not None:
            parent = focus.parentWidget()
            while parent is not None and parent is not self:
                if isinstance(parent, QAbstractItemView):
                    event.accept()
                    return
                parent = parent.parentWidget()
        super().keyPressEvent(event)

    def cleanupPage(self, page_id: int) -> None:
        """Going Back keeps what was entered on the page being left (Qt's default resets it)."""

    def _lock(self, saving: bool) -> None:
        """While the plan is being stored, nothing can finish, cancel or go back."""
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CustomButton1,
        ):
            self.button(which).setEnabled(not saving)

    def reject(self) -> None:
        """Escape or Cancel closes the wizard, except while the plan is being stored."""
        if not self._saving:
            super().reject()

    def save_with_pdf(self) -> None:
        """Ask where to put the PDF, then save the plan and write its report there."""
        path = ask_pdf_path(self)
        if path:
            self.pdf_path = path
            self.accept()

    def accept(self) -> None:
        """Save the plan with its tasks and rules (then its PDF when asked); close once stored."""
        if self._saving:
            return
        state = self.state
        suggestion = state.evaluate()
        tasks, rules = list(state.tasks), list(state.rules)
        name = self.summary.name.text().strip()
        revises = state.previous.id if state.previous else None
        ws = state.ws
        self._saving = True
        self._lock(True)

        def done(plan_id: int) -> None:
            self._saving = False
            state.saved_plan_id = plan_id
            self.ctx.status(_("Plan saved."))
            self.saved.emit(plan_id)
            super(PlanWizard, self).accept()
            if self.pdf_path:
                write_plan_pdf(self.parentWidget(), ws, plan_id, self.pdf_path)

        def failed(exc: Exception) -> None:
            self._saving = False
            self._lock(False)
            self.pdf_path = ""
            show_failure(self, exc, None)

        run_op(
            self,
            lambda: ws.save_plan(suggestion, tasks, rules, name=name, revises=revises),
            on_success=done,
            on_failure=failed,
            background=True,
            progress=_("Saving the plan…"),
        )


def open_plan_wizard(ctx: AppContext, parent: QWidget | None = None) -> PlanWizard:
    """Open the wizard (revising the active plan when there is one) as a window-modal dialog."""
    wizard = PlanWizard(ctx, ctx.ws.active_plan(), parent or ctx.parent_widget())
    release_when_closed(wizard)
    wizard.open()
    return wizard
