"""Parties: adding, renaming, deactivating. Every change audited; flush only."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain import Party
from tracker.domain.agreement import PartyKind
from tracker.domain.free_text import checked_text
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.operations.answers import OperationError, refused_text
from tracker.operations.audit import Actor, record
from tracker.operations.users import checked_email

TEXT_COLUMN = 255  # the size of a name's and an address's column



def find_party(session: Session, code: str) -> Party | None:
    return session.scalar(select(Party).where(Party.code == code.strip()))


def create_party(session: Session, actor: Actor, *, code: str, name: str, kind: PartyKind | str) -> Party:
    code = code.strip()
    try:
        name = checked_text(name, TEXT_COLUMN, one_line=True)
    except InvalidValue as error:
        raise refused_text(error) from error
    if not code or len(code) > 16 or not code.isascii() or not code.isalnum():  # "２０３１" is no kommunkod
        raise OperationError("invalid_code", N_("Enter a code of letters and digits, for example 0680."))
    if not name:
        raise OperationError("name_required", N_("Enter the party's name."))
    try:
        party_kind = PartyKind(kind)
    except ValueError:
        raise OperationError("invalid_kind", N_("Choose the kind of party.")) from None
    if session.scalar(select(func.count()).select_from(Party).where(Party.code == code)):
        raise OperationError("code_taken", N_("There already is a party with this code."))
    party = Party(code=code, name=name, kind=party_kind)
    session.add(party)
    session.flush()
    record(session, actor, "party.create", "party", party.id, field="code", new=code)
    record(session, actor, "party.create", "party", party.id, field="name", new=name)
    session.flush()
    return party


def rename_party(session: Session, actor: Actor, party: Party, name: str) -> None:
    try:
        name = checked_text(name, TEXT_COLUMN, one_line=True)
    except InvalidValue as error:
        raise refused_text(error) from error
    if not name:
        raise OperationError("name_required", N_("Enter the party's name."))
    if name == party.name:
        return
    record(session, actor, "party.rename", "party", party.id, field="name", old=party.name, new=name)
    party.name = name
    session.flush()


def set_party_active(session: Session, actor: Actor, party: Party, is_active: bool) -> None:
    if party.is_active == is_active:
        return
    record(session, actor, "party.activate" if is_active else "party.deactivate", "party", party.id,
           field="is_active", old=party.is_active, new=is_active)
    party.is_active = is_active
    session.flush()


def set_registry_email(session: Session, actor: Actor, party: Party, email: str) -> None:
    """The party's generic address (registrator), which gets the invitation while the party has no active
    contact; empty removes it."""
    address = checked_email(email) if email.strip() else None
    if address == party.registry_email:
        return
    record(session, actor, "party.registry_email", "party", party.id, field="registry_email",
           old=party.registry_email, new=address)
    party.registry_email = address
    session.flush()
