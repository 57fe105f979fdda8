"""team mode: users, who wrote each touchpoint / customer change / follow-up, follow-up
assignment, and version columns for optimistic locking (new columns only; existing rows keep their
data, and the names already recorded in ``events.logged_by`` and ``followups.assigned_to`` become
users)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 13:20:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Plain ADD COLUMN (no table rebuild): SQLite adds a nullable column with a REFERENCES clause or a
# constant default in place, so a database with a million touchpoints upgrades in moments.
_AUTHORED = (
    ("customers", "created_by_id"),
    ("customers", "updated_by_id"),
    ("events", "author_id"),
    ("followups", "author_id"),
    ("followups", "assignee_id"),
    ("followups", "updated_by_id"),
)


# Amounts in hundredths: 25,000,000 Toman is 2,500,000,000, past a 32-bit integer.
_MONEY = (
    ("events", "amount_cents"),
    ("plans", "budget_cents"),
    ("plans", "total_cost_cents"),
    ("plan_touchpoints", "cost_cents"),
    ("plan_cost_overrides", "cost_cents"),
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column in _AUTHORED:
        fk = op.f(f"fk_{table}_{column}_users")
        if sqlite:
            # Alembic would rebuild the table to add a constraint; SQLite takes it inline.
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
                f"CONSTRAINT {fk} REFERENCES users (id)"
            )
        else:
            op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(fk, table, "users", [column], ["id"])
    for table in ("customers", "events", "followups"):
        op.add_column(
            table, sa.Column("version_id", sa.Integer(), server_default="1", nullable=False)
        )
    op.create_index("ix_followups_assignee", "followups", ["assignee_id", "done_at"])
    if not sqlite:
        # Money needs 64 bits (SQLite's INTEGER already has them).
        for table, column in _MONEY:
            op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer())
    _names_become_users()


def _names_become_users() -> None:
    """Each name already recorded as who logged a touchpoint or owns a follow-up becomes a user."""
    bind = op.get_bind()
    names = bind.execute(
        sa.text(
            "SELECT DISTINCT logged_by FROM events WHERE logged_by <> '' "
            "UNION SELECT DISTINCT assigned_to FROM followups WHERE assigned_to <> ''"
        )
    ).scalars()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for name in sorted({n.strip()[:100] for n in names if n.strip()}):
        bind.execute(
            sa.text(
                "INSERT INTO users (name, display_name, active, created_at) "
                "VALUES (:n, :n, :t, :now)"
            ),
            {"n": name, "t": True, "now": now},
        )
    bind.execute(
        sa.text(
            "UPDATE events SET author_id = (SELECT id FROM users WHERE users.name = "
            "events.logged_by) WHERE logged_by <> ''"
        )
    )
    bind.execute(
        sa.text(
            "UPDATE followups SET assignee_id = (SELECT id FROM users WHERE users.name = "
            "followups.assigned_to) WHERE assigned_to <> ''"
        )
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table, column in _MONEY:
            op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger())
    op.drop_index("ix_followups_assignee", table_name="followups")
    for table in ("customers", "events", "followups"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version_id")
    # Dropping a column drops its foreign key with it (SQLite: batch rebuild; PostgreSQL: itself).
    for table, column in reversed(_AUTHORED):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column(column)
    op.drop_table("users")
