"""The one translation function of TouchDesk, shared by the UI, the CLI and the reports.

``_("text")`` translates into the current language; ``N_("text")`` only marks a string for
extraction (for tables of names declared at import time, translated when shown). Catalogs live in
``touchdesk/locale/<lang>/LC_MESSAGES/touchdesk.po``; the install step compiles them to ``.mo``, and
when a compiled file is missing the ``.po`` is compiled in memory so a source checkout still works.
"""

from __future__ import annotations

import gettext
import io
import locale
import logging
import os
from importlib import resources

log = logging.getLogger(__name__)

DOMAIN = "touchdesk"
LANGUAGES = ("en", "fa")
RTL_LANGUAGES = frozenset({"fa"})

_current = "en"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def _locale_dir() -> resources.abc.Traversable:
    return resources.files("touchdesk").joinpath("locale")


def _load(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    folder = _locale_dir().joinpath(lang, "LC_MESSAGES")
    mo = folder.joinpath(f"{DOMAIN}.mo")
    po = folder.joinpath(f"{DOMAIN}.po")
    try:
        if mo.is_file() and (not po.is_file() or _mtime(mo) >= _mtime(po)):
            with mo.open("rb") as fh:
                return gettext.GNUTranslations(fh)
        if po.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_po(po.read_bytes())))
    except (OSError, ValueError) as exc:
        log.warning("cannot load the %s catalog: %s", lang, exc)
    return gettext.NullTranslations()


def _mtime(path: resources.abc.Traversable) -> float:
    try:
        return os.stat(str(path)).st_mtime
    except OSError:
        return 0.0


def translation_for(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang`` without switching the current language (e.g. to accept Persian
    names in an import while the app is in English)."""
    return _load(lang)


def compile_po(data: bytes) -> bytes:
    """Compile the bytes of a ``.po`` file into the bytes of a ``.mo`` file (Babel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(data))
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def system_language() -> str:
    """The user's system language if TouchDesk has it, else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    try:
        code = (locale.getlocale()[0] or "en").split("_")[0].lower()
    except ValueError:
        code = "en"
    return code if code in LANGUAGES else "en"


def set_language(lang: str) -> str:
    """Switch every later translation to ``lang`` (``en``, ``fa`` or ``system``); returns it."""
    global _current, _translation
    if lang in ("", "system", None):
        lang = system_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang
    _translation = _load(lang)
    return lang


def get_language() -> str:
    return _current


def is_rtl(lang: str | None = None) -> bool:
    return (lang or _current) in RTL_LANGUAGES


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a ``context`` (for short words that mean different things)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message
