"""The project leaders' texts for the forum (tracker.operations.presentation): one form for the whole page.

The presenters and the reflections are rows of numbered fields (`presenter_1_name`, `reflection_2_headline_sv`):
the page shows every stored row and blank rows to add more (two presenters to start with, then one; one
reflection), which works without JavaScript; a row left blank is not stored. The lengths are checked here so
that each message names its field and row; the operation cleans and stores.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.fields.core import Field

from forms.base import FormData, Gettext, TranslatedForm
from tracker.domain.messages import N_
from tracker.domain.presentation import (
    HEADLINE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    ROUND_TEXTS,
    Presentation,
    Presenter,
    Reflection,
    Verdict,
)
from tracker.operations.presentation import MAX_PRESENTERS, MAX_REFLECTIONS, TEXT_MAX_LENGTH

BLANK_PRESENTERS, BLANK_REFLECTIONS = 2, 1  # blank rows shown when none is stored; one more row after that

PRESENTER_FIELDS: dict[str, tuple[str, int]] = {
    "name": (N_("Name"), NAME_MAX_LENGTH),
    "title_sv": (N_("Title (Swedish)"), NAME_MAX_LENGTH),
    "title_en": (N_("Title (English)"), NAME_MAX_LENGTH),
    "organisation": (N_("Organisation"), NAME_MAX_LENGTH),
}
REFLECTION_TEXTS: dict[str, tuple[str, int, bool]] = {  # label, longest, several lines
    "headline_sv": (N_("Quote or theme (Swedish)"), HEADLINE_MAX_LENGTH, False),
    "headline_en": (N_("Quote or theme (English)"), HEADLINE_MAX_LENGTH, False),
    "points_sv": (N_("What was said (Swedish), one point per line"), TEXT_MAX_LENGTH, True),
    "points_en": (N_("What was said (English), one point per line"), TEXT_MAX_LENGTH, True),
    "organisation": (N_("Organisation"), NAME_MAX_LENGTH, False),
    "role_sv": (N_("Role (Swedish), for example biogas producer"), NAME_MAX_LENGTH, False),
    "role_en": (N_("Role (English)"), NAME_MAX_LENGTH, False),
    "proposal_sv": (N_("Their proposal (Swedish)"), TEXT_MAX_LENGTH, True),
    "proposal_en": (N_("Their proposal (English)"), TEXT_MAX_LENGTH, True),
}
REFLECTION_FLAGS = {
    "is_quote": N_("The headline is a quote (shown in quotation marks)"),
    "may_be_named": N_("They agreed to be named: show the organisation on the slide"),
}
ROUND_TEXT_LABELS = {
    "conclusions_sv": N_("Conclusions (Swedish), one bullet per line"),
    "conclusions_en": N_("Conclusions (English), one bullet per line"),
    "verdict_reason_sv": N_("Why (Swedish)"),
    "verdict_reason_en": N_("Why (English)"),
    "way_forward_sv": N_("The way forward (Swedish), one bullet per line"),
    "way_forward_en": N_("The way forward (English), one bullet per line"),
    "proposal_sv": N_("The proposal (Swedish)"),
    "proposal_en": N_("The proposal (English)"),
}
VERDICT_LABELS = {Verdict.YES: N_("Yes"), Verdict.PARTLY: N_("Partly"), Verdict.NO: N_("No")}
PRESENTER_ROW = N_("Presenter %(number)s")
REFLECTION_ROW = N_("Reflection %(number)s")
TOO_LONG = N_("%(row)s%(label)s: at most %(max)s characters.")
_ROW = re.compile(r"^(presenter|reflection)_(\d{1,3})_")


@dataclass(frozen=True)
class Row:
    """A numbered group of fields, shown as one fieldset."""

    legend: str
    fields: tuple[Field, ...]


class PresentationForm(TranslatedForm):
    """Built by `presentation_form`; `presenter_rows`, `reflection_rows` and `round_texts` for the template."""

    verdict: RadioField  # the fields of the rows and texts are added by presentation_form
    presenter_count = 0
    reflection_count = 0
    limits: Mapping[str, tuple[int, str]] = {}  # field name: (longest, row legend msgid or "")

    def __init__(self, formdata: FormData | None = None, *, gettext: Gettext, **kwargs: Any) -> None:
        super().__init__(formdata, gettext=gettext, **kwargs)
        self.verdict.choices = [("", gettext(N_("Not decided")))] + [
            (str(v), gettext(label)) for v, label in VERDICT_LABELS.items()]

    def _row(self, kind: str, number: int, names: Sequence[str], legend: str) -> Row:
        return Row(self._gettext(legend) % {"number": number},
                   tuple(self[f"{kind}_{number}_{name}"] for name in names))

    def presenter_rows(self) -> list[Row]:
        return [self._row("presenter", n, list(PRESENTER_FIELDS), PRESENTER_ROW)
                for n in range(1, self.presenter_count + 1)]

    def reflection_rows(self) -> list[Row]:
        names = [*REFLECTION_TEXTS, *REFLECTION_FLAGS]
        return [self._row("reflection", n, names, REFLECTION_ROW) for n in range(1, self.reflection_count + 1)]

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        valid = super().validate(extra_validators)
        for name, (longest, row) in self.limits.items():
            field = self[name]
            if isinstance(field.data, str) and len(field.data.strip()) > longest:
                number = _ROW.match(name)
                prefix = self._gettext(row) % {"number": int(number.group(2))} + ": " if number and row else ""
                field.errors = [self._gettext(TOO_LONG) % {"row": prefix, "label": field.label.text, "max": longest}]
                valid = False
        return valid

    def presentation(self) -> Presentation:
        """What was posted (after `validate`)."""
        def text(name: str) -> str | None:
            data = self[name].data
            return data if isinstance(data, str) else None
        presenters = tuple(
            Presenter(text(f"presenter_{n}_name") or "", text(f"presenter_{n}_title_sv"),
                      text(f"presenter_{n}_title_en"), text(f"presenter_{n}_organisation"))
            for n in range(1, self.presenter_count + 1))
        reflections = tuple(
            Reflection(headline_sv=text(f"reflection_{n}_headline_sv") or "",
                       is_quote=bool(self[f"reflection_{n}_is_quote"].data),
                       may_be_named=bool(self[f"reflection_{n}_may_be_named"].data),
                       **{name: text(f"reflection_{n}_{name}") for name in REFLECTION_TEXTS if name != "headline_sv"})
            for n in range(1, self.reflection_count + 1))
        verdict = Verdict(self.verdict.data) if self.verdict.data else None
        return Presentation(presenters=presenters, verdict=verdict, reflections=reflections,
                            **{name: text(name) for name in ROUND_TEXTS})


def _posted_rows(formdata: FormData, kind: str, largest: int) -> int:
    numbers = [int(match.group(2)) for key in formdata if (match := _ROW.match(key)) and match.group(1) == kind]
    return min(max(numbers, default=0), largest)


def presentation_form(stored: Presentation, formdata: FormData | None, *, gettext: Gettext) -> PresentationForm:
    """The page's form: `stored` shown with blank rows to add more, or what was posted (`formdata`)."""
    if formdata is not None:
        presenters = _posted_rows(formdata, "presenter", MAX_PRESENTERS)
        reflections = _posted_rows(formdata, "reflection", MAX_REFLECTIONS)
    else:
        blank = BLANK_PRESENTERS if not stored.presenters else 1
        presenters = min(MAX_PRESENTERS, len(stored.presenters) + blank)
        reflections = min(MAX_REFLECTIONS, len(stored.reflections) + BLANK_REFLECTIONS)
    attrs: dict[str, Any] = {"presenter_count": presenters, "reflection_count": reflections}
    limits: dict[str, tuple[int, str]] = {}
    for n in range(1, presenters + 1):
        saved = stored.presenters[n - 1] if n <= len(stored.presenters) else None
        for name, (label, longest) in PRESENTER_FIELDS.items():
            attrs[f"presenter_{n}_{name}"] = StringField(label, default=getattr(saved, name, None) or "")
            limits[f"presenter_{n}_{name}"] = (longest, PRESENTER_ROW)
    for n in range(1, reflections + 1):
        kept = stored.reflections[n - 1] if n <= len(stored.reflections) else None
        for name, (label, longest, multiline) in REFLECTION_TEXTS.items():
            kind = TextAreaField if multiline else StringField
            attrs[f"reflection_{n}_{name}"] = kind(label, default=getattr(kept, name, None) or "")
            limits[f"reflection_{n}_{name}"] = (longest, REFLECTION_ROW)
        for name, label in REFLECTION_FLAGS.items():
            default = getattr(kept, name) if kept is not None else name == "is_quote"
            attrs[f"reflection_{n}_{name}"] = BooleanField(label, default=default)
    for name, label in ROUND_TEXT_LABELS.items():
        attrs[name] = TextAreaField(label, default=getattr(stored, name) or "")
        limits[name] = (TEXT_MAX_LENGTH, "")
    attrs["verdict"] = RadioField(N_("Does the agreement live up to its purpose?"),
                                  default=str(stored.verdict) if stored.verdict else "", validate_choice=True)
    attrs["limits"] = limits
    form_class = type("RoundPresentationForm", (PresentationForm,), attrs)
    form: PresentationForm = form_class(formdata, gettext=gettext)
    return form
