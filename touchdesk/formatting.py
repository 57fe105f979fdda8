"""Every date, number and amount shown or typed goes through this module.

It knows the user's calendar (Gregorian or Jalali), digits (Latin or Persian) and currency, and is
shared by the UI, the CLI and the reports. Times are stored in UTC and shown in local time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import jdatetime

from touchdesk.i18n import N_, _, get_language
from touchdesk.textnorm import latin_digits

GREGORIAN = "gregorian"
JALALI = "jalali"
CALENDARS = (GREGORIAN, JALALI)

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LRM = "\u200e"
RLM = "\u200f"
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"

JALALI_MONTHS = (
    N_("Farvardin"),
    N_("Ordibehesht"),
    N_("Khordad"),
    N_("Tir"),
    N_("Mordad"),
    N_("Shahrivar"),
    N_("Mehr"),
    N_("Aban"),
    N_("Azar"),
    N_("Dey"),
    N_("Bahman"),
    N_("Esfand"),
)
GREGORIAN_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)

# Currencies without minor units as people use them day to day.
_WHOLE_CURRENCIES = {"IRT": 0, "IRR": 0, "TOMAN": 0, "RIAL": 0}
_CURRENCY_NAMES = {"IRT": N_("Toman"), "TOMAN": N_("Toman"), "IRR": N_("Rial"), "RIAL": N_("Rial")}


@dataclass(frozen=True, slots=True)
class FormatOptions:
    """How dates, digits and money are shown; the app sets it from Settings."""

    calendar: str = GREGORIAN
    persian_digits: bool = False
    currency: str = "USD"
    rtl: bool = False


_options = FormatOptions()


def configure(**changes: object) -> FormatOptions:
    """Change the display options (``calendar``, ``persian_digits``, ``currency``, ``rtl``)."""
    global _options
    if "calendar" in changes and changes["calendar"] not in CALENDARS:
        raise ValueError(f"unknown calendar {changes['calendar']!r}")
    _options = replace(_options, **changes)  # type: ignore[arg-type]
    return _options


def configure_for_language(
    lang: str, calendar: str | None = None, currency: str | None = None
) -> FormatOptions:
    """Defaults that follow the language: Persian brings Jalali, Persian digits and RTL."""
    persian = lang == "fa"
    return configure(
        calendar=calendar or (JALALI if persian else GREGORIAN),
        persian_digits=persian,
        rtl=persian,
        currency=currency or _options.currency,
    )


def options() -> FormatOptions:
    return _options


# --- digits and numbers -------------------------------------------------------------------------


def digits(text: str) -> str:
    """Show ``text`` with the user's digits (Persian digits when chosen)."""
    return text.translate(_PERSIAN_DIGITS) if _options.persian_digits else text


def format_int(value: int) -> str:
    return format_number(value, 0)


def format_number(value: float | int | Decimal, decimals: int = 0) -> str:
    """Grouped number in the user's style: ``1,234.5`` or ``۱٬۲۳۴٫۵``."""
    text = f"{value:,.{decimals}f}"
    if _options.persian_digits:
        text = text.replace(",", "\u066c").replace(".", "\u066b")
    return digits(text)


def format_percent(share: float, decimals: int = 0) -> str:
    """A share 0..1 as a percentage."""
    text = format_number(share * 100, decimals)
    return f"{text}٪" if _options.persian_digits else f"{text}%"


def format_delta(change: float | None, decimals: int = 0) -> str:
    """A relative change as ``+12%``; ``—`` when there is nothing to compare with."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    return sign + format_percent(abs(change), decimals)


def parse_number(text: str) -> Decimal:
    """Parse a number typed with Latin, Persian or Arabic-Indic digits and either separator style."""
    cleaned = latin_digits(text).strip().replace("\u066c", "").replace("\u066b", ".")
    cleaned = cleaned.replace("،", "").replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") and "." not in cleaned and re.fullmatch(r"-?\d+,\d{1,2}", cleaned):
        cleaned = cleaned.replace(",", ".")  # "12,50": a decimal comma
    cleaned = cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("not a number: {text}").format(text=text)) from None
    if not value.is_finite():
        raise ValueError(_("not a number: {text}").format(text=text))
    return value


# --- money -------------------------------------------------------------------------------------
# Amounts are stored as integers in hundredths of the currency unit, whatever the currency, so sums
# stay exact and a currency change never rescales stored data.


def currency_decimals(code: str | None = None) -> int:
    code = (code or _options.currency).upper()
    if code in _WHOLE_CURRENCIES:
        return 0
    try:
        from babel.numbers import get_currency_precision

        return min(2, get_currency_precision(code))
    except Exception:
        return 2


def currency_name(code: str | None = None) -> str:
    code = (code or _options.currency).upper()
    if code in _CURRENCY_NAMES:
        return _(_CURRENCY_NAMES[code])
    return code


def parse_money(text: str) -> int:
    """Parse an amount typed by the user into hundredths; raises ``ValueError`` on bad input."""
    value = parse_number(text)
    if value < 0:
        raise ValueError(_("an amount cannot be negative"))
    cents = (value * 100).quantize(Decimal(1))
    if cents != value * 100:
        raise ValueError(_("too many decimals: {text}").format(text=text))
    if cents > 10**17:
        raise ValueError(_("amount too large: {text}").format(text=text))
    return int(cents)


def money_to_plain(cents: int) -> str:
    """An amount as a plain machine-readable number (CSV, JSON): ``1250.5`` or ``1200000``."""
    value = Decimal(cents) / 100
    text = format(value.normalize(), "f")
    return text


def format_money(cents: int | None, code: str | None = None) -> str:
    """An amount with its currency in the user's style: ``1,200,000 Toman`` / ``£12.50``."""
    if cents is None:
        return ""
    code = (code or _options.currency).upper()
    places = currency_decimals(code)
    number = format_number(Decimal(cents) / 100, places)
    if code in _CURRENCY_NAMES:
        return f"{number} {currency_name(code)}"
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(code)
    if symbol and not _options.persian_digits:
        return f"{symbol}{number}"
    return f"{number} {code}"


# --- dates -------------------------------------------------------------------------------------


def utc_now() -> dt.datetime:
    """Now in UTC as a naive datetime, the form stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def to_local(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) datetime in the computer's local time, naive."""
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def to_utc(value: dt.datetime) -> dt.datetime:
    """A naive local datetime as naive UTC for storage."""
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def local_day_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The stored (naive UTC) start of the local day ``now`` (naive UTC) falls in, and of the
    next one: "today" is the user's day, not UTC's."""
    midnight = to_local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return to_utc(midnight), to_utc(midnight + dt.timedelta(days=1))


def jalali(value: dt.date) -> tuple[int, int, int]:
    """The Jalali (year, month, day) of a Gregorian date."""
    j = jdatetime.date.fromgregorian(date=value)
    return j.year, j.month, j.day


def from_jalali(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Jalali date; ``ValueError`` if it does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def calendar_parts(value: dt.date, calendar: str | None = None) -> tuple[int, int, int]:
    if (calendar or _options.calendar) == JALALI:
        return jalali(value)
    return value.year, value.month, value.day


def month_name(month: int, calendar: str | None = None) -> str:
    names = JALALI_MONTHS if (calendar or _options.calendar) == JALALI else GREGORIAN_MONTHS
    return _(names[month - 1])


def format_date(value: dt.date | dt.datetime | None, style: str = "short") -> str:
    """A date in the user's calendar: ``2026-11-25`` / ``1405/09/04``, or ``4 Azar 1405`` (long)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    year, month, day = calendar_parts(value)
    if style == "long":
        return digits(f"{day} {month_name(month)} {year}")
    sep = "/" if _options.calendar == JALALI else "-"
    return digits(f"{year:04d}{sep}{month:02d}{sep}{day:02d}")


def format_time(value: dt.datetime | dt.time) -> str:
    return digits(f"{value.hour:02d}:{value.minute:02d}")


def format_datetime(value: dt.datetime | None, *, utc: bool = True, style: str = "short") -> str:
    """A stored UTC datetime (or a local one with ``utc=False``) as local date and time."""
    if value is None:
        return ""
    local = to_local(value) if utc else value
    return f"{format_date(local, style)} {format_time(local)}"


def format_month(year: int, month: int, calendar: str | None = None) -> str:
    """A calendar month by name: ``November 2026`` / ``آذر ۱۴۰۵``."""
    return digits(f"{month_name(month, calendar)} {year}")


def format_duration_minutes(minutes: float | None) -> str:
    """A duration such as a reply time: ``45 min``, ``3 h 20 min``, ``2 d 4 h``."""
    if minutes is None:
        return "—"
    total = round(minutes)
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        text = _("{d} d {h} h").format(d=days, h=hours)
    elif hours:
        text = _("{h} h {m} min").format(h=hours, m=mins)
    else:
        text = _("{m} min").format(m=mins)
    return digits(text)


_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)


def parse_datetime(text: str) -> dt.datetime:
    """Parse ``2026-11-25``, ``2026-11-25 14:30`` or a Jalali ``1405/09/04 14:30`` (local time).

    A year below 1700 is read as Jalali whatever the calendar setting, so Jalali dates in a
    Gregorian user's CSV are understood too; Persian digits are accepted.
    """
    match = _DATE_RE.match(latin_digits(text))
    if not match:
        raise ValueError(
            _("not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM): {text}").format(text=text)
        )
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    hour = int(match.group(4) or 0)
    minute = int(match.group(5) or 0)
    second = int(match.group(6) or 0)
    # Jalali years are far below any Gregorian year people log, so the year tells the calendar.
    use_jalali = year < 1700
    try:
        day_value = from_jalali(year, month, day) if use_jalali else dt.date(year, month, day)
        return dt.datetime.combine(day_value, dt.time(hour, minute, second))
    except ValueError:
        raise ValueError(_("no such date: {text}").format(text=text)) from None


def parse_date(text: str) -> dt.date:
    return parse_datetime(text).date()


def iso_date(value: dt.date | dt.datetime) -> str:
    """A machine-readable Gregorian ISO date (CSV, JSON), whatever the display calendar."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def iso_local_minutes(value_utc: dt.datetime) -> str:
    """A stored UTC datetime as local ``YYYY-MM-DD HH:MM`` for CSV export."""
    return to_local(value_utc).strftime("%Y-%m-%d %H:%M")


# --- periods -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month in a given calendar, with its Gregorian first and last days (inclusive)."""

    year: int
    month: int
    calendar: str = GREGORIAN

    @property
    def start(self) -> dt.date:
        if self.calendar == JALALI:
            return from_jalali(self.year, self.month, 1)
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    def next(self) -> Month:
        y, m = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return Month(y, m, self.calendar)

    def previous(self) -> Month:
        y, m = (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)
        return Month(y, m, self.calendar)

    @property
    def label(self) -> str:
        return format_month(self.year, self.month, self.calendar)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str, calendar: str = GREGORIAN) -> Month:
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", latin_digits(text))
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(_("not a month (use YYYY-MM): {text}").format(text=text))
        return cls(int(match.group(1)), int(match.group(2)), calendar)

    @classmethod
    def containing(cls, day: dt.date, calendar: str = GREGORIAN) -> Month:
        year, month, _day = calendar_parts(day, calendar)
        return cls(year, month, calendar)


def weekday_name(index: int) -> str:
    """Monday = 0, as ``datetime.weekday``."""
    return _(WEEKDAYS[index])


def first_weekday(calendar: str | None = None) -> int:
    """Saturday (5) starts the week with the Jalali calendar, Monday (0) otherwise."""
    return 5 if (calendar or _options.calendar) == JALALI else 0


def isolate(text: str) -> str:
    """Keep a phone number, e-mail or Latin name in its own direction inside right-to-left text."""
    if not text or not _options.rtl:
        return text
    # The isolate keeps the run whole; the marks outside it also help renderers that ignore
    # isolates (a path's leading "/" otherwise jumps to the end in a Persian label).
    return f"{LRM}{LRI}{text}{PDI}{LRM}"


def language_is_persian() -> bool:
    return get_language() == "fa"
