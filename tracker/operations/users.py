"""Users: creating them and checking their passwords (argon2, the password hasher recommended by OWASP)."""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain import Agreement, Language, Party, Role, SubmissionNotice, User
from tracker.domain.free_text import checked_text
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.operations.answers import OperationError, refused_text
from tracker.operations.audit import Actor, record

PASSWORD_HASH_PARAMETERS: Parameters = RFC_9106_LOW_MEMORY
"""argon2id, t=3, m=64 MiB, p=4: RFC 9106's second recommended option and argon2-cffi's default (~0.1 s)."""

_hasher = PasswordHasher.from_parameters(PASSWORD_HASH_PARAMETERS)

TEXT_COLUMN = 255  # the size of a name's and an address's column



def use_password_hash_parameters(parameters: Parameters) -> None:
    """Hash new passwords with `parameters` from now on, in this process.

    Only the test suite calls it (tests/conftest.py, with argon2's cheapest profile): hundreds of test users
    would otherwise cost a tenth of a second each. A stored hash carries its own parameters, so verifying
    works whatever was in use when it was made.
    """
    global _hasher
    _hasher = PasswordHasher.from_parameters(parameters)


def normalize_email(email: str) -> str:
    """The form every email is stored and looked up in: trimmed, lowercase."""
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(user: User, password: str) -> bool:
    """Whether `password` is the user's; False for a user without a password (and for any broken hash)."""
    if not user.password_hash:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def checked_email(email: str) -> str:
    """An email address as stored (normalize_email); OperationError for what is not one: printable ASCII only (no
    space or control character that could start a header of its own in a mail, no invisible formatting or
    full-width letters that would make an address look like another)."""
    address = normalize_email(email)
    local, _, domain = address.partition("@")
    if (not local or "." not in domain or not address.isascii() or not address.isprintable()
            or any(c.isspace() for c in address) or len(address) > TEXT_COLUMN or address.count("@") != 1):
        raise OperationError("invalid_email", N_("Enter an email address, for example namn@kommun.se."))
    return address


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def create_user(
    session: Session,
    actor: Actor,
    *,
    email: str,
    name: str,
    role: Role | str,
    password: str | None = None,
    parties: Iterable[Party] = (),
    is_example: bool = False,
    language: Language | str = Language.SV,
) -> User:
    """A new user. Contacts report for `parties`; without a password the user cannot sign in yet.

    A taken email raises `OperationError` (the unique index refuses it too, should two requests race).
    """
    address = checked_email(email)
    chosen_language = _language(language)
    try:
        name = checked_text(name, TEXT_COLUMN, one_line=True)
    except InvalidValue as error:
        raise refused_text(error) from error
    if not name:
        raise OperationError("name_required", N_("Enter the user's name."))
    taken = session.scalar(select(func.count()).select_from(User).where(User.email == address))
    if taken:
        raise OperationError("email_taken", N_("There already is a user with this email address."))
    user = User(
        email=address,
        name=name,
        role=Role(role),
        password_hash=hash_password(password) if password else None,
        is_example=is_example,
        parties=list(parties),
        language=chosen_language,
    )
    session.add(user)
    session.flush()
    record(session, actor, "user.create", "user", user.id, field="email", new=address)
    record(session, actor, "user.create", "user", user.id, field="role", new=str(user.role))
    if user.parties:
        record(session, actor, "user.create", "user", user.id, field="parties",
               new=", ".join(p.code for p in user.parties))
    session.flush()
    return user


def set_password(session: Session, actor: Actor, user: User, password: str) -> None:
    """Replace the user's password (the audit trail says that it changed, never what to). Every session of the
    user ends: whoever knew the old password and signed in with it is signed out."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    record(session, actor, "user.password", "user", user.id, field="password")
    session.flush()


def set_active(session: Session, actor: Actor, user: User, is_active: bool) -> None:
    """Deactivate (cannot sign in, gets no mail) or reactivate a user. Deactivating ends every session of the
    user for good: reactivated, they sign in anew."""
    if user.is_active == is_active:
        return
    if actor.user is not None and actor.user.id == user.id and not is_active:
        raise OperationError("deactivate_self", N_("You cannot deactivate yourself."))
    record(session, actor, "user.activate" if is_active else "user.deactivate", "user", user.id,
           field="is_active", old=user.is_active, new=is_active)
    user.is_active = is_active
    if not is_active:
        user.session_version += 1
    session.flush()


def set_role(session: Session, actor: Actor, user: User, role: Role | str) -> None:
    try:
        new = Role(role)
    except ValueError:
        raise OperationError("unknown_role", N_("Unknown role: %(role)s."), role=str(role)) from None
    if new == user.role:
        return
    if actor.user is not None and actor.user.id == user.id:
        raise OperationError("own_role", N_("You cannot change your own role."))
    record(session, actor, "user.role", "user", user.id, field="role", old=str(user.role), new=str(new))
    user.role = new
    if new not in (Role.PROJECT_LEADER, Role.FORUM_MEMBER) and user.agreement_id is not None:
        set_agreement(session, actor, user, None)  # a contact goes by parties, an admin sees every agreement
    session.flush()


def set_parties(session: Session, actor: Actor, user: User, parties: Iterable[Party]) -> None:
    """The parties a contact reports for."""
    new = sorted(set(parties), key=lambda p: p.code)
    old_codes = ", ".join(p.code for p in user.parties)
    new_codes = ", ".join(p.code for p in new)
    if old_codes == new_codes:
        return
    record(session, actor, "user.parties", "user", user.id, field="parties", old=old_codes, new=new_codes)
    user.parties = new
    session.flush()


def _language(language: Language | str) -> Language:
    try:
        return Language(language)
    except ValueError:
        raise OperationError("unknown_language", N_("Choose Swedish or English.")) from None


def set_language(session: Session, actor: Actor, user: User, language: Language | str) -> None:
    """The language the user gets mail in (the English templates for English)."""
    new = _language(language)
    if new == user.language:
        return
    record(session, actor, "user.language", "user", user.id, field="language", old=str(user.language), new=str(new))
    user.language = new
    session.flush()


def set_agreement(session: Session, actor: Actor, user: User, agreement: Agreement | None) -> None:
    """The one agreement a project leader or forum member works with; None: every agreement. A contact goes by
    the parties they report for and an admin by none: neither is given one."""
    new_id = agreement.id if agreement is not None else None
    if new_id == user.agreement_id:
        return
    if new_id is not None and user.role not in (Role.PROJECT_LEADER, Role.FORUM_MEMBER):
        raise OperationError("agreement_for_role", N_("Only project leaders and forum members work with one "
                                                      "agreement; contacts go by their parties."))
    old = session.get(Agreement, user.agreement_id) if user.agreement_id is not None else None
    record(session, actor, "user.agreement", "user", user.id, field="agreement",
           old=old.slug if old is not None else None, new=agreement.slug if agreement is not None else None)
    user.agreement_id = new_id
    session.flush()


def set_submission_notice(session: Session, actor: Actor, user: User, notice: SubmissionNotice | str) -> None:
    """How a project leader hears of a submitted report: a mail each, a daily digest, or not at all."""
    try:
        new = SubmissionNotice(notice)
    except ValueError:
        raise OperationError("unknown_notice", N_("Choose how you want to hear of submitted reports.")) from None
    if new == user.submission_notice:
        return
    record(session, actor, "user.submission_notice", "user", user.id, field="submission_notice",
           old=str(user.submission_notice), new=str(new))
    user.submission_notice = new
    session.flush()
