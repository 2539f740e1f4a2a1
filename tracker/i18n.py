"""The translation catalogues, usable without Flask (CLI, Excel, slides, tests).

Msgids are English; `sv` is the default language and its catalogue must be complete (a test checks it).
The web app uses the same catalogues through Flask-Babel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

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
