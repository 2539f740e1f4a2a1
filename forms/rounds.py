"""The project leaders' round forms: a new round, its dates, reopening with a reason, the news, the county figures.

Dates are typed as ÅÅÅÅ-MM-DD in a text field (a date picker is not needed, and a half-typed date is never
silently dropped). The county figures are checked by `tracker.domain.values.parse`, the one place that decides
what a value may be; this module only puts its messages at the fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from wtforms import Form, StringField, TextAreaField
from wtforms.fields.core import Field
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from forms.base import FormData, Gettext, TranslatedForm, strip_text
from forms.reporting import field_name, input_text
from tracker.domain import Indicator, localized
from tracker.domain.messages import N_
from tracker.domain.values import InvalidValue, Value, ValueRules, parse
from tracker.operations.rounds import NEWS_MAX_LENGTH, REASON_MAX_LENGTH, YEAR_MAX, YEAR_MIN


def read_date(text: str | None) -> date | None:
    """An ISO date ("2027-01-31"), None for blank; ValueError for anything else."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)


ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class IsoDate:
    """A validator: the field holds a date written ÅÅÅÅ-MM-DD, or nothing. A date in that shape that does not exist
    (2027-02-30) is told so, not told to be written in the shape it already has."""

    def __call__(self, form: Any, field: Field) -> None:
        try:
            read_date(field.data)
        except ValueError:
            if ISO_SHAPE.match((field.data or "").strip()):
                raise ValidationError(N_("There is no such date. Check the month and the day.")) from None
            raise ValidationError(N_("Enter the date as YYYY-MM-DD, for example 2027-01-31.")) from None


class DatesForm(TranslatedForm):
    """When the round opens for reporting, the last day to submit, and the day it closes by itself."""

    opens_on = StringField(N_("Opens for reporting"), validators=[Optional(), IsoDate()], filters=[strip_text])
    deadline_on = StringField(N_("Last day to submit"), validators=[Optional(), IsoDate()], filters=[strip_text])
    closes_on = StringField(N_("Closes by itself on"), validators=[Optional(), IsoDate()], filters=[strip_text])

    def dates(self) -> tuple[date | None, date | None, date | None]:
        """The valid dates (after `validate`): opens, deadline, closes."""
        return read_date(self.opens_on.data), read_date(self.deadline_on.data), read_date(self.closes_on.data)

    def validate_deadline_on(self, field: Field) -> None:
        try:
            opens_on, deadline_on, _closes_on = self.dates()
        except ValueError:
            return  # the field's own message says what is wrong
        if opens_on is not None and deadline_on is not None and deadline_on < opens_on:
            raise ValidationError(N_("It cannot be before the day the round opens."))

    def validate_closes_on(self, field: Field) -> None:
        try:
            opens_on, deadline_on, closes_on = self.dates()
        except ValueError:
            return
        if closes_on is not None and deadline_on is not None and closes_on < deadline_on:
            raise ValidationError(N_("The round cannot close before the last day to submit."))
        if closes_on is not None and opens_on is not None and closes_on < opens_on:
            raise ValidationError(N_("The round cannot close before it opens."))


class NewRoundForm(DatesForm):
    """The round for a year: the year, and optionally its dates."""

    year = StringField(N_("Year reported on"), validators=[
        DataRequired(message=N_("Enter the year the parties report on.")),
        Regexp(r"^\d{4}$", message=N_("Enter the year with four digits, for example 2026.")),
    ], filters=[strip_text])

    field_order = ("year", "opens_on", "deadline_on", "closes_on")

    def year_number(self) -> int:
        """After `validate()`: the year, four digits."""
        return int(self.year.data or "")

    def __iter__(self) -> Any:
        names = [*self.field_order, *(name for name in self._fields if name not in self.field_order)]
        return iter(self._fields[name] for name in names)

    def validate_year(self, field: Field) -> None:
        if field.data and field.data.isdigit() and not YEAR_MIN <= int(field.data) <= YEAR_MAX:
            raise ValidationError(N_("Enter a year between 1900 and 2200."))


class ReopenForm(TranslatedForm):
    reason = TextAreaField(N_("Why is the round reopened?"), validators=[
        DataRequired(message=N_("Write why the round is reopened.")),
        Length(max=REASON_MAX_LENGTH, message=N_("The reason is too long.")),
    ], filters=[strip_text])


class NewsForm(TranslatedForm):
    """ "Vad har hänt sen sist?": one bullet per line, in Swedish and in English."""

    news_sv = TextAreaField(N_("What has happened since last time? (Swedish)"), validators=[
        Length(max=NEWS_MAX_LENGTH, message=N_("The text is too long.")),
    ])
    news_en = TextAreaField(N_("What has happened since last time? (English)"), validators=[
        Length(max=NEWS_MAX_LENGTH, message=N_("The text is too long.")),
    ])


class FiguresForm(Form):
    """The round's county figures, one text field per round-scope indicator (a plain Form: the template renders
    the CSRF token, the app checks it). After `validate()`, `values` holds every valid value by indicator id."""

    indicators: tuple[Indicator, ...] = ()

    def __init__(self, formdata: FormData | None = None, *, gettext: Gettext, **kwargs: Any) -> None:
        super().__init__(formdata=formdata, **kwargs)
        self._gettext = gettext
        self.values: dict[int, Value | None] = {}

    def indicator_fields(self) -> list[tuple[Indicator, Field]]:
        return [(indicator, self[field_name(indicator.key)]) for indicator in self.indicators]

    def visible_fields(self) -> list[Field]:
        return [f for _i, f in self.indicator_fields()]

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        super().validate(extra_validators)
        for indicator, form_field in self.indicator_fields():
            try:
                self.values[indicator.id] = parse(ValueRules.of(indicator), form_field.data)
            except InvalidValue as refusal:
                form_field.errors = [refusal.message.render(self._gettext)]
        return not any(f.errors for f in self.visible_fields())


def figures_form(
    indicators: Sequence[Indicator], current: Mapping[int, Value], formdata: FormData | None, *, gettext: Gettext,
    locale: str,
) -> FiguresForm:
    """The form of the county figures `indicators`, showing `current` (stored values by id) unless posted."""
    attrs: dict[str, Any] = {"indicators": tuple(indicators)}
    for indicator in indicators:
        label = localized(indicator, "label", locale)
        attrs[field_name(indicator.key)] = StringField(
            label, description=localized(indicator, "help", locale),
            default=input_text(ValueRules.of(indicator), current.get(indicator.id), locale),
        )
    form_class = type("CountyFiguresForm", (FiguresForm,), attrs)
    form: FiguresForm = form_class(formdata, gettext=gettext)
    return form
