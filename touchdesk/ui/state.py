"""Per-machine UI state (window geometry, splitters, last view, last quick-log choices).

It lives in an INI file in the data folder rather than the platform registry, so the data folder
holds everything of TouchDesk and tests (which point ``TOUCHDESK_HOME`` at a temporary folder) never
see the user's real state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from touchdesk.paths import data_dir


def ui_state() -> QSettings:
    """The UI state store for the current data folder."""
    return QSettings(str(data_dir() / "ui-state.ini"), QSettings.Format.IniFormat)


def read(key: str, default: Any = None, kind: type | None = None) -> Any:
    """A stored value or ``default``; ``kind`` converts INI strings back (``int``, ``bool``...)."""
    store = ui_state()
    if not store.contains(key):
        return default
    value = store.value(key)
    if kind is bool:
        return value in (True, "true", "1", 1)
    if kind is not None:
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default
    return value


def write(key: str, value: Any) -> None:
    store = ui_state()
    store.setValue(key, value)
    store.sync()
