"""Text in report data is kept language-neutral and shown in the reader's language when a file is written.

`Localized` holds the agreement data's own Swedish and English; `CatalogText` is a msgid of the translation
catalogue; `FormattedValue` is an indicator value that `tracker.domain.values.format_value` writes per language
("12,5 %" / "12.5 %"). A `Sentence` is a template (either kind) with such parameters. All have `get(locale)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, runtime_checkable

from babel.dates import format_date

from tracker.domain.messages import N_
from tracker.domain.numbers import format_number
from tracker.domain.values import Value, ValueRules, format_value
from tracker.i18n import gettext_for

__all__ = [
    "AtLeast", "CatalogText", "CountOf", "FormattedValue", "Joined", "Listing", "Localized", "Sentence", "Showable",
    "SignedNumber", "SignedPercent", "long_date", "show",
]


def _language(locale: str) -> str:
    return "en" if locale.startswith("en") else "sv"


def long_date(day: date | None, locale: str) -> str:
    """ "31 januari 2027" / "31 January 2027": a date in a file as the pages write it; "–" for none."""
    return format_date(day, "d MMMM y", locale=_language(locale)) if day is not None else "–"


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
class SignedNumber:
    """A change in a count or an amount with its sign and unit: "+2 st", "−1,5 GWh"."""

    number: Decimal
    unit: str | None = None

    def get(self, locale: str = "sv") -> str:
        decimals = 0 if self.number == self.number.to_integral_value() else 1
        text = format_number(abs(self.number), _language(locale), decimals)
        sign = "+" if self.number > 0 else "\u2212" if self.number < 0 else "±"
        return f"{sign}{text}\u00a0{self.unit}" if self.unit else f"{sign}{text}"


@dataclass(frozen=True, slots=True)
class AtLeast:
    """A sum over some of the parties: the whole is at least this much ("minst 41 GWh")."""

    value: Showable

    def get(self, locale: str = "sv") -> str:
        return gettext_for(_language(locale))(N_("at least %(value)s")) % {"value": self.value.get(locale)}


@dataclass(frozen=True, slots=True)
class CountOf:
    """How many of a group: "5 av 14", "alla 14", "ingen av 14" (lower case: Sentence capitalises a start)."""

    count: int
    total: int

    def get(self, locale: str = "sv") -> str:
        t = gettext_for(_language(locale))
        if self.total > 2 and self.count == self.total:  # "alla 14"; two of two stay "2 av 2"
            return t(N_("all %(total)s")) % {"total": self.total}
        if self.total > 2 and self.count == 0:
            return t(N_("none of %(total)s")) % {"total": self.total}
        return t(N_("%(count)s of %(total)s")) % {"count": self.count, "total": self.total}


@dataclass(frozen=True, slots=True)
class Listing:
    """Names as a list people write: "Habo", "Habo och Mullsjö", "Aneby, Habo och Mullsjö"."""

    names: tuple[str, ...]

    def get(self, locale: str = "sv") -> str:
        if len(self.names) < 2:
            return "".join(self.names)
        last = gettext_for(_language(locale))(N_("%(first)s and %(last)s"))
        return last % {"first": ", ".join(self.names[:-1]), "last": self.names[-1]}


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
    """A key figure sentence: "9 av 12 kommuner som har rapporterat har utbyggd tankinfrastruktur (Habo har
    inte rapporterat)".

    `template` is the agreement's own sentence (Localized) or a catalogue msgid (CatalogText), with %(name)s
    parameters filled in from `params` in the same language; `notes` follow in brackets. A template that
    begins with a parameter gets a capital first letter ("%(met_of)s parter …" reads "Alla 14 parter …").
    """

    template: Localized | CatalogText
    params: Mapping[str, Param]
    notes: tuple[Showable, ...] = ()

    def get(self, locale: str = "sv") -> str:
        template = self.template.get(locale)
        text = template % {name: show(value, locale) for name, value in self.params.items()}
        if template.startswith("%("):
            text = text[:1].upper() + text[1:]
        if notes := [note for note in (n.get(locale) for n in self.notes) if note]:
            joined = "; ".join(notes)  # into the sentence's own closing bracket, or a bracket of its own
            text = f"{text[:-1]}; {joined})" if text.endswith(")") else f"{text} ({joined})"
        return text

    render = get
