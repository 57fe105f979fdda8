"""The plan report from the UI: the wizard's "Save and print / PDF…" saves the plan and writes its
report; the Plan view's "Print / save PDF…" writes the shown version. The PDF text is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import wait_idle
from tests.ui.plan_helpers import click_next, make_plan, open_view, open_wizard
from touchdesk import formatting
from touchdesk.ui.wizard import pdf

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def pdf_target(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The file dialog answers with a path in the test's folder; opening the viewer is recorded."""
    target = tmp_path / "out" / "my plan"
    target.parent.mkdir()
    opened: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF files (*.pdf)")
    )
    monkeypatch.setattr(
        pdf.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    return target.with_suffix(".pdf"), opened


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_wizard_saves_the_plan_and_its_pdf(ctx, workspace, qtbot, pdf_target):  # type: ignore[no-untyped-def]
    path, opened = pdf_target
    wizard = open_wizard(qtbot, ctx)
    qtbot.keyClicks(wizard.profile.budget, "400")
    for _page in range(4):
        click_next(qtbot, wizard)
        assert not wizard.pdf_button.isVisible()
    click_next(qtbot, wizard)
    assert wizard.pdf_button.isVisible()
    qtbot.keyClicks(wizard.summary.name, "Autumn plan")
    qtbot.mouseClick(wizard.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened == [str(path)], timeout=20000)
    wait_idle(qtbot)
    plan = workspace.active_plan()
    assert plan is not None and plan.row.name == "Autumn plan"
    text = pdf_text(path)
    assert "Autumn plan" in text
    assert formatting.format_money(plan.row.total_cost_cents, "USD") in text
    for t in plan.chosen:
        assert workspace.touchpoint_label(t.touchpoint) in text


def test_plan_view_prints_the_shown_version(ctx, workspace, qtbot, pdf_target):  # type: ignore[no-untyped-def]
    path, opened = pdf_target
    make_plan(workspace)
    view = open_view(qtbot, ctx)
    qtbot.mouseClick(view.pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened == [str(path)], timeout=20000)
    text = pdf_text(path)
    assert "Spring" in text
    assert "Set up the card reader" in text
