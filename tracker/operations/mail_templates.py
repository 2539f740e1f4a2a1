"""The editable mail templates: their defaults, checking and saving them, and writing one mail from one.

The texts are MailTemplate rows, created on first use from seed/mail_templates.toml (the one place the default
texts live), with named tokens in each language (tracker.domain.mail_text). A mail is written in its reader's
language: the English texts for a user whose language is English. Flush only: the edge commits.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.resources import files
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import ReportingRound
from tracker.domain.agreement import localized
from tracker.domain.free_text import checked_text
from tracker.domain.mail import MailKind, MailTemplate
from tracker.domain.mail_text import fill, problem_in
from tracker.domain.messages import N_, Message
from tracker.domain.numbers import InvalidValue
from tracker.i18n import TIME_ZONE, long_date, time_left_in_words, validity_in_words
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor, record

DEFAULTS_FILE = files("seed") / "mail_templates.toml"  # package data: in the wheel too
REMINDER_KINDS = (MailKind.INVITATION, MailKind.REMINDER)
TEMPLATE_KINDS = (*REMINDER_KINDS, MailKind.RETURNED, MailKind.REGISTRY_INVITATION)  # every editable template
TEXT_FIELDS = ("subject_sv", "body_sv", "subject_en", "body_en")
SUBJECT_MAX, BODY_MAX = 255, 20_000
FIELD_LABELS = {"subject_sv": N_("Subject (Swedish)"), "body_sv": N_("Text (Swedish)"),
                "subject_en": N_("Subject (English)"), "body_en": N_("Text (English)")}


@dataclass(frozen=True)
class FieldMessage(Message):
    """ "Text (Swedish): Unknown token {kommun} …": the field's label and its problem, in the reader's language."""

    field_label: str = ""
    problem: Message = field(default_factory=lambda: Message(""))

    def render(self, gettext: Callable[[str], str]) -> str:
        return gettext(self.msgid) % {"field": gettext(self.field_label), "problem": self.problem.render(gettext)}


class TemplateError(OperationError):
    """A template text that cannot be saved; `field` is the text's field (subject_sv …), for the page to mark."""

    def __init__(self, field: str, problem: Message) -> None:
        super().__init__("template_text", N_("%(field)s: %(problem)s"), field=field, problem=problem.msgid)
        self.field = field
        self.problem = problem
        self.message = FieldMessage(N_("%(field)s: %(problem)s"), field_label=FIELD_LABELS[field], problem=problem)


def default_texts() -> dict[str, dict[str, str]]:
    with DEFAULTS_FILE.open("rb") as file:
        return tomllib.load(file)


def template_for(session: Session, kind: MailKind) -> MailTemplate:
    """The template of `kind`, created from the defaults when there is none yet."""
    template = session.scalar(select(MailTemplate).where(MailTemplate.kind == kind))
    if template is None:
        texts = default_texts()[str(kind)]
        template = MailTemplate(kind=kind, **{name: texts[name] for name in TEXT_FIELDS})
        session.add(template)
        session.flush()
    return template


def checked_texts(kind: MailKind, texts: Mapping[str, str]) -> dict[str, str]:
    """The four texts, checked: each required, a subject on one line, only the tokens of `kind` in the text's
    own language. Raises TemplateError naming the first field that is wrong."""
    checked = {}
    for name in TEXT_FIELDS:
        is_subject = name.startswith("subject")
        try:  # a subject is a mail header: one line, at most its column's 255 characters
            value = checked_text(texts.get(name, ""), SUBJECT_MAX if is_subject else BODY_MAX, one_line=is_subject)
        except InvalidValue as error:
            raise TemplateError(name, error.message) from error
        if not value:
            raise TemplateError(name, Message(N_("Enter a subject and a text in both languages.")))
        if (problem := problem_in(value, name[-2:], kind, is_subject=is_subject)) is not None:
            raise TemplateError(name, problem)
        checked[name] = value
    return checked


def update_template(session: Session, actor: Actor, kind: MailKind, texts: Mapping[str, str]) -> MailTemplate:
    """Save new texts. A wrong token or an empty text raises TemplateError and changes nothing."""
    checked = checked_texts(kind, texts)
    template = template_for(session, kind)
    for name in TEXT_FIELDS:
        value = checked[name]
        old = getattr(template, name)
        if value != old:
            setattr(template, name, value)
            record(session, actor, "mail_template.update", "mail_template", template.id, field=name, old=old, new=value)
    session.flush()
    return template


@dataclass(frozen=True)
class MailValues:
    """What a mail's tokens become, for one reader. `link` is what {länk} becomes (the outbox's placeholder, or a
    preview's stand-in), `link_valid_for` its validity in seconds."""

    party: str
    round: ReportingRound
    contact_name: str = ""
    link: str = ""
    link_valid_for: int | None = None
    comment: str = ""
    address: str = ""
    today: date | None = None

    def for_language(self, language: str) -> dict[str, str]:
        today = self.today or datetime.now(ZoneInfo(TIME_ZONE)).date()
        deadline = self.round.deadline_on
        return {
            "party": self.party,
            "agreement": localized(self.round.agreement, "name", language),
            "year": str(self.round.year),
            "deadline": long_date(deadline, language) if deadline else "–",
            "days_left": str(max(0, (deadline - today).days)) if deadline else "–",
            "time_left": time_left_in_words(deadline, today, language),
            "sign_in_link": self.link,
            "link_validity": validity_in_words(self.link_valid_for, language) if self.link_valid_for else "",
            "contact_name": self.contact_name,
            "comment": self.comment,
            "address": self.address,
        }


def render(template: MailTemplate | Mapping[str, str], values: MailValues, language: str) -> tuple[str, str]:
    """Subject and body of one mail in `language` ("sv", "en"): the template's texts in it, tokens filled in.
    `template` may be the texts being edited (a preview before saving)."""
    lang = "en" if language == "en" else "sv"
    texts = template if isinstance(template, Mapping) else {name: getattr(template, name) for name in TEXT_FIELDS}
    filled = values.for_language(lang)
    subject = " ".join(fill(texts[f"subject_{lang}"], lang, filled).split())  # a header: one line, whatever
    return subject, fill(texts[f"body_{lang}"], lang, filled)
