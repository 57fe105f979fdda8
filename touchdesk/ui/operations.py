"""The one way the UI changes data (after Anki's ``CollectionOp``).

``run_op`` runs a piece of work against the workspace — on a worker thread when it can be slow —
shows a progress dialog if it takes a while, turns failures into plain words (with Retry for a
locked, read-only or full database) and leaves "data changed" to the workspace, whose change
notifications the app forwards to ``DataBus.changed`` so every view refreshes. Widgets are only ever
touched on the UI thread: results come back through a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from touchdesk.data.records import (
    NotFound,
    StaleEdit,
    StorageError,
    ValidationError,
)
from touchdesk.i18n import _

log = logging.getLogger(__name__)

RETRYABLE = frozenset({"locked", "readonly", "full"})
PROGRESS_DELAY_MS = 400


class DataBus(QObject):
    """App-wide notice that data changed; ``what`` is ``customers``, ``events``, ``followups``..."""

    changed = Signal(str)


def explain(exc: BaseException) -> str:
    """What went wrong, in words a shop owner can act on."""
    if isinstance(exc, ValidationError):
        return "\n".join(exc.errors.values())
    if isinstance(exc, StorageError | NotFound):
        return str(exc)
    if isinstance(exc, StaleEdit):
        who = exc.changed_by
        return _(
            "{name} changed this meanwhile, so nothing was saved. The screen now shows their "
            "change; do it again if it is still needed."
        ).format(name=who or _("Someone else"))
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return _(
            "The database is busy in another program. Nothing was lost; try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return _(
            "The database file is read-only, so nothing can be saved. Nothing you typed was lost."
        )
    if "full" in text:
        return _("The disk is full, so nothing could be saved. Free some space and try again.")
    return _("Something went wrong: {detail}").format(detail=exc)


def is_retryable(exc: BaseException) -> bool:
    """A failure that may go away on its own or after the user fixes the file (so offer Retry)."""
    if isinstance(exc, StorageError):
        return exc.kind in RETRYABLE
    text = str(exc).lower()
    return any(word in text for word in ("locked", "busy", "readonly", "read-only", "full"))


class _Relay(QObject):
    """Carries a worker's result back to the UI thread (queued connection)."""

    done = Signal(object, object)  # (result, exception)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except Exception as exc:
            result, error = None, exc
        # The app may be closing: nobody waits for the result any more, so drop it quietly.
        if shiboken6.isValid(self.relay):
            try:
                self.relay.done.emit(result, error)
            except RuntimeError:
                log.debug("result of a background job arrived after its receiver was gone")


_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    owner: QObject | None = None,
) -> None:
    """Run ``work`` on the thread pool; ``on_done``/``on_error`` run on the UI thread, and are
    skipped if ``owner`` was destroyed meanwhile."""
    relay = _Relay()
    _running.add(relay)

    def finish(result: Any, exc: Exception | None) -> None:
        _running.discard(relay)
        relay.deleteLater()
        if owner is not None and not shiboken6.isValid(owner):
            return
        if exc is None:
            on_done(result)
        else:
            on_error(exc)

    relay.done.connect(finish, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, relay))


def release_when_closed(dialog: QDialog) -> None:
    """Free a non-blocking dialog once it is closed (after its result handlers ran)."""
    dialog.finished.connect(dialog.deleteLater)


def show_failure(
    parent: QWidget | None, exc: BaseException, retry: Callable[[], None] | None
) -> None:
    """A message box explaining ``exc``; Retry re-runs the action when that can help."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Not saved"))
    box.setText(explain(exc))
    retry_button = None
    if retry is not None and is_retryable(exc):
        retry_button = box.addButton(_("Retry"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if retry is not None and retry_button is not None and box.clickedButton() is retry_button:
        retry()


def run_op(
    parent: QWidget | None,
    work: Callable[[], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None,
    background: bool = False,
    progress: str | None = None,
) -> None:
    """Run one data-changing action. Quick writes run right away (they take milliseconds); slow
    ones (``background=True``) run on a worker with a progress dialog after a short delay.
    Without ``on_failure`` a failure shows a message box with Retry when retrying can help."""

    def failed(exc: Exception) -> None:
        if not isinstance(exc, ValidationError | NotFound | StorageError | StaleEdit):
            log.exception("operation failed", exc_info=exc)
        if on_failure is not None:
            on_failure(exc)
        else:
            show_failure(
                parent,
                exc,
                lambda: run_op(
                    parent, work, on_success=on_success, background=background, progress=progress
                ),
            )

    def succeeded(result: Any) -> None:
        if on_success is not None:
            on_success(result)

    if not background:
        try:
            result = work()
        except Exception as exc:
            failed(exc)
        else:
            succeeded(result)
        return

    dialog: QProgressDialog | None = None
    if progress is not None:
        dialog = QProgressDialog(progress, "", 0, 0, parent)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)

    def close_dialog() -> None:
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()
            dialog.deleteLater()

    def done(result: Any) -> None:
        close_dialog()
        succeeded(result)

    def error(exc: Exception) -> None:
        close_dialog()
        failed(exc)

    run_in_background(work, done, error, owner=parent)
