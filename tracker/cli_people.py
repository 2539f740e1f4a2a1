"""`tracker remind`, `tracker send-mail`, `tracker send-digest` and `tracker user add/deactivate`: reminders,
the outbox, the leaders' digest and user administration from the command line.

Registered on the `tracker` group in tracker.cli. Each command is an edge: one session, one commit.
Errors an operator can make (no such round, unknown party code, taken email) exit 1 with a message, never a
traceback. Messages are in Swedish, the users' language (`--lang en` for English).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from tracker.domain.messages import N_, Message
from tracker.queries.resolver import AGREEMENT_HELP

if TYPE_CHECKING:
    from tracker.operations.reminders import PartyAccount
    from tracker.outbox import Outcome

LANG = click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
BASE_URL = click.option("--base-url", default=None, help="The app's public address, for the sign-in links "
                        "(default: PUBLIC_BASE_URL).")


def _say(lang: str, msgid: str, err: bool = False, **params: object) -> None:
    from tracker.i18n import gettext_for

    click.echo(Message(msgid, params).render(gettext_for(lang)), err=err)


def _fail(lang: str, message: Message) -> NoReturn:
    from tracker.i18n import gettext_for

    click.echo(message.render(gettext_for(lang)), err=True)
    sys.exit(1)


@click.command("remind")
@with_appcontext
@click.option("--round", "year", type=int, required=True, help="The year of the open reporting round.")
@click.option("--kind", type=click.Choice(["reminder", "invitation"]), default="reminder", show_default=True)
@click.option("--dry-run", is_flag=True, help="Only list who would get the mail; send nothing.")
@click.option("--agreement", "agreement_slug", default=None, help=AGREEMENT_HELP)
@BASE_URL
@LANG
def remind_command(year: int, kind: str, dry_run: bool, agreement_slug: str | None, base_url: str | None,
                   lang: str) -> None:
    """Mail the contacts of the parties that have not submitted (with a sign-in link each; the invitation goes to
    a party's registry address when it has no contact), and name the parties no one can be mailed for."""
    from tracker.cli import agreement_or_exit, command_session
    from tracker.domain.mail import MailKind, MailState
    from tracker.operations.answers import OperationError
    from tracker.operations.reminders import accounts, find_open_round, queue_reminders
    from tracker.web.sign_in_links import reminder_link, send_queued_mails

    try:
        with command_session() as session:
            agreement = agreement_or_exit(session, agreement_slug, lang)
            round_ = find_open_round(session, agreement.id, year)  # a round that is not open is said first
            base = _public_address(base_url, lang) if not dry_run else ""
            _account_for(lang, accounts(session, round_, MailKind(kind)), dry_run)
            if dry_run:
                return
            mails = queue_reminders(session, round_, MailKind(kind), link=reminder_link(), sent_by=None,
                                    address=base + "/")
    except OperationError as error:
        _fail(lang, error.message)
    # Committed (command_session): in the outbox, so a sender that dies now leaves them queued for `send-mail`.
    with _links_on(base):
        outcomes = send_queued_mails(mails)
    _report(lang, outcomes)
    _say(lang, N_("%(sent)s of %(total)s mails sent."), sent=sum(o.state is MailState.SENT for o in outcomes),
         total=len(mails))


def _account_for(lang: str, found: list[PartyAccount], dry_run: bool) -> None:
    """Per party not submitted, who the mail reaches; the parties it reaches no one at are named (on stderr)."""
    for account in found:
        for recipient in account.recipients:
            if dry_run and recipient.is_registry:
                _say(lang, N_("Would mail %(email)s (%(party)s, its registry address)."), email=recipient.email,
                     party=account.party.name)
            elif dry_run:
                _say(lang, N_("Would mail %(email)s (%(party)s)."), email=recipient.email, party=account.party.name)
        if not account.recipients:
            _say(lang, N_("No one to mail for %(party)s: it has no active contact (add one with tracker user add)."),
                 err=True, party=account.party.name)


def _public_address(base_url: str | None, lang: str) -> str:
    """The app's public address the mails' sign-in links are built on (--base-url or PUBLIC_BASE_URL)."""
    base = (base_url or current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        _fail(lang, Message(N_("The mails carry a sign-in link: set PUBLIC_BASE_URL or give --base-url "
                               "(for example https://biogas.example.se).")))
    return base


@contextmanager
def _links_on(base: str) -> Iterator[None]:
    """A request on the public address, so that url_for builds the mails' links on it."""
    current_app.config.update(PUBLIC_BASE_URL=base, TRUSTED_HOSTS=None)
    with current_app.test_request_context(base_url=base):
        yield


def _report(lang: str, outcomes: list[Outcome]) -> None:
    from tracker.domain.mail import MailState

    for outcome in outcomes:
        if outcome.state is MailState.SENT:
            _say(lang, N_("Mailed %(email)s."), email=outcome.to_email)
        else:
            _say(lang, N_("Could not mail %(email)s: %(error)s"), err=True, email=outcome.to_email,
                 error=outcome.error)


@click.command("send-mail")
@BASE_URL
@LANG
@with_appcontext
def send_mail_command(base_url: str | None, lang: str) -> None:
    """Send the mails of the outbox that are due: queued ones and retries (for a scheduler, every few minutes)."""
    from tracker.domain.mail import MailState
    from tracker.outbox import send_queued
    from tracker.web.sign_in_links import mint_link

    with _links_on(_public_address(base_url, lang)):
        outcomes = send_queued(current_app.extensions["tracker.db"], current_app.config, mint_link)
    _report(lang, outcomes)
    _say(lang, N_("%(sent)s of %(total)s mails sent."), sent=sum(o.state is MailState.SENT for o in outcomes),
         total=len(outcomes))


@click.command("send-digest")
@BASE_URL
@LANG
@with_appcontext
def send_digest_command(base_url: str | None, lang: str) -> None:
    """Mail each project leader who chose the daily digest the reports submitted since their previous digest (for
    a scheduler, once a day); a leader with nothing new gets no mail."""
    from flask import url_for

    from tracker.cli import command_session
    from tracker.domain.mail import MailState
    from tracker.operations.notices import queue_digests
    from tracker.web.sign_in_links import send_queued_mails

    base = _public_address(base_url, lang)
    with _links_on(base):
        with command_session() as session:
            mails = queue_digests(session, lambda s: base + url_for("leaders.review", submission_id=s.id))
        outcomes = send_queued_mails(mails)
    _report(lang, outcomes)
    _say(lang, N_("%(sent)s of %(total)s mails sent."), sent=sum(o.state is MailState.SENT for o in outcomes),
         total=len(mails))


@click.group("user", cls=AppGroup)
def user_group() -> None:
    """Users: list, add, change the role and parties, deactivate."""


@user_group.command("add")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", default="contact", show_default=True,
              help="admin, project_leader, contact or forum_member.")
@click.option("--party", "party_codes", multiple=True, help="A party the contact reports for (repeat for more).")
@click.option("--language", "language", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="The language the user gets mail in.")
@LANG
def user_add(email: str, name: str, role: str, party_codes: tuple[str, ...], language: str, lang: str) -> None:
    """Add a user without a password (they sign in with a link)."""
    from tracker.cli import command_session
    from tracker.domain import Role
    from tracker.operations.answers import OperationError
    from tracker.operations.audit import Actor
    from tracker.operations.parties import find_party
    from tracker.operations.users import create_user

    if role not in {str(r) for r in Role}:
        _fail(lang, Message(N_("Unknown role: %(role)s."), {"role": role}))
    try:
        with command_session() as session:
            parties = []
            for code in party_codes:
                party = find_party(session, code)
                if party is None:
                    _fail(lang, Message(N_("There is no party with the code %(code)s."), {"code": code}))
                parties.append(party)
            user = create_user(session, Actor.system("cli"), email=email, name=name, role=role, parties=parties,
                               language=language)
            _say(lang, N_("Added %(email)s."), email=user.email)
    except OperationError as error:
        _fail(lang, error.message)


@user_group.command("deactivate")
@click.argument("email")
@LANG
def user_deactivate(email: str, lang: str) -> None:
    """Deactivate a user: they can no longer sign in."""
    from tracker.cli import command_session
    from tracker.operations.audit import Actor
    from tracker.operations.users import find_user, set_active

    with command_session() as session:
        user = find_user(session, email)
        if user is None:
            _fail(lang, Message(N_("There is no user with the email %(email)s."), {"email": email}))
            return
        set_active(session, Actor.system("cli"), user, False)
        _say(lang, N_("Deactivated %(email)s."), email=user.email)
