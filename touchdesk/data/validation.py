"""Checking and normalising what users type: names, phone numbers (phonenumbers), e-mails
(email-validator). Normalised forms are what duplicates are matched on."""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass

from touchdesk.i18n import _
from touchdesk.textnorm import digits_only, latin_digits

MAX_TEXT = 1_000_000


@dataclass(frozen=True, slots=True)
class Phone:
    display: str
    normalized: str  # E.164 without "+" when parseable, else the bare digits


def default_region() -> str | None:
    """The country of the user's locale (``en_GB`` → ``GB``), used to read local numbers."""
    for var in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        value = os.environ.get(var, "")
        if "_" in value:
            return value.split("_")[1][:2].upper()
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return loc.split("_")[1][:2].upper() if "_" in loc else None


def normalize_phone(raw: str, region: str | None = None) -> Phone:
    """Check a phone number and give its normalised form; ``ValueError`` with a reason if bad."""
    import phonenumbers  # loaded on first use: it costs start-up time the window does not need

    text = latin_digits(raw).strip()
    if not text:
        raise ValueError(_("empty phone number"))
    digits = digits_only(text)
    if len(digits) < 5 or len(digits) > 17 or any(c.isalpha() for c in text):
        raise ValueError(_("not a phone number: {value}").format(value=raw))
    candidates: list[str | None] = []
    if region:
        candidates.append(region.upper())
    # An 11-digit number starting 09 is an Iranian mobile written locally.
    if len(digits) == 11 and digits.startswith("09"):
        candidates.append("IR")
    candidates.append(default_region())
    for reg in candidates:
        if not text.startswith("+") and not reg:
            continue
        try:
            parsed = phonenumbers.parse(text, None if text.startswith("+") else reg)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(parsed):
            e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            return Phone(raw.strip(), e164.lstrip("+"))
    if text.startswith("+"):
        raise ValueError(_("not a valid international number: {value}").format(value=raw))
    return Phone(raw.strip(), digits)


def phone_search_forms(normalized: str, display: str) -> list[str]:
    """Digit strings under which a phone should be found: as typed, E.164, and the national form."""
    import phonenumbers

    forms = {digits_only(display), normalized}
    try:
        parsed = phonenumbers.parse("+" + normalized)
        national = str(parsed.national_number)
        forms.add(national)
        forms.add("0" + national)
    except phonenumbers.NumberParseException:
        pass
    return sorted(f for f in forms if f)


def normalize_email(raw: str) -> str:
    """Check an e-mail address (syntax only, offline); returns its normalised form."""
    from email_validator import EmailNotValidError, validate_email

    text = raw.strip()
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(_("not a valid e-mail address: {value}").format(value=raw)) from exc
    return result.normalized.lower()


def clean_text(value: str, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Trimmed text; refuses an empty required field and absurd lengths."""
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValueError(_("{field} cannot be empty").format(field=field))
    if len(text) > limit:
        raise ValueError(_("{field} is too long").format(field=field))
    return text


def clean_tags(tags: tuple[str, ...] | list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags:
        name = tag.replace("\x00", "").strip()[:100]
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())
