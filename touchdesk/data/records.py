"""Plain, frozen records that the service API takes and returns (no sessions leak out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ValidationError(ValueError):
    """Bad input: ``errors`` maps each field name to a message the user can act on."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


class NotFound(LookupError):
    """The record asked for does not exist (or was deleted)."""


class StaleEdit(RuntimeError):
    """Someone else saved this record after the copy being saved was read (optimistic locking).

    ``current`` is the record as it is now (a ``CustomerDetail``, ``FollowUpRow``...) and
    ``changed_by`` who saved it, so the user can keep, merge or discard their own edit; nothing
    was written.
    """

    def __init__(self, current: object, changed_by: str) -> None:
        self.current = current
        self.changed_by = changed_by
        super().__init__(f"changed meanwhile by {changed_by or 'someone else'}")


class StorageError(RuntimeError):
    """The database could not take a write (locked, read-only, disk full, damaged).

    ``kind`` is ``locked``, ``readonly``, ``full``, ``corrupt`` or ``other``; the message is in
    plain words for the user; nothing was written, so the action can be retried as it was.
    """

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class CustomerInput:
    name: str
    company: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    city: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One line of the customer list."""

    id: int
    name: str
    company: str
    phone: str
    email: str
    last_event_at: dt.datetime | None
    last_outcome: str | None
    last_touchpoint: str | None
    open_followups: int


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    id: int
    name: str
    company: str
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    city: str
    source: str
    tags: tuple[str, ...]
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime
    last_event_at: dt.datetime | None
    stage_reached: int
    deleted: bool = False
    # Team mode: the version a save must start from, and who created / last changed the customer.
    version: int = 1
    created_by: str = ""
    updated_by: str = ""

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    def as_input(self) -> CustomerInput:
        return CustomerInput(
            self.name,
            self.company,
            self.phones,
            self.emails,
            self.city,
            self.source,
            self.tags,
            self.notes,
        )


@dataclass(frozen=True, slots=True)
class FollowUpRequest:
    """A follow-up asked for while logging: in ``days`` days or on ``due`` (local date)."""

    title: str
    days: int | None = None
    due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class TouchpointInput:
    customer_id: int
    touchpoint: str
    channel: str
    outcome: str = "neutral"
    direction: str = "outbound"
    occurred_at: dt.datetime | None = None  # naive UTC; now when None
    note: str = ""
    amount_cents: int | None = None
    response_minutes: int | None = None
    reply_to_id: int | None = None
    follow_up: FollowUpRequest | None = None
    logged_by: str | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    customer_id: int
    customer_name: str
    occurred_at: dt.datetime
    touchpoint: str
    channel: str
    stage: str
    outcome: str
    direction: str
    note: str
    amount_cents: int | None
    reply_due_at: dt.datetime | None
    replied_at: dt.datetime | None
    response_minutes: int | None
    resolution: str | None
    resolved_at: dt.datetime | None
    logged_by: str

    @property
    def shown_outcome(self) -> str:
        """The colour a point takes: a resolved decision shows how it went."""
        return self.resolution or self.outcome

    @property
    def is_request(self) -> bool:
        return self.reply_due_at is not None or self.response_minutes is not None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: int
    customer_id: int | None
    customer_name: str
    title: str
    due_at: dt.datetime
    done_at: dt.datetime | None
    origin: str
    event_id: int | None
    assignee: str = ""
    author: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class UserRow:
    """A team member."""

    id: int
    name: str
    display_name: str
    active: bool

    @property
    def label(self) -> str:
        return self.display_name or self.name


@dataclass(frozen=True, slots=True)
class TouchpointTypeRow:
    key: str
    stage: str
    name_en: str
    name_fa: str
    builtin: bool
    active: bool


@dataclass(frozen=True, slots=True)
class SnippetRow:
    id: int
    title: str
    body: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class LosingTouchRow:
    customer_id: int
    customer_name: str
    last_event_at: dt.datetime
    days_silent: int


@dataclass(frozen=True, slots=True)
class TodaySummary:
    overdue: list[FollowUpRow] = field(default_factory=list)
    due_today: list[FollowUpRow] = field(default_factory=list)
    pending_decisions: list[EventRow] = field(default_factory=list)
    late_requests: list[EventRow] = field(default_factory=list)
    losing_touch: list[LosingTouchRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.overdue)
            + len(self.due_today)
            + len(self.pending_decisions)
            + len(self.late_requests)
            + len(self.losing_touch)
        )


@dataclass(frozen=True, slots=True)
class MonthSummary:
    start: dt.date
    end: dt.date
    touchpoints: int
    customers_contacted: int
    new_customers: int
    purchases: int
    revenue_cents: int
    by_stage: dict[str, int]
    by_outcome: dict[str, int]
    by_channel: dict[str, int]
    by_touchpoint: dict[str, int]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: counts and every rejected row with its reason."""

    imported: int = 0
    duplicates: int = 0
    customers_created: int = 0
    followups_created: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row, field, reason)
    unknown_columns: list[str] = field(default_factory=list)
    rejected_file: str | None = None
    dry_run: bool = False
    committed: bool = True

    @property
    def rejected_rows(self) -> int:
        """How many rows were rejected (a row with several bad fields counts once)."""
        return len({row for row, _field, _reason in self.rejected})
