"""Folding rules that search and parsing rely on."""

from hypothesis import given
from hypothesis import strategies as st

from touchdesk.textnorm import digits_only, fold, latin_digits, search_tokens


def test_persian_and_arabic_digits_become_latin():
    assert latin_digits("۰۹۱۲-٣٤٥") == "0912-345"


def test_arabic_letter_variants_fold_to_persian():
    assert fold("علي كريمي") == fold("علی کریمی")
    assert fold("ALI") == "ali"


def test_zero_width_non_joiner_splits_words():
    assert search_tokens("می‌خواهم") == ["می", "خواهم"]


def test_digits_only_keeps_order():
    assert digits_only("+98 (912) ۱۲۳-45") == "9891212345"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
