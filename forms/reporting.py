"""The yearly report's web form: one page per commitment, built at run time from the Indicator rows.

Numbers are text inputs (a decimal comma is welcome, the unit is shown after the field), yes/no and choices
are radio groups, free text is a textarea with the indicator's length limit; then the commitment's status
(a radio group over the agreement's status levels) and a comment. Derived indicators are not fields.

Every value is checked by `tracker.domain.values.parse`, the one place that decides what is valid: this module
has no validation rules of its own. Its refusals arrive as `Message`s and are rendered with the `gettext` the
view passes, so the same form serves Swedish and English. A plain `wtforms.Form`: the CSRF token is checked by
the app for every POST (CSRFProtect) and rendered by the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from wtforms import Form, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.core import Field

from forms.base import FormData, Gettext
from tracker.domain import Indicator, IndicatorKind, StatusLevel, localized
from tracker.domain.applicability import value_key
from tracker.domain.messages import N_
from tracker.domain.plausibility import history_check
from tracker.domain.values import (
    DEFAULT_MAX_LENGTH,
    InvalidValue,
    Option,
    Value,
    ValueRules,
    format_number,
    parse,
)
from tracker.operations.answers import COMMENT_MAX_LENGTH

try:  # WTForms 3.3 and later; tuples are deprecated there
    from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # types-WTForms describes 3.2
except ImportError:  # pragma: no cover - WTForms 3.1 and 3.2
    SelectChoice = None


STATUS_FIELD = "status"
COMMENT_FIELD = "comment"
VERSION_FIELD = "version"
_NUMERIC_INPUT = {IndicatorKind.PERCENT: "decimal", IndicatorKind.QUANTITY: "decimal",
                  IndicatorKind.COUNT: "numeric", IndicatorKind.YEAR: "numeric"}


def value_comment_key(key: str) -> str:
    """The audit trail's field of the comment on the value of `key` (operations.answers.set_answer_comment)."""
    return f"{key}.comment"


def read_version(text: object) -> int | None:
    """The version a form carries, or None when it is missing or is no version (not a small whole number)."""
    if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def _choices(pairs: Sequence[tuple[str, str]]) -> list[Any]:
    """Radio options (value, label) as this WTForms wants them."""
    return [SelectChoice(value, label) if SelectChoice is not None else (value, label) for value, label in pairs]


def field_name(key: str) -> str:
    """The form field (and HTML id) of an indicator: "VI.use" -> "q_VI_use"."""
    return "q_" + re.sub(r"[^A-Za-z0-9_]", "_", key)


def comment_field_name(key: str) -> str:
    """The form field (and HTML id) of the comment on an indicator's value: "VI.use" -> "comment_q_VI_use"."""
    return "comment_" + field_name(key)


def input_text(rules: ValueRules, value: Value | None, locale: str) -> str | None:
    """A stored value as the form shows it for editing: "12,5" (the unit stands after the field), "2019", a
    radio's key ("yes", "upgraded"), the text; None for no value. `parse` reads it back as the same value."""
    if value is None:
        return None
    if value.number is not None:
        if rules.kind is IndicatorKind.YEAR:
            return value_key(value)
        return format_number(value.number, locale)
    return value_key(value)


@dataclass(frozen=True)
class Question:
    """An indicator on the form: its field name and the rules its value is checked by."""

    indicator: Indicator
    name: str
    rules: ValueRules


@dataclass
class CurrentReport:
    """What the form shows when it is not a POST: the stored answers (by indicator id), status key, comment."""

    values: Mapping[int, Value] = field(default_factory=dict)
    status_key: str | None = None
    comment: str | None = None
    version: int | None = None
    value_comments: Mapping[int, str] = field(default_factory=dict)  # AnswerComment texts, by indicator id


class CommitmentForm(Form):
    """One commitment's questions, its status and comment, and the version the page was opened at.

    Built by `commitment_form`; after `validate()`, `values` holds every valid answer (None for blank) by
    indicator id, and `status_key`/`comment_text` the valid status and comment. Invalid fields keep what was
    typed and carry the message.

    Every value that is compared with the party's earlier years (derived figures too) has a comment field
    (`comment_field_name`), which the page shows only where a value is far from them or has a comment; so only a
    comment field that was posted is read (`value_comments`, by indicator id; None: blank).
    """

    version = HiddenField()
    questions: tuple[Question, ...]
    commentable: tuple[Indicator, ...]
    status_rules: ValueRules

    def __init__(self, formdata: FormData | None = None, *, gettext: Gettext, **kwargs: Any) -> None:
        super().__init__(formdata=formdata, **kwargs)
        self._gettext = gettext
        self._posted = frozenset(formdata) if formdata is not None else frozenset()
        self.value_comments: dict[int, str | None] = {}
        self.values: dict[int, Value | None] = {}
        self.status_key: str | None = None
        self.comment_text: str | None = None
        self.has_status = False
        self.has_comment = False

    def question_fields(self) -> list[tuple[Question, Field]]:
        return [(question, self[question.name]) for question in self.questions]

    def field_for(self, key: str) -> Field:
        """The field of the indicator `key`."""
        return self[field_name(key)]

    def comment_field_for(self, key: str) -> Field | None:
        """The field of the comment on the value of `key`; None when its value is not compared with earlier years."""
        name = comment_field_name(key)
        return self._fields.get(name)

    def comment_fields(self) -> list[tuple[Indicator, Field]]:
        return [(indicator, self[comment_field_name(indicator.key)]) for indicator in self.commentable]

    def visible_fields(self) -> list[Field]:
        """The fields a person fills in, in the page's order (for the error summary)."""
        return [f for _q, f in self.question_fields()] + [f for _i, f in self.comment_fields()] + [
            self[STATUS_FIELD], self[COMMENT_FIELD]]

    def has_errors(self) -> bool:
        return any(f.errors for f in self.visible_fields())

    def posted_version(self) -> int | None:
        return read_version(self.version.data)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check every field with `values.parse`; keep the valid values, put the messages on the others."""
        super().validate(extra_validators)
        for question, form_field in self.question_fields():
            self._check(form_field, question.rules, partial(self._keep_value, question.indicator.id))
        text_rules = ValueRules(IndicatorKind.TEXT, max_length=COMMENT_MAX_LENGTH)
        for indicator, form_field in self.comment_fields():
            if form_field.name in self._posted:
                self._check(form_field, text_rules, partial(self._keep_value_comment, indicator.id))
        self._check(self[STATUS_FIELD], self.status_rules, self._keep_status)
        self._check(self[COMMENT_FIELD], ValueRules(IndicatorKind.TEXT, max_length=COMMENT_MAX_LENGTH),
                    self._keep_comment)
        return not self.has_errors()

    def _keep_value(self, indicator_id: int, value: Value | None) -> None:
        self.values[indicator_id] = value

    def _keep_value_comment(self, indicator_id: int, value: Value | None) -> None:
        self.value_comments[indicator_id] = value.text if value is not None else None

    def _keep_status(self, value: Value | None) -> None:
        self.has_status, self.status_key = True, value.text if value is not None else None

    def _keep_comment(self, value: Value | None) -> None:
        self.has_comment, self.comment_text = True, value.text if value is not None else None

    def _check(self, form_field: Field, rules: ValueRules, keep: Callable[[Value | None], None]) -> None:
        try:
            value = parse(rules, form_field.data)
        except InvalidValue as error:
            form_field.errors = [error.message.render(self._gettext)]
        else:
            keep(value)

    def typed_keys(self) -> dict[str, str | None]:
        """After `validate()`: what was typed, by indicator key, "<key>.comment" (a posted comment on a value) and
        "status"/"comment", in `value_key` words (what the audit trail stores), so that it compares with what
        others saved meanwhile."""
        typed: dict[str, str | None] = {}
        for question, form_field in self.question_fields():
            if question.indicator.id in self.values:
                typed[question.indicator.key] = value_key(self.values[question.indicator.id])
            else:
                typed[question.indicator.key] = str(form_field.data)
        for indicator, form_field in self.comment_fields():
            if form_field.name in self._posted:
                typed[value_comment_key(indicator.key)] = self.value_comments[indicator.id] \
                    if indicator.id in self.value_comments else str(form_field.data)
        typed[STATUS_FIELD] = self.status_key if self.has_status else str(self[STATUS_FIELD].data)
        typed[COMMENT_FIELD] = self.comment_text if self.has_comment else str(self[COMMENT_FIELD].data)
        return typed


def commitment_form(
    questions: Sequence[Indicator],
    status_levels: Sequence[StatusLevel],
    *,
    locale: str,
    gettext: Gettext,
    formdata: FormData | None = None,
    current: CurrentReport | None = None,
) -> CommitmentForm:
    """The form of one commitment's `questions` (derived ones are left out) and its status.

    `formdata` is the POST (None to show `current`, the stored report).
    """
    typed = [Question(i, field_name(i.key), ValueRules.of(i)) for i in questions if not i.kind.is_derived]
    status_options = tuple(Option(level.key, level.label_sv, level.label_en) for level in status_levels)
    attrs: dict[str, Any] = {q.name: _field(q, locale, gettext) for q in typed}
    commentable = tuple(i for i in questions if history_check(ValueRules.of(i)) is not None)
    for indicator in commentable:
        attrs[comment_field_name(indicator.key)] = TextAreaField(
            gettext(N_("Comment on the value")), render_kw={"maxlength": COMMENT_MAX_LENGTH, "rows": 3})
    attrs["commentable"] = commentable
    attrs[STATUS_FIELD] = RadioField(
        gettext(N_("Status")), choices=_choices([(o.key, localized(o, "label", locale)) for o in status_options]),
        validate_choice=False,
    )
    attrs[COMMENT_FIELD] = TextAreaField(
        gettext(N_("Comment")), render_kw={"maxlength": COMMENT_MAX_LENGTH, "rows": 4}
    )
    attrs["questions"] = tuple(typed)
    attrs["status_rules"] = ValueRules(IndicatorKind.CHOICE, options=status_options)
    form_class = type("CommitmentForm", (CommitmentForm,), attrs)
    data: dict[str, object] | None = None
    if formdata is None:
        current = current or CurrentReport()
        data = {q.name: input_text(q.rules, current.values.get(q.indicator.id), locale) for q in typed}
        data |= {STATUS_FIELD: current.status_key, COMMENT_FIELD: current.comment, VERSION_FIELD: current.version}
        data |= {comment_field_name(i.key): current.value_comments.get(i.id) for i in commentable}
    form: CommitmentForm = form_class(formdata, gettext=gettext, data=data)
    return form


def _field(question: Question, locale: str, gettext: Gettext) -> Field:
    indicator, kind = question.indicator, question.rules.kind
    label = localized(indicator, "label", locale)
    description = localized(indicator, "help", locale)
    if kind is IndicatorKind.YES_NO:
        choices = _choices([("yes", gettext(N_("Yes"))), ("no", gettext(N_("No")))])
        return RadioField(label, description=description, choices=choices, validate_choice=False)
    if kind is IndicatorKind.CHOICE:
        choices = _choices([(o.key, localized(o, "label", locale)) for o in indicator.options])
        return RadioField(label, description=description, choices=choices, validate_choice=False)
    if kind is IndicatorKind.TEXT:
        limit = question.rules.max_length or DEFAULT_MAX_LENGTH
        return TextAreaField(label, description=description, render_kw={"maxlength": limit, "rows": 4})
    render_kw = {"inputmode": _NUMERIC_INPUT.get(kind, "decimal"), "autocomplete": "off", "spellcheck": "false"}
    return StringField(label, description=description, render_kw=render_kw)
