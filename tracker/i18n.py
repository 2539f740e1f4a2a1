"""The translation catalogues, usable without Flask (CLI, Excel, slides, tests).

Msgids are English; `sv` is the default language and its catalogue must be complete (a test checks it).
The web app uses the same catalogues through Flask-Babel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
DEFAULT_LOCALE = "sv"
LOCALES = ("sv", "en")


@cache
def translations(locale: str = DEFAULT_LOCALE) -> NullTranslations:
    """The compiled catalogue of `locale` (English msgids need none: NullTranslations)."""
    return Translations.load(str(TRANSLATIONS_DIR), [locale], domain="messages")


def gettext_for(locale: str = DEFAULT_LOCALE) -> Callable[[str], str]:
    return translations(locale).gettext


LONG_DATE = "d MMMM y"  # "31 januari 2027": dates on the pages and in the mails
LONG_DATE_TIME = "d MMMM y HH:mm"
TIME_ZONE = "Europe/Stockholm"


def long_date(value: date | None, locale: str = DEFAULT_LOCALE) -> str:
    """ "31 januari 2027" / "31 January 2027", as the pages show dates (Babel, without Flask: for mails)."""
    return format_date(value, LONG_DATE, locale=locale) if value is not None else ""


def long_date_time(value: datetime | None, locale: str = DEFAULT_LOCALE) -> str:
    """ "12 januari 2027 10:15", in Swedish time."""
    if value is None:
        return ""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)  # SQLite gives naive UTC
    return format_datetime(aware, LONG_DATE_TIME, tzinfo=ZoneInfo(TIME_ZONE), locale=locale)


def ngettext_for(locale: str = DEFAULT_LOCALE) -> Callable[[str, str, int], str]:
    return translations(locale).ngettext


def validity_in_words(seconds: int, locale: str = DEFAULT_LOCALE) -> str:
    """How long a link can be used, in words: "gäller i 7 dagar", "gäller i 30 minuter" / "valid for 7 days"."""
    ngettext = ngettext_for(locale)
    if seconds >= 86400 and seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("valid for %(num)d day", "valid for %(num)d days", days) % {"num": days}
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("valid for %(num)d hour", "valid for %(num)d hours", hours) % {"num": hours}
    minutes = max(1, seconds // 60)
    return ngettext("valid for %(num)d minute", "valid for %(num)d minutes", minutes) % {"num": minutes}


def wait_in_words(seconds: float, locale: str = DEFAULT_LOCALE) -> str:
    """How long to wait before trying again, to the nearest minute (at least one) or, past two hours, hour:
    "1 minut", "10 minuter", "24 timmar" / "1 minute", …"""
    ngettext = ngettext_for(locale)
    minutes = max(1, round(seconds / 60))
    if minutes <= 120:
        return ngettext("%(num)d minute", "%(num)d minutes", minutes) % {"num": minutes}
    hours = round(minutes / 60)
    return ngettext("%(num)d hour", "%(num)d hours", hours) % {"num": hours}


def time_left_in_words(deadline: date | None, today: date, locale: str = DEFAULT_LOCALE) -> str:
    """The time until the deadline, as a mail says it after "Sista dag är 31 januari 2027,": "om 12 dagar",
    "i morgon", "i dag", "den dagen har passerat" / "in 12 days", "tomorrow", "today", "a day that has passed"."""
    if deadline is None:
        return "–"
    days = (deadline - today).days
    gettext, ngettext = gettext_for(locale), ngettext_for(locale)
    if days > 1:
        return ngettext("in %(num)d day", "in %(num)d days", days) % {"num": days}
    if days == 1:
        return gettext("tomorrow")
    if days == 0:
        return gettext("today")
    return gettext("a day that has passed")
