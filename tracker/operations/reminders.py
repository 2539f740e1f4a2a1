"""The invitation and reminders to the contacts of parties that have not submitted their report.

The texts are MailTemplate rows, created on first use from seed/mail_templates.toml (the one place the
default texts live). The mails are queued (tracker.operations.mailing) and sent after the commit; their
sign-in links are minted then. Flush only: the edge (view or CLI command) commits.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tracker.domain import Party, ReportingRound, Role, Submission, User
from tracker.domain.free_text import checked_text
from tracker.domain.mail import MailKind, MailTemplate, SentMail
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.domain.permissions import EDITABLE_STATES
from tracker.operations.answers import OperationError, refused_text
from tracker.operations.audit import Actor, record
from tracker.operations.mailing import SignInLink, queue_mail

DEFAULTS_FILE = files("seed") / "mail_templates.toml"  # package data: in the wheel too
PLACEHOLDERS = ("party", "year", "deadline", "days_left", "sign_in_link", "contact_name")
REMINDER_KINDS = (MailKind.INVITATION, MailKind.REMINDER)
TEMPLATE_KINDS = (*REMINDER_KINDS, MailKind.RETURNED)  # every editable template; RETURNED is sent by review
TEXT_FIELDS = ("subject_sv", "body_sv", "subject_en", "body_en")
SUBJECT_MAX, BODY_MAX = 255, 20_000
_PLACEHOLDER = re.compile(r"%\((\w*)\)s|%(.)")


@dataclass(frozen=True)
class Recipient:
    user: User
    party: Party
    submission: Submission


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


def placeholders_of(kind: MailKind) -> tuple[str, ...]:
    """The placeholders a template of `kind` may use: the "sent back" mail also has the leader's %(comment)s."""
    return (*PLACEHOLDERS, "comment") if kind is MailKind.RETURNED else PLACEHOLDERS


def unknown_placeholders(text: str, allowed: tuple[str, ...] = PLACEHOLDERS) -> list[str]:
    """The placeholders of `text` that are not in `allowed` (and stray % signs, as "%x")."""
    problems = []
    for match in _PLACEHOLDER.finditer(text):
        name, other = match.groups()
        if other is not None:
            if other != "%":
                problems.append("%" + other)
        elif name not in allowed:
            problems.append(f"%({name})s")
    return problems


def update_template(session: Session, actor: Actor, kind: MailKind, texts: Mapping[str, str]) -> MailTemplate:
    """Save new texts. An unknown placeholder or an empty text raises OperationError and changes nothing."""
    allowed = placeholders_of(kind)
    checked = {}
    for name in TEXT_FIELDS:
        try:  # a subject is a mail header: one line, at most its column's 255 characters
            value = checked_text(texts.get(name, ""), SUBJECT_MAX if name.startswith("subject") else BODY_MAX,
                                 one_line=name.startswith("subject"))
        except InvalidValue as error:
            raise refused_text(error) from error
        checked[name] = value
        if not value:
            raise OperationError("text_required", N_("Enter a subject and a text in both languages."))
        problems = unknown_placeholders(value, allowed)
        if problems:
            raise OperationError("unknown_placeholder",
                                 N_("Unknown placeholder %(placeholder)s. Use only: %(allowed)s."),
                                 placeholder=problems[0],
                                 allowed=", ".join(f"%({p})s" for p in allowed))
    template = template_for(session, kind)
    for name in TEXT_FIELDS:
        value = checked[name]
        old = getattr(template, name)
        if value != old:
            setattr(template, name, value)
            record(session, actor, "mail_template.update", "mail_template", template.id, field=name, old=old, new=value)
    session.flush()
    return template


def recipients(session: Session, round_: ReportingRound) -> list[Recipient]:
    """Every active contact of every active party whose report in `round_` is not submitted, by party code."""
    submissions = session.scalars(
        select(Submission).join(Party)
        .where(Submission.round_id == round_.id, Submission.state.in_(EDITABLE_STATES), Party.is_active)
        .options(selectinload(Submission.party).selectinload(Party.contacts))
        .order_by(Party.code)
    ).all()
    return [
        Recipient(user=user, party=submission.party, submission=submission)
        for submission in submissions
        for user in sorted(submission.party.contacts, key=lambda u: u.email)
        if user.is_active and user.role == Role.CONTACT
    ]


def render(template: MailTemplate, recipient: Recipient, round_: ReportingRound, link: str,
           today: date | None = None, comment: str = "") -> tuple[str, str]:
    """Subject and body (Swedish) for one recipient; `comment`: the leader's, in the "sent back" mail."""
    today = today or datetime.now(ZoneInfo("Europe/Stockholm")).date()
    deadline = round_.deadline_on
    values: dict[str, Any] = {
        "party": recipient.party.name,
        "year": round_.year,
        "deadline": deadline.isoformat() if deadline else "–",
        "days_left": max(0, (deadline - today).days) if deadline else "–",
        "sign_in_link": link,
        "contact_name": recipient.user.name,
        "comment": comment,
    }
    return template.subject_sv % values, template.body_sv % values


def find_open_round(session: Session, year: int) -> ReportingRound:
    """The round of `year`, which must be open. Raises OperationError otherwise."""
    round_ = session.scalar(select(ReportingRound).where(ReportingRound.year == year).order_by(ReportingRound.id))
    if round_ is None:
        raise OperationError("no_round", N_("There is no reporting round for %(year)s."), year=year)
    if str(round_.state) != "open":
        raise OperationError("round_not_open", N_("The reporting round for %(year)s is not open."), year=year)
    return round_


def queue_reminders(
    session: Session,
    round_: ReportingRound,
    kind: MailKind,
    *,
    link: SignInLink,
    sent_by: User | None,
) -> list[SentMail]:
    """Queue the mail of `kind` to every recipient, each with a sign-in link (sent after the commit)."""
    template = template_for(session, kind)
    queued = []
    for recipient in recipients(session, round_):
        subject, body = render(template, recipient, round_, link.placeholder)
        queued.append(queue_mail(session, kind=kind, to_user=recipient.user, round=round_, party=recipient.party,
                                 subject=subject, body=body, sent_by=sent_by, link=link))
    return queued


def latest_sent_mail_id(session: Session, round_: ReportingRound) -> int:
    """The id of the newest mail recorded for the round, 0 when none: what the send form was shown with, so that
    a second press of the button (or a second tab) does not mail everyone twice."""
    return session.scalar(select(func.max(SentMail.id)).where(SentMail.round_id == round_.id)) or 0


def sent_mails(session: Session, round_: ReportingRound) -> list[SentMail]:
    return list(session.scalars(
        select(SentMail).where(SentMail.round_id == round_.id).order_by(SentMail.sent_dt.desc(), SentMail.id.desc())
    ))
