"""The mails a submitted report sends: a receipt to the party's contacts (what was submitted, per commitment its
status, a link to the report), and a note to the project leaders — at once, or in the daily digest
(`tracker send-digest`), as each leader chose (User.submission_notice).

Each mail is written in its reader's language (tracker.i18n, without Flask) and queued in the outbox in the
caller's transaction (sent after the commit). The links are built by the edge and passed in. Flush only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain import Role, Submission, SubmissionNotice, User, localized
from tracker.domain.base import utcnow
from tracker.domain.mail import MailKind, SentMail
from tracker.domain.messages import N_
from tracker.i18n import gettext_for, long_date_time, ngettext_for
from tracker.operations.mailing import queue_mail
from tracker.operations.reminders import active_contacts

DIGEST_PERIOD = timedelta(days=1)  # what the first digest covers; later ones: since the previous one
UrlOf = Callable[[Submission], str]


def _hello(gettext: Callable[[str], str], name: str) -> str:
    return gettext(N_("Hello %(name)s,")) % {"name": name}


def commitment_lines(submission: Submission, language: str) -> list[str]:
    """ "I Biogas i kollektivtrafiken: Genomfört", per commitment of the report, in the agreement's order."""
    gettext = gettext_for(language)
    lines = []
    for status in sorted(submission.statuses, key=lambda s: s.commitment.position):
        level = localized(status.status_level, "label", language) if status.status_level else gettext(
            N_("no status"))
        lines.append(f"{status.commitment.number} {localized(status.commitment, 'title', language)}: {level}")
    return lines


def receipt_text(user: User, submission: Submission, report_url: str) -> tuple[str, str]:
    """Subject and body of the receipt to a contact, in their language."""
    language = str(user.language)
    gettext = gettext_for(language)
    params = {"party": submission.party.name, "year": submission.round.year,
              "when": long_date_time(submission.submitted_dt, language)}
    subject = gettext(N_("Receipt: the report of %(party)s for %(year)s is submitted")) % params
    paragraphs = [
        _hello(gettext, user.name),
        gettext(N_("Thank you! The report of %(party)s for %(year)s was submitted on %(when)s. Per commitment, "
                   "the report gives this status:")) % params,
        "\n".join(f"- {line}" for line in commitment_lines(submission, language)),
        gettext(N_("The whole report, as submitted: %(url)s")) % {"url": report_url},
        gettext(N_("The project leaders review the report and write to you if anything needs to be completed.")),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def note_text(user: User, submission: Submission, review_url: str, submitted_by: str) -> tuple[str, str]:
    """Subject and body of the note to a project leader that a party has submitted, in their language."""
    language = str(user.language)
    gettext = gettext_for(language)
    params = {"party": submission.party.name, "year": submission.round.year, "who": submitted_by,
              "when": long_date_time(submission.submitted_dt, language)}
    subject = gettext(N_("%(party)s has submitted its report for %(year)s")) % params
    paragraphs = [
        _hello(gettext, user.name),
        gettext(N_("%(who)s submitted the report of %(party)s for %(year)s on %(when)s.")) % params,
        gettext(N_("Review it: %(url)s")) % {"url": review_url},
        gettext(N_("You get a mail for every report submitted. You can choose a daily digest instead, or no "
                   "mail, under Settings.")),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def leaders(session: Session, notice: SubmissionNotice) -> list[User]:
    """The active project leaders who chose `notice`."""
    return list(session.scalars(select(User).where(User.role == Role.PROJECT_LEADER, User.is_active,
                                                   User.submission_notice == notice).order_by(User.email)))


def queue_submitted_mails(session: Session, submission: Submission, *, submitted_by: User | None,
                          report_url: str, review_url: str) -> list[SentMail]:
    """The receipt to each active contact of the party and the note to each leader who wants one per report."""
    queued = []
    for user in active_contacts(submission.party):
        subject, body = receipt_text(user, submission, report_url)
        queued.append(queue_mail(session, kind=MailKind.RECEIPT, to_user=user, round=submission.round,
                                 party=submission.party, subject=subject, body=body, sent_by=submitted_by))
    who = submitted_by.name if submitted_by is not None else submission.party.name
    for user in leaders(session, SubmissionNotice.EACH):
        subject, body = note_text(user, submission, review_url, who)
        queued.append(queue_mail(session, kind=MailKind.SUBMITTED_NOTE, to_user=user, round=submission.round,
                                 party=submission.party, subject=subject, body=body, sent_by=submitted_by))
    return queued


def digest_text(user: User, submissions: list[Submission], review_url_of: UrlOf) -> tuple[str, str]:
    language = str(user.language)
    gettext, ngettext = gettext_for(language), ngettext_for(language)
    count = len(submissions)
    subject = ngettext("%(num)d report submitted since the last digest",
                       "%(num)d reports submitted since the last digest", count) % {"num": count}
    lines = [gettext(N_("%(party)s, %(year)s, submitted on %(when)s: %(url)s")) % {
        "party": s.party.name, "year": s.round.year, "when": long_date_time(s.submitted_dt, language),
        "url": review_url_of(s)} for s in submissions]
    paragraphs = [
        _hello(gettext, user.name),
        ngettext("This report has been submitted since the last digest:",
                 "These reports have been submitted since the last digest:", count),
        "\n".join(f"- {line}" for line in lines),
        gettext(N_("You get this digest once a day when reports have been submitted. You can choose a mail for "
                   "every report instead, or no mail, under Settings.")),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def queue_digests(session: Session, review_url_of: UrlOf, now: datetime | None = None) -> list[SentMail]:
    """One digest to each leader who chose it, of the reports submitted since their previous digest (the last
    DIGEST_PERIOD for the first); none to a leader when nothing was submitted. Run it again and it finds nothing."""
    now = now or utcnow()
    queued = []
    for user in leaders(session, SubmissionNotice.DIGEST):
        previous = session.scalar(select(func.max(SentMail.sent_dt))
                                  .where(SentMail.user_id == user.id, SentMail.kind == MailKind.DIGEST))
        since = previous or now - DIGEST_PERIOD
        submissions = list(session.scalars(
            select(Submission).where(Submission.submitted_dt > since, Submission.submitted_dt <= now)
            .order_by(Submission.submitted_dt, Submission.id)))
        if not submissions:
            continue
        subject, body = digest_text(user, submissions, review_url_of)
        mail = queue_mail(session, kind=MailKind.DIGEST, to_user=user, round=None, party=None, subject=subject,
                          body=body, sent_by=None)
        mail.sent_dt = now
        queued.append(mail)
    session.flush()
    return queued
