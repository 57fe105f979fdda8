"""Making a report as one cancellable job, for callers that run it off their main thread (the
Reports view): progress is reported per page of data read and per page laid out, and setting the
``cancel`` event stops the job at the next page with ``Cancelled``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from touchdesk.data.workspace import Workspace
from touchdesk.formatting import Month

KINDS = ("monthly", "journey", "plan")


class Cancelled(Exception):
    """The user cancelled the report."""


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Which report: ``monthly`` (``month``, ``appendix``), ``journey`` (``customer_id``) or
    ``plan`` (``plan_id``, the active plan when ``None``)."""

    kind: str
    month: Month | None = None
    appendix: bool = False
    customer_id: int | None = None
    plan_id: int | None = None


def make_pdf(
    ws: Workspace,
    request: ReportRequest,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> bytes:
    """The PDF bytes of ``request`` in the current language; ``progress(stage, n)`` gets
    ``("rows", rows read)`` and ``("page", pages laid out)``."""

    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled

    rows = 0

    def on_rows(n: int) -> None:
        nonlocal rows
        rows += n
        check()
        if progress:
            progress("rows", rows)

    def on_page(n: int) -> None:
        check()
        if progress:
            progress("page", n)

    check()
    if request.kind == "monthly":
        from touchdesk.reports import monthly, monthly_model

        if request.month is None:
            raise ValueError("a monthly report needs a month")
        model = monthly_model.build_model(
            ws, request.month, appendix=request.appendix, progress=on_rows
        )
        check()
        return monthly.render(model, on_page=on_page)
    if request.kind == "journey":
        from touchdesk.reports import journey

        if request.customer_id is None:
            raise ValueError("a journey summary needs a customer")
        jmodel = journey.build_model(ws, request.customer_id)
        check()
        return journey.render(jmodel, on_page=on_page)
    if request.kind == "plan":
        from touchdesk.reports import plan

        pmodel = plan.build_model(ws, request.plan_id)
        check()
        return plan.render(pmodel, on_page=on_page)
    raise ValueError(f"unknown report {request.kind!r}")
