"""Showing user data inside translated text: phone numbers in the user's digits and their own
left-to-right order inside right-to-left lines."""

from __future__ import annotations

from touchdesk import formatting
from touchdesk.textnorm import latin_digits


def show_phone(number: str) -> str:
    """A stored phone number as shown: the user's digits, kept left to right in RTL text."""
    if not number:
        return ""
    return formatting.isolate(formatting.digits(latin_digits(number)))
