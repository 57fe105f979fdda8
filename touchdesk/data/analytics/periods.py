"""Analysis periods: a calendar month (Gregorian or Jalali) or any run of local days, with the
period before it for comparisons.

Every period is a pair of inclusive local dates; its UTC bounds come from
``touchdesk.data.summary.utc_bounds`` so analytics, the month summary and the reports cut days at the
same instants. A month's previous period is the previous month of the same calendar; any other span's
previous period is the span of the same length that ends the day before it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from touchdesk.data.summary import utc_bounds
from touchdesk.formatting import GREGORIAN, Month, format_date
from touchdesk.i18n import _


@dataclass(frozen=True, slots=True)
class Period:
    """Local days ``start``..``end`` inclusive; ``month`` is set when the period is a whole month."""

    start: dt.date
    end: dt.date
    month: Month | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("the period ends before it starts"))

    @classmethod
    def of(cls, value: Period | Month | tuple[dt.date, dt.date]) -> Period:
        """A period from a ``Month``, a ``(start, end)`` pair of dates, or a period."""
        if isinstance(value, Period):
            return value
        if isinstance(value, Month):
            return cls(value.start, value.end, value)
        start, end = value
        return cls(start, end)

    @property
    def calendar(self) -> str:
        return self.month.calendar if self.month else GREGORIAN

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period compared with this one: the previous month of the same calendar, or the
        span of equal length just before."""
        if self.month is not None:
            return Period.of(self.month.previous())
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The half-open UTC interval ``[lo, hi)`` covering the local days of the period."""
        return utc_bounds(self.start, self.end)

    @property
    def label(self) -> str:
        """How the period is shown: the month's name, or ``first – last`` dates."""
        if self.month is not None:
            return self.month.label
        return f"{format_date(self.start)} – {format_date(self.end)}"
