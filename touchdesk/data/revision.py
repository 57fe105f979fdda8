"""The schema revision this version of TouchDesk works with (no imports: the window's first reads
check it before the data layer has loaded, see :mod:`touchdesk.data.early`)."""

from __future__ import annotations

# The newest Alembic revision; a test checks it against Alembic's own idea of the head so start-up
# can skip loading Alembic when the database is already current.
HEAD = "0004"
