"""plans and automation: versioned plans with their touchpoints and tasks, automation rules,
remembered cost overrides (new tables only; existing rows are untouched)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:12:03.857677
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_cost_overrides",
        sa.Column("touchpoint", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=8), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("cost_cents", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "touchpoint", "version", "currency", name=op.f("pk_plan_cost_overrides")
        ),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("revises_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("business", sa.String(length=32), nullable=False),
        sa.Column("team_size", sa.Integer(), nullable=False),
        sa.Column("budget_cents", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("stages", sa.Text(), nullable=False),
        sa.Column("journey", sa.Text(), nullable=False),
        sa.Column("total_cost_cents", sa.Integer(), nullable=False),
        sa.Column("total_hours", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("budget_cents >= 0 AND hours >= 0", name=op.f("ck_plans_budget")),
        sa.CheckConstraint("team_size >= 1", name=op.f("ck_plans_team_size")),
        sa.ForeignKeyConstraint(
            ["revises_id"], ["plans.id"], name=op.f("fk_plans_revises_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index("ix_plans_active", ["active"], unique=False)

    op.create_table(
        "automation_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("touchpoint", sa.String(length=64), nullable=True),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("period_days", sa.Integer(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "trigger IN ('event','purchase','first_purchase','subscription_end')",
            name=op.f("ck_automation_rules_trigger"),
        ),
        sa.CheckConstraint("days >= 0", name=op.f("ck_automation_rules_days")),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_automation_rules_plan_id_plans"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["touchpoint"],
            ["touchpoint_types.key"],
            name=op.f("fk_automation_rules_touchpoint_touchpoint_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_rules")),
    )
    with op.batch_alter_table("automation_rules", schema=None) as batch_op:
        batch_op.create_index("ix_automation_rules_enabled", ["enabled"], unique=False)

    op.create_table(
        "plan_touchpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("touchpoint", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column("version", sa.String(length=8), nullable=True),
        sa.Column("cost_cents", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "version IS NULL OR version IN ('full','lean')",
            name=op.f("ck_plan_touchpoints_version"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_touchpoints_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["touchpoint"],
            ["touchpoint_types.key"],
            name=op.f("fk_plan_touchpoints_touchpoint_touchpoint_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_touchpoints")),
    )
    with op.batch_alter_table("plan_touchpoints", schema=None) as batch_op:
        batch_op.create_index("ix_plan_touchpoints_plan", ["plan_id", "position"], unique=False)

    op.create_table(
        "plan_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("touchpoint", sa.String(length=64), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["followups.id"],
            name=op.f("fk_plan_tasks_followup_id_followups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_tasks_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["touchpoint"],
            ["touchpoint_types.key"],
            name=op.f("fk_plan_tasks_touchpoint_touchpoint_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_tasks")),
    )
    with op.batch_alter_table("plan_tasks", schema=None) as batch_op:
        batch_op.create_index("ix_plan_tasks_plan", ["plan_id", "due_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_tasks_plan")

    op.drop_table("plan_tasks")
    with op.batch_alter_table("plan_touchpoints", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_touchpoints_plan")

    op.drop_table("plan_touchpoints")
    with op.batch_alter_table("automation_rules", schema=None) as batch_op:
        batch_op.drop_index("ix_automation_rules_enabled")

    op.drop_table("automation_rules")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index("ix_plans_active")

    op.drop_table("plans")
    op.drop_table("plan_cost_overrides")
