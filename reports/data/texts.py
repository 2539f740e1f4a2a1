"""Text in report data is kept language-neutral and shown in the reader's language when a file is written.

`Localized` holds the agreement data's own Swedish and English; `CatalogText` is a msgid of the translation
catalogue; `FormattedValue` is an indicator value that `tracker.domain.values.format_value` writes per language
("12,5 %" / "12.5 %"). A `Sentence` is a template (either kind) with such parameters. All have `get(locale)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, runtime_checkable

from tracker.domain.numbers import format_number
from tracker.domain.values import Value, ValueRules, format_value
from tracker.i18n import gettext_for

__all__ = ["CatalogText", "FormattedValue", "Joined", "Localized", "Sentence", "Showable", "SignedPercent", "show"]


def _language(locale: str) -> str:
    return "en" if locale.startswith("en") else "sv"


@runtime_checkable
class Showable(Protocol):
    def get(self, locale: str = "sv") -> str: ...


@dataclass(frozen=True, slots=True)
class Localized:
    """The agreement data's own text in Swedish and English; English falls back to Swedish."""

    sv: str
    en: str = ""

    def get(self, locale: str = "sv") -> str:
        return self.en if _language(locale) == "en" and self.en else self.sv


@dataclass(frozen=True, slots=True)
class CatalogText:
    """A msgid (English) of the translation catalogue, translated when shown."""

    msgid: str

    def get(self, locale: str = "sv") -> str:
        return gettext_for(_language(locale))(self.msgid)


@dataclass(frozen=True, slots=True)
class FormattedValue:
    """An indicator value as people read it: "41 GWh", "21,3 %", "Ja"; "" for no value."""

    rules: ValueRules
    value: Value | None
    decimals: int | None = 1

    def get(self, locale: str = "sv") -> str:
        return format_value(self.rules, self.value, _language(locale), self.decimals)


@dataclass(frozen=True, slots=True)
class SignedPercent:
    """A change in per cent with its sign: "+6 %", "−2,5 %"."""

    number: Decimal
    decimals: int = 0

    def get(self, locale: str = "sv") -> str:
        text = format_number(abs(self.number), _language(locale), self.decimals)
        sign = "+" if self.number > 0 else "\u2212" if self.number < 0 and text.strip("0,.") else ""
        return f"{sign}{text}\u00a0%"


@dataclass(frozen=True, slots=True)
class Joined:
    """Several texts joined: "Ja / Delvis"."""

    parts: tuple[Showable, ...]
    separator: str = " / "

    def get(self, locale: str = "sv") -> str:
        return self.separator.join(part.get(locale) for part in self.parts)


Param = Showable | str | int


def show(param: Param, locale: str = "sv") -> str:
    """A sentence parameter in `locale`."""
    if isinstance(param, str | int):
        return str(param)
    return param.get(locale)


@dataclass(frozen=True)
class Sentence:
    """A key figure sentence: "9 av 13 kommuner har utbyggd tankinfrastruktur".

    `template` is the agreement's own sentence (Localized) or a catalogue msgid (CatalogText), with %(name)s
    parameters filled in from `params` in the same language.
    """

    template: Localized | CatalogText
    params: Mapping[str, Param]

    def get(self, locale: str = "sv") -> str:
        return self.template.get(locale) % {name: show(value, locale) for name, value in self.params.items()}

    render = get
