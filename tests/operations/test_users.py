"""Users: passwords are hashed and verified, emails stored in one form, an email belongs to one user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, Party, PartyKind, Role, User
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.users import create_user, find_user, set_password, verify_password

ACTOR = Actor.system("test")


def test_the_password_is_hashed_and_verified(session: Session) -> None:
    user = create_user(session, ACTOR, email="a@exempel.se", name="A", role=Role.ADMIN, password="hemligt ord")
    assert user.password_hash is not None and "hemligt" not in user.password_hash
    assert user.password_hash.startswith("$argon2")
    assert verify_password(user, "hemligt ord")
    assert not verify_password(user, "Hemligt ord")
    assert not verify_password(user, "")


def test_production_hashes_with_the_strong_parameters(repo_root: Path) -> None:
    """The suite hashes with argon2's cheapest profile (tests/conftest.py); a process without that
    configuration, as the app and the CLI are, uses argon2id with t=3, 64 MiB, p=4."""
    script = "from tracker.operations.users import hash_password; print(hash_password('hemligt ord'))"
    made = subprocess.run([sys.executable, "-c", script], cwd=repo_root, capture_output=True, text=True, check=True)
    assert made.stdout.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_the_suite_hashes_cheaply_but_verifies_any_hash(session: Session) -> None:
    from argon2 import PasswordHasher

    user = create_user(session, ACTOR, email="c@exempel.se", name="C", role=Role.ADMIN, password="hemligt ord")
    assert user.password_hash is not None and user.password_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    user.password_hash = PasswordHasher().hash("starkt ord")  # made with the production parameters
    assert verify_password(user, "starkt ord")


def test_a_user_without_a_password_cannot_sign_in(session: Session) -> None:
    user = create_user(session, ACTOR, email="b@exempel.se", name="B", role="forum_member")
    assert user.password_hash is None
    assert not verify_password(user, "")
    user.password_hash = "not a hash"
    assert not verify_password(user, "not a hash")
    set_password(session, ACTOR, user, "nytt")
    assert verify_password(user, "nytt")


def test_the_email_is_stored_trimmed_and_lowercase(session: Session) -> None:
    party = Party(code="0604", name="Aneby kommun", kind=PartyKind.MUNICIPALITY)
    user = create_user(session, ACTOR, email="  Kontakt.Aneby@Exempel.SE ", name=" Kim Kontakt ",
                       role=Role.CONTACT, parties=[party])
    assert user.email == "kontakt.aneby@exempel.se"
    assert user.name == "Kim Kontakt"
    assert user.parties == [party]
    assert find_user(session, "KONTAKT.ANEBY@exempel.se ") is user
    fields = session.scalars(select(AuditEvent.field).where(AuditEvent.action == "user.create")).all()
    assert sorted(str(field) for field in fields) == ["email", "parties", "role"]


@pytest.mark.parametrize("email", ["", "utan-snabel-a", "a@b", "två ord@exempel.se",
                                   "kontakt\u202e@exempel.se", "kon\u200btakt@exempel.se",
                                   "kontakt@exempel\uff0ese", "kontakt@ex\u00e4mpel.se"])
def test_a_malformed_email_is_refused(session: Session, email: str) -> None:
    with pytest.raises(OperationError) as refused:
        create_user(session, ACTOR, email=email, name="X", role=Role.ADMIN)
    assert refused.value.code == "invalid_email"


def test_an_email_belongs_to_one_user(session: Session) -> None:
    create_user(session, ACTOR, email="c@exempel.se", name="C", role=Role.ADMIN)
    with pytest.raises(OperationError) as refused:
        create_user(session, ACTOR, email=" C@EXEMPEL.SE", name="C2", role=Role.ADMIN)
    assert refused.value.code == "email_taken"
    # Should two requests race past that check, the database refuses the second row all the same.
    session.add(User(email="c@exempel.se", name="C3", role=Role.ADMIN))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
