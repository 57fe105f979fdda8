"""Answer snippets: save, search (folded Persian letters) and copy with one click."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication


def test_snippet_library(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    workspace.save_snippet("ساعت کاری", "شنبه تا پنج‌شنبه، ۹ تا ۱۸")
    dialog = ctx.touchpoints.open_snippets()
    qtbot.addWidget(dialog)
    dialog.new()
    dialog.title.setText("Refunds")
    dialog.body.setPlainText("Refunds are paid within 14 days.")
    dialog.save()
    assert [s.title for s in workspace.snippets()] == ["Refunds", "ساعت کاری"]
    dialog.search.setText("كاري")  # Arabic kaf and yeh
    assert [r.title for r in dialog.model.rows()] == ["ساعت کاری"]
    dialog.search.setText("refund")
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Refunds are paid within 14 days."


def test_snippet_needs_a_title(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    dialog = ctx.touchpoints.open_snippets()
    qtbot.addWidget(dialog)
    dialog.new()
    dialog.body.setPlainText("No title")
    dialog.save()
    assert "cannot be empty" in dialog.errors.message("title")
    assert dialog.body.toPlainText() == "No title"
    assert workspace.snippets() == []


def test_insert_into_the_quick_log_note(ctx, workspace, qtbot):  # type: ignore[no-untyped-def]
    workspace.save_snippet("Hours", "We are open 9 to 5.")
    log = ctx.touchpoints.quick_log()
    qtbot.addWidget(log)
    log.snippets_button.click()
    dialog = next(w for w in log.children() if w.__class__.__name__ == "SnippetsDialog")
    dialog.insert_button.click()
    assert log.note.toPlainText() == "We are open 9 to 5."
