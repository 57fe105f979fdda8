"""Print or keep a plan: write the plan report (``touchdesk.reports.plan``) to a PDF the owner
picks, off the UI thread, then open it in the system's viewer, which prints it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from touchdesk.data.workspace import Workspace
from touchdesk.i18n import _
from touchdesk.ui.operations import run_op


def ask_pdf_path(parent: QWidget | None, plan_id: int | None = None) -> str:
    """Where to write the PDF ("" when the owner cancels)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"touchdesk-plan-{plan_id}.pdf" if plan_id else "touchdesk-plan.pdf"
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the plan as PDF"), str(Path(folder) / name), _("PDF files (*.pdf)")
    )
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def write_plan_pdf(
    parent: QWidget | None,
    ws: Workspace,
    plan_id: int,
    path: str,
    done: Callable[[str], None] | None = None,
) -> None:
    """Write plan ``plan_id``'s report to ``path`` on a worker, then open it (to read or print)."""

    def work() -> str:
        from touchdesk.reports import plan

        plan.render(plan.build_model(ws, plan_id), path)
        return path

    def written(result: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(result))
        if done is not None:
            done(result)

    run_op(parent, work, on_success=written, background=True, progress=_("Making the PDF…"))
