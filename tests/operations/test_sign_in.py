"""tracker.operations.sign_in: the password check that tells nobody who exists, and single-use links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, User
from tracker.operations.sign_in import (
    SignInMethod,
    authenticate,
    claim_sign_in_link,
    record_sign_in,
    sign_in_stamp,
)

if TYPE_CHECKING:
    from tests.conftest import MakeUser

PASSWORD = "korrekt häst batteri"  # tests/conftest.py's TEST_PASSWORD


def test_authenticate_finds_only_an_active_user_with_the_right_password(session: Session,
                                                                        make_user: MakeUser) -> None:
    user = make_user("kim@kommun.se")
    make_user("inaktiv@kommun.se", is_active=False)
    make_user("utan@kommun.se", password=None)
    assert authenticate(session, " KIM@kommun.se", PASSWORD) is user
    assert authenticate(session, "kim@kommun.se", "fel") is None
    assert authenticate(session, "okand@kommun.se", PASSWORD) is None
    assert authenticate(session, "inaktiv@kommun.se", PASSWORD) is None
    assert authenticate(session, "utan@kommun.se", "") is None


def test_a_stamp_changes_with_every_sign_in_and_survives_a_reload(session: Session, make_user: MakeUser) -> None:
    user = make_user("kim@kommun.se")
    never = sign_in_stamp(user)
    record_sign_in(session, user, SignInMethod.PASSWORD)
    after = sign_in_stamp(user)
    assert after != never
    session.expire_all()  # read back from the database: the same stamp on SQLite (naive) and PostgreSQL
    assert sign_in_stamp(user) == after


def test_a_link_can_be_claimed_once(session: Session, make_user: MakeUser) -> None:
    user = make_user("kim@kommun.se")
    stamp = sign_in_stamp(user)
    assert claim_sign_in_link(session, user, stamp)
    assert not claim_sign_in_link(session, user, stamp)
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.sign_in")).all()
    assert [(e.user_id, e.new_value) for e in events] == [(user.id, "link")]


def test_of_two_requests_racing_with_one_link_only_one_wins(session: Session, make_user: MakeUser) -> None:
    user = make_user("kim@kommun.se")
    stamp = sign_in_stamp(user)
    session.commit()
    with Session(bind=session.connection(), join_transaction_mode="create_savepoint") as other:
        same_user = other.get(User, user.id)
        assert same_user is not None and sign_in_stamp(same_user) == stamp  # both loaded before either claims
        assert claim_sign_in_link(session, user, stamp)
        assert not claim_sign_in_link(other, same_user, stamp)  # its stamp still matches; the UPDATE does not


