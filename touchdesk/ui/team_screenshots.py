"""Screenshots of team mode for ``python -m touchdesk.ui.screenshots``: the stale-save dialog (a
second person really saves the customer while the form is open) and Settings → Database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QScrollArea, QWidget

from touchdesk.data.connection import TOUCHDESK, ConnectionReport, build_url
from touchdesk.data.migrate import HEAD
from touchdesk.data.workspace import Workspace
from touchdesk.ui.context import AppContext
from touchdesk.ui.dialogs.customer_edit import CustomerDialog

Save = Callable[[QWidget, str], None]


def shoot_stale_edit(ctx: AppContext, customer_id: int, save: Save, lang: str) -> None:
    """The form open on a customer, a colleague saving it meanwhile, then Save."""
    ws = ctx.ws
    colleague = Workspace.open(ws.location, user="رضا" if lang == "fa" else "Reza")
    try:
        dialog = CustomerDialog(ws, customer_id, parent=ctx.window)
        dialog.show()
        dialog.city.setText("شیراز" if lang == "fa" else "Shiraz")
        dialog.notes.setPlainText(
            "بعد از ساعت ۵ تماس بگیرید" if lang == "fa" else "Call after 5 pm, not before"
        )
        theirs = colleague.customer(customer_id)
        colleague.update_customer(
            customer_id,
            replace(
                theirs.as_input(),
                company="بازرگانی احمدی" if lang == "fa" else "Ahmadi Trading",
                notes="فقط پیامک" if lang == "fa" else "Prefers SMS",
            ),
            expected_version=theirs.version,
        )
        dialog.save()
        stale = dialog.stale_dialog
        assert stale is not None
        stale.adjustSize()
        stale.resize(max(stale.width(), 640), stale.height())
        save(stale, "stale-edit")
        stale.reject()
        dialog.reject()
    finally:
        colleague.close()


def shoot_database_settings(window: QWidget, save: Save, lang: str) -> None:
    """Settings → Database with a server filled in and a test's answer shown."""
    view = window.show_view("settings")  # type: ignore[attr-defined]
    section = view.database
    section.host.setText("db.example.com")
    section.user.setText("maryam" if lang == "fa" else "sam")
    url = build_url("db.example.com", 5432, "touchdesk", section.user.text())
    # An illustration of a test's answer (no server is reachable where screenshots are made).
    section._tested(ConnectionReport(url, True, "16.4", TOUCHDESK, HEAD), False)
    scroll = view.findChild(QScrollArea)
    scroll.ensureWidgetVisible(section)
    save(window, "settings-database")
