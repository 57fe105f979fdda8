"""App settings, each declared once with its default and a translatable label.

Values are stored as JSON in the database's ``settings`` table (so they travel with the data and its
backups); window geometry and other per-machine state live in ``QSettings`` in the UI.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any, Final

from touchdesk.i18n import N_


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    default: Any
    label: str
    help: str = ""
    choices: tuple[str, ...] = ()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


OPTIONS: Final = (
    Option(
        "language",
        "system",
        N_("Language"),
        N_("English, Persian or the system's language."),
        ("system", "en", "fa"),
    ),
    Option(
        "calendar",
        "auto",
        N_("Calendar"),
        N_("Gregorian or Jalali; automatic follows the language."),
        ("auto", "gregorian", "jalali"),
    ),
    Option(
        "currency",
        "auto",
        N_("Currency"),
        N_("Toman (IRT), Rial (IRR) or any ISO code such as GBP; automatic follows the language."),
    ),
    Option("business_name", "", N_("Business name"), N_("Shown at the top of reports.")),
    Option("user_name", "", N_("Your name"), N_("Recorded as who logged each touchpoint.")),
    Option(
        "reply_deadline_hours",
        4,
        N_("Reply deadline (hours)"),
        N_("How soon complaints and support requests should get a reply."),
    ),
    Option(
        "losing_touch_days",
        60,
        N_("Losing touch after (days)"),
        N_("Customers who bought and have not been contacted for this long appear under Today."),
    ),
    Option(
        "phone_region",
        "",
        N_("Phone region"),
        N_("Two-letter country code used to read local phone numbers, e.g. IR or GB."),
    ),
)
OPTION_BY_KEY: Final = {o.key: o for o in OPTIONS}


def default(key: str) -> Any:
    if key == "user_name":
        return _user()
    return OPTION_BY_KEY[key].default


def resolved_currency(value: str, language: str) -> str:
    if value and value != "auto":
        return value.upper()
    return "IRT" if language == "fa" else "USD"


def resolved_calendar(value: str, language: str) -> str:
    if value in ("gregorian", "jalali"):
        return value
    return "jalali" if language == "fa" else "gregorian"
