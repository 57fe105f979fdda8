"""Bringing contacts in and follow-ups out from the main window: File > Import contacts…,
File > Export follow-ups to calendar…, and dropping a ``.vcf``, ``.csv`` or ``.xlsx`` file onto the
window, which opens the import dialog for it.

The file is read on a worker (a large export takes a moment); the dialog opens when it is ready, or
a message says why the file cannot be imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from touchdesk import formatting
from touchdesk.i18n import _, ngettext
from touchdesk.ui.operations import explain, release_when_closed, run_op

if TYPE_CHECKING:  # the readers and the dialog load when a file is first imported
    from touchdesk.data.contacts.sources import ContactFile
    from touchdesk.ui.context import AppContext


def contact_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local contacts file a drag carries, if it carries exactly that."""
    from touchdesk.data.contacts.sources import SUFFIXES

    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    if len(paths) != 1 or paths[0].suffix.lower() not in SUFFIXES:
        return None
    return paths[0]


def start_import(ctx: AppContext, path: Path, parent: QWidget) -> None:
    """Read ``path`` on a worker, then open the import dialog for it (non-blocking)."""

    def opened(contacts: ContactFile) -> None:
        from touchdesk.ui.dialogs.import_mapping import ImportContactsDialog

        dialog = ImportContactsDialog(ctx, contacts, parent)
        release_when_closed(dialog)
        dialog.open()

    def failed(exc: Exception) -> None:
        QMessageBox.warning(parent, _("Cannot import this file"), explain(exc))

    run_op(
        parent,
        lambda: ctx.ws.open_contacts(path),
        on_success=opened,
        on_failure=failed,
        background=True,
        progress=_("Reading {file}…").format(file=path.name),
    )


class ContactDrop(QObject):
    """Event filter that lets a contacts file dropped on the window start its import."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if contact_file(event) is not None:
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = contact_file(event)
            if path is not None:
                event.acceptProposedAction()
                start_import(self.ctx, path, self.window)
                return True
        return super().eventFilter(watched, event)


def choose_and_import(ctx: AppContext, parent: QWidget) -> None:
    """File > Import contacts…: pick a file, then the import dialog."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import contacts"),
        "",
        _("Contacts (*.vcf *.vcard *.csv *.xlsx);;All files (*)"),
    )
    if name:
        start_import(ctx, Path(name), parent)


def export_followups(ctx: AppContext, parent: QWidget) -> None:
    """File > Export follow-ups to calendar…: write the open follow-ups to an .ics file."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export follow-ups to calendar"),
        _("follow-ups.ics"),
        _("Calendar (*.ics)"),
    )
    if not name:
        return
    path = Path(name) if name.lower().endswith(".ics") else Path(name + ".ics")

    def done(count: int) -> None:
        message = ngettext(
            "Exported {n} follow-up to {file}", "Exported {n} follow-ups to {file}", count
        )
        ctx.status(message.format(n=formatting.format_int(count), file=path.name))

    run_op(parent, lambda: ctx.ws.export_followups(path), on_success=done, background=True)


def install(window: QMainWindow, ctx: AppContext) -> None:
    """Add the File menu actions and the drop target to the main window."""
    add = window.add_file_action  # type: ignore[attr-defined]
    window.import_contacts_action = add(  # type: ignore[attr-defined]
        _("&Import contacts…"), lambda: choose_and_import(ctx, window)
    )
    window.import_contacts_action.setObjectName("importContactsAction")  # type: ignore[attr-defined]
    window.export_calendar_action = add(  # type: ignore[attr-defined]
        _("Export follow-ups to &calendar…"), lambda: export_followups(ctx, window)
    )
    window.export_calendar_action.setObjectName("exportCalendarAction")  # type: ignore[attr-defined]
    window.contact_drop = ContactDrop(window, ctx)  # type: ignore[attr-defined]
