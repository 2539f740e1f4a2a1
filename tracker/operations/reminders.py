"""The invitation and reminders to the parties that have not submitted their report, and the account of who
gets them: per party its active contacts, else its generic address (registrator, the invitation only), else no
one — such parties are named, never skipped silently.

The texts are the editable templates (tracker.operations.mail_templates), in each reader's language. The mails
are queued (tracker.operations.mailing) and sent after the commit; their sign-in links are minted then. Flush
only: the edge (view or CLI command) commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tracker.domain import Party, ReportingRound, Role, Submission, User
from tracker.domain.mail import MailKind, SentMail
from tracker.domain.messages import N_
from tracker.domain.party import party_order
from tracker.domain.permissions import EDITABLE_STATES
from tracker.operations.answers import OperationError
from tracker.operations.mail_templates import MailValues, render, template_for
from tracker.operations.mailing import SignInLink, queue_mail
from tracker.queries.resolver import agreement_round


@dataclass(frozen=True)
class Recipient:
    """One address a mail goes to: a contact (`user`), or the party's registry address (`user` None)."""

    party: Party
    submission: Submission
    user: User | None = None

    @property
    def email(self) -> str:
        return self.user.email if self.user is not None else self.party.registry_email or ""

    @property
    def is_registry(self) -> bool:
        return self.user is None

    @property
    def language(self) -> str:
        return str(self.user.language) if self.user is not None else "sv"  # a registry: the service's language

    def kind_of(self, kind: MailKind) -> MailKind:
        """The template a mail of `kind` takes for this recipient: a registry has one of its own."""
        return MailKind.REGISTRY_INVITATION if self.is_registry else kind


@dataclass
class PartyAccount:
    """A party that has not submitted: who a mail of the page's kind reaches, and the mails it got."""

    party: Party
    submission: Submission
    recipients: list[Recipient]
    has_contact: bool
    mails: list[SentMail] = field(default_factory=list)  # of the round, newest first

    def latest_to(self, email: str) -> SentMail | None:
        return next((mail for mail in self.mails if mail.to_email == email), None)


def active_contacts(party: Party) -> list[User]:
    return sorted((user for user in party.contacts if user.is_active and user.role == Role.CONTACT),
                  key=lambda user: user.email)


def accounts(session: Session, round_: ReportingRound, kind: MailKind) -> list[PartyAccount]:
    """Every active party whose report in `round_` is not submitted, in THE party order, with who a mail of
    `kind` reaches: its active contacts; without any, its registry address for the invitation; else no one."""
    submissions = session.scalars(
        select(Submission).join(Party)
        .where(Submission.round_id == round_.id, Submission.state.in_(EDITABLE_STATES), Party.is_active)
        .options(selectinload(Submission.party).selectinload(Party.contacts))
    ).all()
    mails = sent_mails(session, round_)
    found = []
    for submission in sorted(submissions, key=lambda s: party_order(s.party.kind, s.party.name)):
        party = submission.party
        contacts = active_contacts(party)
        reached = [Recipient(party, submission, user) for user in contacts]
        if not reached and kind is MailKind.INVITATION and party.registry_email:
            reached = [Recipient(party, submission)]
        found.append(PartyAccount(party, submission, reached, bool(contacts),
                                  [mail for mail in mails if mail.party_id == party.id]))
    return found


def recipients(session: Session, round_: ReportingRound, kind: MailKind = MailKind.REMINDER) -> list[Recipient]:
    """Everyone a mail of `kind` reaches, party by party."""
    return [recipient for account in accounts(session, round_, kind) for recipient in account.recipients]


def values_for(recipient: Recipient, round_: ReportingRound, link: str, *, valid_for: int | None,
               address: str = "", comment: str = "") -> MailValues:
    return MailValues(party=recipient.party.name, round=round_,
                      contact_name=recipient.user.name if recipient.user is not None else "",
                      link=link, link_valid_for=valid_for, comment=comment, address=address)


def find_open_round(session: Session, agreement_id: int, year: int) -> ReportingRound:
    """The agreement's round of `year`, which must be open. Raises OperationError otherwise."""
    round_ = agreement_round(session, agreement_id, year)
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
    address: str = "",
) -> list[SentMail]:
    """Queue the mail of `kind` to every recipient (sent after the commit): to a contact in their language with
    a sign-in link; to a registry address the registry's invitation, which names the service's `address`."""
    queued = []
    for recipient in recipients(session, round_, kind):
        mail_kind = recipient.kind_of(kind)
        values = values_for(recipient, round_, link.placeholder, valid_for=link.valid_for, address=address)
        subject, body = render(template_for(session, mail_kind), values, recipient.language)
        queued.append(queue_mail(session, kind=mail_kind, to_user=recipient.user, to_email=recipient.email,
                                 round=round_, party=recipient.party, subject=subject, body=body, sent_by=sent_by,
                                 link=None if recipient.is_registry else link))
    return queued


def latest_sent_mail_id(session: Session, round_: ReportingRound) -> int:
    """The id of the newest mail recorded for the round, 0 when none: what the send form was shown with, so that
    a second press of the button (or a second tab) does not mail everyone twice."""
    return session.scalar(select(func.max(SentMail.id)).where(SentMail.round_id == round_.id)) or 0


def sent_mails(session: Session, round_: ReportingRound) -> list[SentMail]:
    return list(session.scalars(
        select(SentMail).where(SentMail.round_id == round_.id).order_by(SentMail.sent_dt.desc(), SentMail.id.desc())
    ))
