"""Language, direction, calendar and digits for the Qt side of the app.

The Qt-free core decides the language and the display options (``touchdesk.i18n`` and
``touchdesk.formatting``); this module carries them over to Qt: layout direction, the locale used by
spin boxes and date pickers (Persian digits), Qt's own dialog strings (the ``qtbase`` translations
PySide6 ships) and the calendar of every date picker (Jalali weeks start on Saturday).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCalendar,
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    Qt,
    QTime,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDateEdit, QDateTimeEdit

from touchdesk import formatting, settings
from touchdesk.i18n import get_language, is_rtl, set_language

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

_translators: list[QTranslator] = []


def apply_language(app: QApplication, ws: Workspace) -> str:
    """Switch the app to the language, calendar and currency in the workspace settings."""
    lang = set_language(ws.setting("language") or "system")
    calendar = settings.resolved_calendar(ws.setting("calendar"), lang)
    currency = ws.currency()
    formatting.configure_for_language(lang, calendar=calendar, currency=currency)
    apply_qt_language(app, lang)
    return lang


def apply_qt_language(app: QApplication, lang: str) -> None:
    """Direction, default locale and Qt's own translations for ``lang``."""
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight
    )
    QLocale.setDefault(qt_locale(lang))
    for translator in _translators:
        QCoreApplication.removeTranslator(translator)
    _translators.clear()
    if lang != "en":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load(f"qtbase_{lang}", folder):
            QCoreApplication.installTranslator(translator)
            _translators.append(translator)


def qt_locale(lang: str | None = None) -> QLocale:
    """The Qt locale matching our language (Persian shows Persian digits in Qt widgets)."""
    if (lang or get_language()) == "fa":
        return QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def qt_calendar() -> QCalendar:
    """The calendar dates are shown in: Jalali or Gregorian, as configured."""
    if formatting.options().calendar == formatting.JALALI:
        return QCalendar(QCalendar.System.Jalali)
    return QCalendar(QCalendar.System.Gregorian)


def setup_calendar_widget(widget: QCalendarWidget) -> None:
    """Calendar, locale and first day of the week (Saturday with Jalali)."""
    widget.setCalendar(qt_calendar())
    widget.setLocale(qt_locale())
    jalali = formatting.options().calendar == formatting.JALALI
    widget.setFirstDayOfWeek(Qt.DayOfWeek.Saturday if jalali else Qt.DayOfWeek.Monday)


def setup_date_edit(edit: QDateEdit | QDateTimeEdit, *, with_time: bool) -> None:
    """Give a date picker the user's calendar, digits and a popup calendar."""
    edit.setCalendar(qt_calendar())
    edit.setLocale(qt_locale())
    sep = "/" if formatting.options().calendar == formatting.JALALI else "-"
    fmt = f"yyyy{sep}MM{sep}dd"
    fmt = f"{fmt} HH:mm" if with_time else fmt
    if edit.locale().textDirection() == Qt.LayoutDirection.RightToLeft:
        # Qt lays a right-to-left locale's sections out in reverse ("۲۷:۱۱" for 11:27); giving it
        # the reversed format makes its text read as everywhere else: ۱۴۰۵/۰۹/۰۴ ۱۱:۲۷.
        fmt = "".join(reversed(re.split(r"(\W)", fmt)))
    edit.setDisplayFormat(fmt)
    edit.setCalendarPopup(True)
    popup = edit.calendarWidget()
    if popup is not None:
        setup_calendar_widget(popup)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdatetime(local: dt.datetime) -> QDateTime:
    """A naive local datetime as a QDateTime (calendar-neutral: QDate is a day number)."""
    return QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    """A QDateTime as a naive local datetime."""
    time = value.time()
    return dt.datetime.combine(
        from_qdate(value.date()), dt.time(time.hour(), time.minute(), time.second())
    )
