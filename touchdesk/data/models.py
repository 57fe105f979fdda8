"""The database schema as typed SQLAlchemy models.

Shape, and why:
- A touchpoint *event* is the centre: one row per contact, whatever the channel, so a customer's
  timeline and every analytic is a query over one table with the right indexes. The stage is copied
  from the catalog at logging time so history stays true if the catalog is edited later.
- Times are naive UTC. Money is an integer in hundredths of the currency unit (exact sums).
- Customers keep several phones and e-mails (child tables, each with a normalised form for matching
  and duplicate detection); the main ones are mirrored on the customer row for fast listing.
- The search index (``customer_fts``, FTS5) is maintained by the service layer from folded text and
  is created by the migrations, not by these models.
- Customers are deleted softly (``deleted_at``) so a delete can be undone and a follow-up never
  points at nothing.
- Team mode (migration 0003): every touchpoint, customer change and follow-up records its author
  (a row of ``users``); follow-ups can be assigned to a user. Customers, events and follow-ups
  carry a ``version_id`` that each user edit bumps, so a save made from a stale copy is detected
  (optimistic locking) instead of silently overwriting someone else's change.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Money in hundredths needs 64 bits: 25,000,000 Toman is 2,500,000,000 hundredths, past a 32-bit
# integer. SQLite's INTEGER is already 64-bit; PostgreSQL's is not, so there it is BIGINT (0003).
Money = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    """A team member (one row per person; a single-user database has just its owner)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


customer_tags = Table(
    "customer_tags",
    Base.metadata,
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_customer_tags_tag", "tag_id"),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    company: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    # Denormalised for the list: kept current by the service whenever an event is logged.
    last_event_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    last_outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    last_touchpoint: Mapped[str | None] = mapped_column(String(64), default=None)
    # Highest stage index reached (0..3), -1 before any contact.
    stage_reached: Mapped[int] = mapped_column(Integer, default=-1)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    phones: Mapped[list[CustomerPhone]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerPhone.position"
    )
    emails: Mapped[list[CustomerEmail]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerEmail.position"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=customer_tags, order_by="Tag.name")

    __table_args__ = (
        Index("ix_customers_name", "name"),
        Index("ix_customers_last_event_at", "last_event_at"),
        Index("ix_customers_deleted_at", "deleted_at"),
    )


class CustomerPhone(Base):
    __tablename__ = "customer_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(32), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    customer: Mapped[Customer] = relationship(back_populates="phones")

    __table_args__ = (
        Index("ix_customer_phones_normalized", "normalized"),
        Index("ix_customer_phones_customer", "customer_id"),
    )


class CustomerEmail(Base):
    __tablename__ = "customer_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    customer: Mapped[Customer] = relationship(back_populates="emails")

    __table_args__ = (
        Index("ix_customer_emails_normalized", "normalized"),
        Index("ix_customer_emails_customer", "customer_id"),
    )


class TouchpointType(Base):
    """The catalog: the 20 built-in touchpoints and the user's own."""

    __tablename__ = "touchpoint_types"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    stage: Mapped[str] = mapped_column(String(32))
    name_en: Mapped[str] = mapped_column(Text)
    name_fa: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        CheckConstraint(
            "stage IN ('before_purchase','during_purchase','after_purchase','customer_service')",
            name="stage",
        ),
    )


class Event(Base):
    """One touchpoint with one customer: the row every timeline and report is made of."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="RESTRICT"))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)
    touchpoint: Mapped[str] = mapped_column(ForeignKey("touchpoint_types.key"))
    channel: Mapped[str] = mapped_column(String(32))
    stage: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int | None] = mapped_column(Money, default=None)
    # Inbound requests (complaints, support): when a reply is due, when it came, how long it took.
    reply_due_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    replied_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    response_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), default=None)
    # Decision points: resolved later to positive or negative.
    resolution: Mapped[str | None] = mapped_column(String(16), default=None)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    logged_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (
        CheckConstraint("outcome IN ('positive','neutral','negative','decision')", name="outcome"),
        CheckConstraint("direction IN ('inbound','outbound')", name="direction"),
        CheckConstraint(
            "resolution IS NULL OR resolution IN ('positive','negative')", name="resolution"
        ),
        CheckConstraint("amount_cents IS NULL OR amount_cents >= 0", name="amount"),
        Index("ix_events_customer_time", "customer_id", "occurred_at"),
        Index("ix_events_time", "occurred_at"),
        Index("ix_events_touchpoint_time", "touchpoint", "occurred_at"),
        Index("ix_events_open_decisions", "outcome", "resolution", "occurred_at"),
        Index("ix_events_reply_due", "reply_due_at", "replied_at"),
    )


class FollowUp(Base):
    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(Text)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    # manual, event (asked for while logging), rule (automation), plan (a plan task), import
    origin: Mapped[str] = mapped_column(String(16), default="manual")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), default=None)
    assigned_to: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (
        Index("ix_followups_open_due", "done_at", "due_at"),
        Index("ix_followups_customer", "customer_id"),
        Index("ix_followups_assignee", "assignee_id", "done_at"),
    )


class Snippet(Base):
    """A reusable answer, so the business says the same thing on every channel."""

    __tablename__ = "snippets"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Setting(Base):
    """App settings as JSON values; the declarations and defaults live in ``touchdesk.settings``."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- planning (migration 0002) ----------------------------------------------------------------
# A plan is versioned: revising saves a new row that ``revises`` the previous one and becomes the
# active plan; the old version stays as it was. The profile the wizard asked for is kept with it.
# Plan tasks are also follow-ups (origin ``plan``) so they show under Today with everything else;
# the follow-up's ``done_at`` is the one record of whether a task is done.


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    revises_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    business: Mapped[str] = mapped_column(String(32))
    team_size: Mapped[int] = mapped_column(Integer)
    budget_cents: Mapped[int] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(8))
    hours: Mapped[int] = mapped_column(Integer)
    stages: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of stage keys
    journey: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {key, stage, name}
    total_cost_cents: Mapped[int] = mapped_column(Money, default=0)
    total_hours: Mapped[int] = mapped_column(Integer, default=0)
    impact: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("team_size >= 1", name="team_size"),
        CheckConstraint("budget_cents >= 0 AND hours >= 0", name="budget"),
        Index("ix_plans_active", "active"),
    )


class PlanTouchpoint(Base):
    """Every catalog touchpoint as the plan saw it: chosen (with its version) or left out, and why."""

    __tablename__ = "plan_touchpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    touchpoint: Mapped[str] = mapped_column(ForeignKey("touchpoint_types.key"))
    stage: Mapped[str] = mapped_column(String(32))
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[str | None] = mapped_column(String(8), default=None)
    cost_cents: Mapped[int] = mapped_column(Money, default=0)
    hours: Mapped[int] = mapped_column(Integer, default=0)
    why: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("version IS NULL OR version IN ('full','lean')", name="version"),
        Index("ix_plan_touchpoints_plan", "plan_id", "position"),
    )


class PlanTask(Base):
    __tablename__ = "plan_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    touchpoint: Mapped[str | None] = mapped_column(ForeignKey("touchpoint_types.key"), default=None)
    title: Mapped[str] = mapped_column(Text)
    due_date: Mapped[dt.date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(Text, default="")
    followup_id: Mapped[int | None] = mapped_column(
        ForeignKey("followups.id", ondelete="SET NULL"), default=None
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_plan_tasks_plan", "plan_id", "due_date"),)


class AutomationRule(Base):
    """When a matching touchpoint is logged, create a follow-up for that customer after ``days``
    days; ``subscription_end`` rules count ``days`` back from the renewal date + ``period_days``."""

    __tablename__ = "automation_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(String(16))
    days: Mapped[int] = mapped_column(Integer, default=1)
    touchpoint: Mapped[str | None] = mapped_column(ForeignKey("touchpoint_types.key"), default=None)
    stage: Mapped[str | None] = mapped_column(String(32), default=None)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    period_days: Mapped[int | None] = mapped_column(Integer, default=None)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), default=None
    )
    source: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint(
            "trigger IN ('event','purchase','first_purchase','subscription_end')", name="trigger"
        ),
        CheckConstraint("days >= 0", name="days"),
        Index("ix_automation_rules_enabled", "enabled"),
    )


class PlanCostOverride(Base):
    """A cost or hours the owner corrected in the wizard, remembered per currency."""

    __tablename__ = "plan_cost_overrides"

    touchpoint: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(8), primary_key=True)
    currency: Mapped[str] = mapped_column(String(8), primary_key=True)
    cost_cents: Mapped[int] = mapped_column(Money)
    hours: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
