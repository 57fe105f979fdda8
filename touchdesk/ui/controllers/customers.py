"""Customer actions: new, edit, delete (undoable) and merge duplicates (undoable)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from touchdesk.data.records import CustomerInput, CustomerRow
from touchdesk.i18n import _
from touchdesk.ui import undo
from touchdesk.ui.operations import release_when_closed, run_op

if TYPE_CHECKING:  # each dialog's module loads when it first opens (start-up needs none of them)
    from touchdesk.ui.context import AppContext
    from touchdesk.ui.dialogs.customer_edit import CustomerDialog
    from touchdesk.ui.dialogs.merge import MergeDialog


class CustomerActions:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def new_customer(
        self,
        *,
        name: str = "",
        saved: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> CustomerDialog:
        """Open the new-customer form (non-blocking); ``saved(id)`` runs when it is stored."""
        from touchdesk.ui.dialogs.customer_edit import CustomerDialog

        dialog = CustomerDialog(
            self.ctx.ws, name=name, saved=saved, parent=parent or self.ctx.parent_widget()
        )
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def edit_customer(self, customer_id: int, *, parent: QWidget | None = None) -> CustomerDialog:
        from touchdesk.ui.dialogs.customer_edit import CustomerDialog

        dialog = CustomerDialog(self.ctx.ws, customer_id, parent=parent or self.ctx.parent_widget())
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def delete_customer(self, customer_id: int, *, parent: QWidget | None = None) -> None:
        """Delete softly and record the undo step; the status bar says how to get it back."""
        ws, widget = self.ctx.ws, parent or self.ctx.parent_widget()
        name = ws.customer(customer_id).name

        def done(_result: object) -> None:
            self.ctx.undo.push(undo.DeleteCustomer(ws, customer_id, name, widget))
            self.ctx.status(
                _("Deleted {name}. Edit → Undo brings the customer back.").format(name=name)
            )

        run_op(widget, lambda: ws.delete_customer(customer_id), on_success=done)

    def ask_merge(
        self, first: CustomerRow, second: CustomerRow, *, parent: QWidget | None = None
    ) -> MergeDialog:
        """Ask which of two customers to keep, then merge (non-blocking)."""
        from touchdesk.ui.dialogs.merge import MergeDialog

        dialog = MergeDialog(first, second, parent=parent or self.ctx.parent_widget())

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.merge(*dialog.choice(), parent=parent)

        dialog.finished.connect(finished)
        release_when_closed(dialog)
        dialog.open()
        return dialog

    def merge(self, keep_id: int, other_id: int, *, parent: QWidget | None = None) -> None:
        """Merge ``other`` into ``keep`` off the UI thread, remembering what moved for undo."""
        ws, widget = self.ctx.ws, parent or self.ctx.parent_widget()

        def work() -> tuple[list[int], list[int], CustomerInput]:
            event_ids = [e.id for e in ws.timeline(other_id)]
            followup_ids = [f.id for f in ws.followups(other_id)]
            keep_before = ws.customer(keep_id).as_input()
            ws.merge_customers(keep_id, other_id)
            return event_ids, followup_ids, keep_before

        def done(result: tuple[list[int], list[int], CustomerInput]) -> None:
            event_ids, followup_ids, keep_before = result
            self.ctx.undo.push(
                undo.MergeCustomers(
                    ws, keep_id, other_id, event_ids, followup_ids, keep_before, widget
                )
            )
            self.ctx.status(_("Customers merged. Edit → Undo separates them again."))

        run_op(widget, work, on_success=done, background=True, progress=_("Merging customers…"))
