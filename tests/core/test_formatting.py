"""Dates, numbers and money: Gregorian and Jalali, Latin and Persian digits."""

import datetime as dt
from decimal import Decimal

import pytest
from convertdate import persian
from hypothesis import given
from hypothesis import strategies as st

from touchdesk import formatting as f


@given(st.dates(min_value=dt.date(1901, 3, 21), max_value=dt.date(2124, 3, 19)))
def test_jalali_conversion_agrees_with_an_independent_library(day):
    # convertdate computes the Persian calendar astronomically, independently of jdatetime's
    # arithmetic rule. The two agree on every year from 1280 to 1502 (1901-2124) — checked year by
    # year — and differ on a few years outside it, where the calendars' rules themselves part.
    year, month, dom = f.jalali(day)
    assert (year, month, dom) == persian.from_gregorian(day.year, day.month, day.day)
    assert f.from_jalali(year, month, dom) == day


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1403, 12, 30), dt.date(2025, 3, 20)),  # 1403 is a leap year: Esfand has 30 days
        ((1404, 1, 1), dt.date(2025, 3, 21)),
        ((1405, 9, 1), dt.date(2026, 11, 22)),
        ((1405, 9, 30), dt.date(2026, 12, 21)),
    ],
)
def test_known_jalali_dates(jalali, gregorian):
    assert f.from_jalali(*jalali) == gregorian


def test_no_30_esfand_in_a_common_year():
    with pytest.raises(ValueError):
        f.from_jalali(1404, 12, 30)


def test_jalali_month_bounds():
    azar = f.Month(1405, 9, f.JALALI)
    assert (azar.start, azar.end) == (dt.date(2026, 11, 22), dt.date(2026, 12, 21))
    assert azar.previous().end == dt.date(2026, 11, 21)
    esfand = f.Month(1403, 12, f.JALALI)
    assert esfand.end == dt.date(2025, 3, 20)


def test_gregorian_month_bounds():
    feb = f.Month(2028, 2)
    assert (feb.start, feb.end) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert f.Month(2026, 12).next() == f.Month(2027, 1)


def test_format_date_in_both_calendars_and_digits():
    day = dt.date(2026, 11, 25)
    assert f.format_date(day) == "2026-11-25"
    f.configure(calendar=f.JALALI, persian_digits=True)
    assert f.format_date(day) == "۱۴۰۵/۰۹/۰۴"
    assert f.format_date(day, "long") == "۴ Azar ۱۴۰۵"  # month names translate with the language


def test_numbers_and_money():
    assert f.format_number(1234567) == "1,234,567"
    assert f.format_money(125050, "GBP") == "£1,250.50"
    f.configure(persian_digits=True, currency="IRT")
    assert f.format_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert f.format_money(120_000_000) == "۱٬۲۰۰٬۰۰۰ Toman"


def test_parse_number_accepts_every_digit_form():
    assert f.parse_number("۱٬۲۰۰٬۰۰۰") == Decimal(1200000)
    assert f.parse_number("1,250.50") == Decimal("1250.50")
    assert f.parse_number("١٢٫٥") == Decimal("12.5")
    assert f.parse_number("12,5") == Decimal("12.5")
    with pytest.raises(ValueError):
        f.parse_number("twelve")
    with pytest.raises(ValueError):
        f.parse_number("NaN")


def test_parse_money():
    assert f.parse_money("12.50") == 1250
    assert f.parse_money("۱۲۰۰۰۰۰") == 120_000_000
    with pytest.raises(ValueError):
        f.parse_money("-3")
    with pytest.raises(ValueError):
        f.parse_money("1.005")


@given(st.integers(min_value=0, max_value=10**15))
def test_money_round_trips_through_plain_text(cents):
    assert f.parse_money(f.money_to_plain(cents)) == cents


def test_parse_datetime_gregorian_jalali_and_persian_digits():
    assert f.parse_datetime("2026-11-25 14:30") == dt.datetime(2026, 11, 25, 14, 30)
    assert f.parse_datetime("1405/09/04") == dt.datetime(2026, 11, 25)
    assert f.parse_datetime("۱۴۰۵/۰۹/۰۴ ۱۴:۳۰") == dt.datetime(2026, 11, 25, 14, 30)
    for bad in ("2026-02-30", "25/11/2026", "", "2026-13-01"):
        with pytest.raises(ValueError):
            f.parse_datetime(bad)


def test_durations():
    assert f.format_duration_minutes(45) == "45 min"
    assert f.format_duration_minutes(200) == "3 h 20 min"
    assert f.format_duration_minutes(60 * 50) == "2 d 2 h"
    assert f.format_duration_minutes(None) == "—"


def test_isolate_only_in_rtl():
    assert f.isolate("0912 123 4567") == "0912 123 4567"
    f.configure(rtl=True)
    assert f.isolate("0912") == "\u200e\u20660912\u2069\u200e"


def test_week_starts_saturday_with_jalali():
    assert f.first_weekday(f.JALALI) == 5
    assert f.first_weekday(f.GREGORIAN) == 0
