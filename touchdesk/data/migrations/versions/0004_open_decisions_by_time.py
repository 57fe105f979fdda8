"""open decisions by time: the index of open decisions also holds their time, so Today lists the
oldest open decisions by reading the index in order instead of sorting thousands of rows

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 14:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_open_decisions", table_name="events")
    op.create_index("ix_events_open_decisions", "events", ["outcome", "resolution", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_events_open_decisions", table_name="events")
    op.create_index("ix_events_open_decisions", "events", ["outcome", "resolution"])
