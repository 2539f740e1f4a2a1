"""A project leader's review of a submitted report: approve it, or send it back with a comment.

Both carry the version of the report the leader read (optimistic locking): a report changed since is not
approved or sent back unseen. Sending back mails the comment, with a sign-in link, to every active contact of
the party (the RETURNED template, tracker.operations.reminders). Flush only: the edge commits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.domain import IndicatorKind, Submission, SubmissionState, User
from tracker.domain.mail import MailKind, SentMail
from tracker.domain.messages import N_
from tracker.domain.values import InvalidValue, ValueRules, parse
from tracker.operations.answers import COMMENT_MAX_LENGTH, OperationError
from tracker.operations.audit import Actor
from tracker.operations.mail_templates import render, template_for
from tracker.operations.mailing import SignInLink, queue_mail
from tracker.operations.reminders import Recipient, active_contacts, values_for
from tracker.operations.submitting import set_submission_state

REVIEW_COMMENT_MAX_LENGTH = COMMENT_MAX_LENGTH


class StaleReportError(OperationError):
    """The report changed after the leader opened it: nothing was done."""

    def __init__(self) -> None:
        super().__init__("stale", N_("The report has changed since you opened the page, so nothing was done. "
                                     "Read it again as it is now and decide again."))


def approve(session: Session, actor: Actor, submission: Submission, *, version: int | None) -> None:
    """Approve a submitted report read at `version`. Raises StaleReportError or OperationError; nothing changes then."""
    _require_version(submission, version)
    set_submission_state(session, actor, submission, SubmissionState.APPROVED)


def send_back(
    session: Session, actor: Actor, submission: Submission, comment: str | None, *, version: int | None,
    link: SignInLink,
) -> list[SentMail]:
    """Send a submitted report read at `version` back to the party with `comment` (required), and queue the mail
    of the comment to the party's active contacts, each with a sign-in link (sent after the commit).

    Raises InvalidValue for a missing or too long comment, StaleReportError or OperationError; nothing changes then.
    """
    text = review_comment(comment)
    _require_version(submission, version)
    set_submission_state(session, actor, submission, SubmissionState.RETURNED, comment=text)
    template = template_for(session, MailKind.RETURNED)
    mails = []
    for user in contacts_of(submission):
        values = values_for(Recipient(submission.party, submission, user), submission.round, link.placeholder,
                            valid_for=link.valid_for, comment=text)
        subject, body = render(template, values, str(user.language))
        mails.append(queue_mail(session, kind=MailKind.RETURNED, to_user=user, round=submission.round,
                                party=submission.party, subject=subject, body=body, sent_by=actor.user, link=link))
    return mails


def review_comment(comment: str | None) -> str:
    """The comment of a report sent back, checked: required, at most REVIEW_COMMENT_MAX_LENGTH characters."""
    value = parse(ValueRules(IndicatorKind.TEXT, max_length=REVIEW_COMMENT_MAX_LENGTH), comment)
    if value is None or not value.text:
        raise InvalidValue("required", N_("Write what the party needs to correct."))
    return value.text


def contacts_of(submission: Submission) -> list[User]:
    """The party's active contacts, who get the "sent back" mail."""
    return active_contacts(submission.party)


def _require_version(submission: Submission, version: int | None) -> None:
    if version != submission.version:
        raise StaleReportError()
