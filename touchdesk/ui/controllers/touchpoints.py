"""Touchpoint and follow-up actions: quick-log (undoable), resolve a decision (undoable), record a
reply, add / complete (undoable) / reschedule / assign a follow-up, and the snippet library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from touchdesk.catalog import outcome_label
from touchdesk.data.records import FollowUpRow, TouchpointInput, UserRow
from touchdesk.i18n import _
from touchdesk.ui import undo
from touchdesk.ui.operations import release_when_closed, run_op

if TYPE_CHECKING:  # each dialog's module loads when it first opens (start-up needs none of them)
    from touchdesk.ui.context import AppContext
    from touchdesk.ui.dialogs.followup import FollowUpDialog
    from touchdesk.ui.dialogs.quicklog import QuickLogDialog
    from touchdesk.ui.dialogs.snippets import SnippetsDialog


class TouchpointActions:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def quick_log(
        self, customer_id: int | None = None, *, parent: QWidget | None = None
    ) -> QuickLogDialog:
        """Open the quick-log dialog (non-blocking); a saved touchpoint becomes an undo step."""
        ws = self.ctx.ws
        from touchdesk.ui.dialogs.quicklog import QuickLogDialog

        dialog = QuickLogDialog(ws, customer_id, parent=parent or self.ctx.window)
        widget = self.ctx.window

        def saved(event_id: int, data: TouchpointInput) -> None:
            self.ctx.undo.push(undo.LogTouchpoint(ws, event_id, data, widget))
            self.ctx.status(_("Touchpoint logged."))

        def new_customer() -> None:
            self.ctx.customers.new_customer(
                name=dialog.customer.text(),
                saved=lambda cid: dialog.customer.set_customer(cid, ws.customer(cid).name),
                parent=dialog,
            )

        def snippets() -> None:
            self.open_snippets(parent=dialog, on_insert=dialog.insert_snippet)

        dialog.saved.connect(saved)
        dialog.new_customer_button.clicked.connect(new_customer)
        dialog.snippets_button.clicked.connect(snippets)
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def open_snippets(self, *, parent: QWidget | None = None, on_insert=None) -> SnippetsDialog:
        from touchdesk.ui.dialogs.snippets import SnippetsDialog

        dialog = SnippetsDialog(
            self.ctx.ws, on_insert=on_insert, parent=parent or self.ctx.parent_widget()
        )
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def resolve_decision(
        self, event_id: int, resolution: str, *, parent: QWidget | None = None
    ) -> None:
        ws, widget = self.ctx.ws, parent or self.ctx.window

        def done(_result: object) -> None:
            self.ctx.undo.push(undo.ResolveDecision(ws, event_id, resolution, widget))
            self.ctx.status(
                _("Decision resolved: {outcome}.").format(outcome=outcome_label(resolution))
            )

        run_op(widget, lambda: ws.resolve_decision(event_id, resolution), on_success=done)

    def record_reply(self, event_id: int, *, parent: QWidget | None = None) -> None:
        """Mark a request answered now (the response time is recorded)."""
        ws, widget = self.ctx.ws, parent or self.ctx.window
        run_op(
            widget,
            lambda: ws.record_reply(event_id),
            on_success=lambda _r: self.ctx.status(_("Reply recorded.")),
        )

    def add_followup(
        self, customer_id: int | None, *, parent: QWidget | None = None
    ) -> FollowUpDialog:
        ws = self.ctx.ws
        ws.user_id()  # so "me" is among the team members to choose from
        people = ws.users()
        from touchdesk.ui.dialogs.followup import FollowUpDialog

        dialog = FollowUpDialog(
            people=people if ws.team_mode or len(people) > 1 else (),
            me=ws.user_name,
            parent=parent or self.ctx.parent_widget(),
        )

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                title, due, assignee = dialog.title.text(), dialog.due_utc(), dialog.assignee()
                run_op(
                    self.ctx.window,
                    lambda: ws.add_followup(title, due, customer_id=customer_id, assignee=assignee),
                )

        dialog.finished.connect(finished)
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def complete_followup(
        self, followup_id: int, title: str, *, parent: QWidget | None = None
    ) -> None:
        ws, widget = self.ctx.ws, parent or self.ctx.window

        def done(_result: object) -> None:
            self.ctx.undo.push(undo.CompleteFollowUp(ws, followup_id, title, widget))
            self.ctx.status(_("Follow-up done."))

        run_op(widget, lambda: ws.complete_followup(followup_id, True), on_success=done)

    def reschedule_followup(
        self,
        followup_id: int,
        title: str,
        due_utc,
        *,
        version: int | None = None,
        parent: QWidget | None = None,
    ) -> FollowUpDialog:
        """Move a follow-up to another time; with ``version`` (of the row shown) a change someone
        made meanwhile is refused and explained rather than overwritten."""
        ws = self.ctx.ws
        from touchdesk.ui.dialogs.followup import FollowUpDialog

        dialog = FollowUpDialog(
            title=title,
            due_utc=due_utc,
            editable_title=False,
            parent=parent or self.ctx.parent_widget(),
        )

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                due = dialog.due_utc()
                run_op(
                    self.ctx.window,
                    lambda: ws.reschedule_followup(followup_id, due, expected_version=version),
                )

        dialog.finished.connect(finished)
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def assign_followup(
        self, row: FollowUpRow, person: UserRow, *, parent: QWidget | None = None
    ) -> None:
        """Give a follow-up to a team member; refused (and explained) if someone changed it
        since the list was read."""
        ws, widget = self.ctx.ws, parent or self.ctx.window
        run_op(
            widget,
            lambda: ws.assign_followup(row.id, person.name, expected_version=row.version),
            on_success=lambda _r: self.ctx.status(
                _("“{title}” is now {name}'s.").format(title=row.title, name=person.label)
            ),
        )
