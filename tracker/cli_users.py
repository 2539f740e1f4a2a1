"""`tracker user list` and `tracker user set`: who the users are, and changing a user's role and parties.

Added to the `user` group of tracker.cli_people (`tracker user add/deactivate`). Each command is an edge: one
session, one commit; the changes go through tracker.operations.users, audited as the actor "cli". What an operator
can get wrong (no such user, unknown role or party code, parties for a user who is not a contact) exits 1 with a
message, nothing changed. Messages in Swedish, the users' language (`--lang en` for English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli_people import LANG, _fail, _say, user_group
from tracker.domain.messages import N_, Message

if TYPE_CHECKING:
    from collections.abc import Callable

    from tracker.domain import User

ROLE_NAMES = {"admin": N_("Administrator"), "project_leader": N_("Project leader"), "contact": N_("Contact person"),
              "forum_member": N_("Forum member")}
ROLES_HELP = "admin, project_leader, contact or forum_member."


def _line(user: User, gettext: Callable[[str], str]) -> list[str]:
    """One user's columns: email, name, role, language (sv/en, as --language takes it), the parties by name,
    active."""
    parties = ", ".join(party.name for party in user.parties) or "–"
    active = gettext("Yes") if user.is_active else gettext("No (deactivated)")
    return [user.email, user.name, gettext(ROLE_NAMES[str(user.role)]), str(user.language), parties, active]


@user_group.command("list")
@click.option("--role", default=None, help=f"Only the users of this role: {ROLES_HELP}")
@click.option("--active-only", is_flag=True, help="Leave out the deactivated users.")
@LANG
def user_list(role: str | None, active_only: bool, lang: str) -> None:
    """List the users: email, name, role, the parties they report for, whether they may sign in."""
    from sqlalchemy import select

    from tracker.cli import command_session
    from tracker.domain import Role, User
    from tracker.i18n import gettext_for

    if role is not None and role not in {str(r) for r in Role}:
        _fail(lang, Message(N_("Unknown role: %(role)s."), {"role": role}))
    gettext = gettext_for(lang)
    with command_session(write=False) as session:
        query = select(User).order_by(User.is_active.desc(), User.email)
        if role is not None:
            query = query.where(User.role == Role(role))
        if active_only:
            query = query.where(User.is_active)
        rows = [_line(user, gettext) for user in session.scalars(query)]
    header = [gettext(N_("Email")), gettext(N_("Name")), gettext(N_("Role")), gettext(N_("Language")),
              gettext(N_("Parties")), gettext(N_("Active"))]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        click.echo("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]))
    _say(lang, N_("Users: %(count)s."), count=len(rows))


@user_group.command("set")
@click.argument("email")
@click.option("--role", default=None, help=f"The new role: {ROLES_HELP}")
@click.option("--party", "party_codes", multiple=True,
              help="A party the contact reports for (repeat for more); replaces the parties the user had.")
@click.option("--no-parties", is_flag=True, help="The contact reports for no party.")
@click.option("--language", type=click.Choice(["sv", "en"]), default=None,
              help="The language of the user's mail: sv or en.")
@click.option("--agreement", "agreement_slug", default=None,
              help="The one agreement a project leader or forum member works with (its slug); \"\" for every one.")
@LANG
def user_set(email: str, role: str | None, party_codes: tuple[str, ...], no_parties: bool, language: str | None,
             agreement_slug: str | None, lang: str) -> None:
    """Change a user's role, the parties a contact reports for, the agreement a leader or forum member works with
    and the language of their mail (audited). A user who is no longer a contact reports for no party."""
    from tracker.cli import command_session
    from tracker.domain import Role
    from tracker.i18n import gettext_for
    from tracker.operations.answers import OperationError
    from tracker.operations.audit import Actor
    from tracker.operations.parties import find_party
    from tracker.operations.users import find_user, set_agreement, set_language, set_parties, set_role
    from tracker.queries.resolver import AgreementNotFoundError, find_agreement

    gettext = gettext_for(lang)
    if role is not None and role not in {str(r) for r in Role}:
        _fail(lang, Message(N_("Unknown role: %(role)s."), {"role": role}))
    if party_codes and no_parties:
        _fail(lang, Message(N_("Give either --party or --no-parties, not both.")))
    if role is None and not party_codes and not no_parties and language is None and agreement_slug is None:
        _fail(lang, Message(N_("Nothing to change: give --role, --party, --no-parties, --agreement or --language.")))
    actor = Actor.system("cli")
    try:
        with command_session() as session:
            user = find_user(session, email)
            if user is None:
                _fail(lang, Message(N_("There is no user with the email %(email)s."), {"email": email}))
            new_role = Role(role) if role is not None else user.role
            if party_codes and new_role != Role.CONTACT:
                _fail(lang, Message(N_("Only contact persons report for parties; %(email)s would be: %(role)s."),
                                    {"email": user.email, "role": gettext(ROLE_NAMES[str(new_role)])}))
            parties = []
            for code in party_codes:
                party = find_party(session, code)
                if party is None:
                    _fail(lang, Message(N_("There is no party with the code %(code)s."), {"code": code}))
                parties.append(party)
            set_role(session, actor, user, new_role)
            if new_role != Role.CONTACT or no_parties:
                set_parties(session, actor, user, [])
            elif party_codes:
                set_parties(session, actor, user, parties)
            if language is not None:
                set_language(session, actor, user, language)
            if agreement_slug is not None:
                try:
                    agreement = find_agreement(session, agreement_slug) if agreement_slug.strip() else None
                except AgreementNotFoundError as error:
                    _fail(lang, error.message)
                set_agreement(session, actor, user, agreement)
            _say(lang, N_("%(email)s: %(role)s, %(language)s, %(parties)s."), email=user.email,
                 role=gettext(ROLE_NAMES[str(user.role)]), language=str(user.language),
                 parties=", ".join(p.name for p in user.parties) or "–")
    except OperationError as error:
        _fail(lang, error.message)

