"""Text folding for search and parsing: Persian/Arabic letter variants and digit forms.

Users type "۰۹۱۲" for "0912" and "علي" for "علی"; both must find the same customer, and numbers
typed with Persian or Arabic-Indic digits must parse. Everything that compares or parses user text
goes through here.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")})

_LETTERS = {
    ord("ي"): "ی",
    ord("ى"): "ی",
    ord("ئ"): "ی",
    ord("ك"): "ک",
    ord("ة"): "ه",
    ord("ۀ"): "ه",
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ؤ"): "و",
    ord("\u200c"): " ",  # zero-width non-joiner separates word parts
    ord("\u200d"): None,
    ord("\u0640"): None,  # tatweel
}
_FOLD = {**_DIGITS, **_LETTERS}
# Arabic diacritics (harakat) are ignored when matching.
_HARAKAT = re.compile("[\u064b-\u065f\u0670]")
_NON_DIGIT = re.compile(r"\D+")


def latin_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with ASCII digits, leaving everything else."""
    return text.translate(_DIGITS)


def fold(text: str) -> str:
    """Fold text for matching: NFKC, lower case, one letter form, ASCII digits, no diacritics."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    text = _HARAKAT.sub("", text)
    return text.casefold()


def digits_only(text: str) -> str:
    """The ASCII digits of ``text`` in order (Persian digits included)."""
    return _NON_DIGIT.sub("", latin_digits(text))


# Letters and digits; "_" separates words, as it does for SQLite's FTS5 tokenizer.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def search_tokens(text: str) -> list[str]:
    """Folded word tokens, as the search index stores and queries them."""
    return _WORD.findall(fold(text))
