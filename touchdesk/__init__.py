"""TouchDesk: an offline CRM for small businesses.

The package is layered: ``touchdesk.data`` (storage and the service API), the pure core in this
package (catalog, planner, analytics, dates and numbers, CLI) and ``touchdesk.reports`` (PDFs) never
import Qt; only ``touchdesk.ui`` does.
"""

from __future__ import annotations

APP_NAME = "TouchDesk"


def __getattr__(name: str) -> str:
    """``__version__`` is read from the installed metadata when first asked for
    (importlib.metadata costs start-up time the window does not need)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("touchdesk")
    except PackageNotFoundError:  # a source tree that was not installed
        value = "0.0.0+local"
    globals()["__version__"] = value
    return value
