"""TouchDesk: an offline CRM for small businesses.

The package is layered: ``touchdesk.data`` (storage and the service API), the pure core in this
package (catalog, planner, analytics, dates and numbers, CLI) and ``touchdesk.reports`` (PDFs) never
import Qt; only ``touchdesk.ui`` does.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("touchdesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+local"

APP_NAME = "TouchDesk"
