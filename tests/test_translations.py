"""Every string the code and the templates show has a Swedish translation, and the catalogues compile.

The msgids are extracted afresh (as `pybabel extract -F babel.cfg -k N_ -k _l` does), so a new string
without a Swedish translation in tracker/translations/sv/LC_MESSAGES/messages.po fails the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from tracker.i18n import LOCALES, TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_", "-k", "_l",
        "-o", str(pot), str(ROOT),
    ])
    return read_catalog(pot)


def po_path(locale: str) -> Path:
    return TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po"


def test_extraction_finds_the_templates_and_the_code(extracted: Catalog) -> None:
    ids = {message.id for message in extracted if message.id}
    assert "Skip to content" in ids  # a template
    assert "the municipalities" in ids  # Python, lazy_gettext as _l


def test_every_msgid_has_a_swedish_translation(extracted: Catalog) -> None:
    swedish = read_catalog(po_path("sv"), "sv")
    problems = []
    for message in extracted:
        if not message.id:
            continue
        translated = swedish.get(message.id, message.context)
        strings = translated.string if translated is not None else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if translated is None:
            problems.append(f"missing: {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(values):
            problems.append(f"empty: {message.id!r}")
    assert problems == [], (
        "untranslated strings; run scripts/refresh_translations.sh and translate them in sv/messages.po:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_catalogue_compiles(locale: str) -> None:
    catalog = read_catalog(po_path(locale), locale)
    errors = [f"{message.id!r}: {error}" for message, message_errors in catalog.check() for error in message_errors]
    assert errors == []
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    assert translations(catalog).items() <= translations(read_mo(buffer)).items()  # every translation is compiled


def translations(messages: Iterable[Message]) -> dict[object, object]:
    """Every translated, not fuzzy message: msgid (a tuple for plurals) -> translation."""

    def frozen(text: object) -> object:
        return tuple(text) if isinstance(text, list | tuple) else text

    def translated(message: Message) -> bool:
        parts = message.string if isinstance(message.string, list | tuple) else (message.string,)
        return bool(message.id) and all(parts) and not message.fuzzy

    return {frozen(m.id): frozen(m.string) for m in messages if translated(m)}


def test_the_swedish_catalogue_is_not_marked_fuzzy_as_a_whole() -> None:
    assert not read_catalog(po_path("sv"), "sv").fuzzy


# f"…{gettext('text')}…" or f"…{t(N_('text'))}…": a literal msgid inside an f-string's braces.
TRANSLATED_IN_F_STRING = re.compile(
    r"""\bf["'][^\n]*?\{[^}\n]*\b(?:gettext|ngettext|_|_l|N_|t)\((?:N_\()?["']""")


def test_no_string_is_translated_inside_an_f_string() -> None:
    """`pybabel extract` does not look inside f-strings: a gettext call there is never extracted, so its
    translation is dropped at the next refresh and users see English ("Yearly report" once did)."""
    roots = [ROOT / "tracker", ROOT / "forms", ROOT / "reports", ROOT / "seed"]
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for root in roots for path in sorted(root.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if TRANSLATED_IN_F_STRING.search(line)]
    assert found == [], "call gettext before the f-string:\n" + "\n".join(found)
