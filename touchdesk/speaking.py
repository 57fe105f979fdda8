"""Speak another language for a moment: messages, digits, calendar and currency as ``lang`` would
have them, then back to the user's choice. Used to word reports and saved explanations in a
language other than the one on screen (Qt-free, ReportLab-free)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from touchdesk import formatting, settings
from touchdesk.i18n import get_language, set_language


@contextmanager
def speaking(lang: str, calendar: str | None = None, currency: str | None = None) -> Iterator[None]:
    """Within the block, ``_()`` and the formatting module follow ``lang`` (and the calendar and
    currency given, else the language's own); the previous choice is restored afterwards."""
    old_lang, old_options = get_language(), formatting.options()
    set_language(lang)
    formatting.configure_for_language(
        lang,
        calendar=settings.resolved_calendar(calendar or "auto", lang),
        currency=settings.resolved_currency(currency or "auto", lang),
    )
    try:
        yield
    finally:
        set_language(old_lang)
        formatting.configure(
            **{
                f: getattr(old_options, f)
                for f in ("calendar", "persian_digits", "currency", "rtl")
            }
        )
