"""Undoable actions. Each action is done first through ``run_op``; only when it succeeded is its
command pushed on the app's ``QUndoStack`` (so a failed save never leaves a phantom undo step).
Undo and redo go through ``run_op`` too; if one fails, the command is marked obsolete and dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from touchdesk.data.records import CustomerInput, TouchpointInput
from touchdesk.i18n import _
from touchdesk.ui.operations import run_op

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace


class _Command(QUndoCommand):
    """A command whose first ``redo`` (Qt calls it on push) is skipped: the action is already done."""

    def __init__(self, text: str, parent_widget: QWidget | None) -> None:
        super().__init__(text)
        self._done = True
        self._widget = parent_widget

    def _run(self, work: Callable[[], object]) -> None:
        def failed(exc: Exception) -> None:
            self.setObsolete(True)
            from touchdesk.ui.operations import show_failure

            show_failure(self._widget, exc, None)

        run_op(self._widget, work, on_failure=failed)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.revert)

    # Each command class defines these two: the change, and the change that takes it back.
    do: Callable[[], None]
    revert: Callable[[], None]


class DeleteCustomer(_Command):
    def __init__(self, ws: Workspace, customer_id: int, name: str, widget: QWidget | None) -> None:
        super().__init__(_("Delete {name}").format(name=name), widget)
        self.ws, self.customer_id = ws, customer_id

    def do(self) -> None:
        self.ws.delete_customer(self.customer_id)

    def revert(self) -> None:
        self.ws.restore_customer(self.customer_id)


class MergeCustomers(_Command):
    """Merging moves ``other``'s touchpoints and follow-ups to ``keep``; undo gives them back."""

    def __init__(
        self,
        ws: Workspace,
        keep_id: int,
        other_id: int,
        event_ids: list[int],
        followup_ids: list[int],
        keep_before: CustomerInput,
        widget: QWidget | None,
    ) -> None:
        super().__init__(_("Merge customers"), widget)
        self.ws = ws
        self.keep_id, self.other_id = keep_id, other_id
        self.event_ids, self.followup_ids, self.keep_before = event_ids, followup_ids, keep_before

    def do(self) -> None:
        self.ws.merge_customers(self.keep_id, self.other_id)

    def revert(self) -> None:
        self.ws.unmerge_customers(
            self.keep_id, self.other_id, self.event_ids, self.followup_ids, self.keep_before
        )


class CompleteFollowUp(_Command):
    def __init__(self, ws: Workspace, followup_id: int, title: str, widget: QWidget | None) -> None:
        super().__init__(_("Complete {title}").format(title=title), widget)
        self.ws, self.followup_id = ws, followup_id

    def do(self) -> None:
        self.ws.complete_followup(self.followup_id, True)

    def revert(self) -> None:
        self.ws.complete_followup(self.followup_id, False)


class ResolveDecision(_Command):
    def __init__(
        self, ws: Workspace, event_id: int, resolution: str, widget: QWidget | None
    ) -> None:
        super().__init__(_("Resolve decision"), widget)
        self.ws, self.event_id, self.resolution = ws, event_id, resolution

    def do(self) -> None:
        self.ws.resolve_decision(self.event_id, self.resolution)

    def revert(self) -> None:
        self.ws.resolve_decision(self.event_id, None)


class LogTouchpoint(_Command):
    """Undo removes the touchpoint and the follow-ups it created; redo logs it again."""

    def __init__(
        self, ws: Workspace, event_id: int, data: TouchpointInput, widget: QWidget | None
    ) -> None:
        super().__init__(_("Log touchpoint"), widget)
        self.ws, self.event_id, self.data = ws, event_id, data

    def do(self) -> None:
        self.event_id = self.ws.log_touchpoint(self.data)

    def revert(self) -> None:
        for fu in self.ws.followups(self.data.customer_id):
            if fu.event_id == self.event_id:
                self.ws.delete_followup(fu.id)
        self.ws.delete_event(self.event_id)
