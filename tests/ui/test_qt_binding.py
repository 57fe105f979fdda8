"""The Qt binding itself: calls must not leak or drop Python references.

PySide6 6.12.0 on Python 3.11 released a reference to ``None`` on every call of a method that
returns nothing (``update()``, ``processEvents()``, ``setText()``...), so a window in use for a
while aborted with "Fatal Python error: none_dealloc". Python 3.12 made ``None`` immortal, which
hides it there; on 3.11 this test catches the broken binding before users do.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i % 7))
        label.update()
        QApplication.processEvents()
    lost = before - sys.getrefcount(None)
    assert lost < 200, f"{lost} references to None dropped by 2,000 rounds of Qt calls"
