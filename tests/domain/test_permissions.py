"""The one permission function, as a table: role × own/other party × round state × submission state."""

from __future__ import annotations

import pytest

from tracker.domain import Party, PartyKind, ReportingRound, Role, RoundState, Submission, SubmissionState, User
from tracker.domain.permissions import Action, Outcome, decide, may_use_role_pages

OWN = Party(id=1, code="0680", name="Jönköpings kommun", kind=PartyKind.MUNICIPALITY)
OTHER = Party(id=2, code="0604", name="Aneby kommun", kind=PartyKind.MUNICIPALITY)


def submission(party: Party, state: SubmissionState = SubmissionState.DRAFT,
               round_state: RoundState = RoundState.OPEN) -> Submission:
    return Submission(party_id=party.id, party=party, state=state,
                      round=ReportingRound(year=2025, state=round_state))


def user(role: Role, *, active: bool = True) -> User:
    return User(email=f"{role}@exempel.se", name=str(role), role=role, is_active=active,
                parties=[OWN] if role is Role.CONTACT else [])


@pytest.mark.parametrize(
    ("who", "party", "action", "expected"),
    [
        (None, OWN, Action.VIEW, Outcome.SIGN_IN),
        (user(Role.CONTACT, active=False), OWN, Action.VIEW, Outcome.SIGN_IN),
        (user(Role.CONTACT), OWN, Action.VIEW, Outcome.ALLOWED),
        (user(Role.CONTACT), OWN, Action.EDIT, Outcome.ALLOWED),
        (user(Role.CONTACT), OWN, Action.SUBMIT, Outcome.ALLOWED),
        (user(Role.CONTACT), OWN, Action.REVIEW, Outcome.FORBIDDEN),
        (user(Role.CONTACT), OTHER, Action.VIEW, Outcome.FORBIDDEN),
        (user(Role.CONTACT), OTHER, Action.EDIT, Outcome.FORBIDDEN),
        (user(Role.FORUM_MEMBER), OWN, Action.VIEW, Outcome.FORBIDDEN),
        (user(Role.PROJECT_LEADER), OTHER, Action.VIEW, Outcome.ALLOWED),
        (user(Role.PROJECT_LEADER), OTHER, Action.EDIT, Outcome.ALLOWED),
        (user(Role.ADMIN), OTHER, Action.VIEW, Outcome.ALLOWED),
    ],
)
def test_who_may_do_what_in_an_open_round(who: User | None, party: Party, action: Action, expected: Outcome) -> None:
    assert decide(who, action, submission(party)).outcome is expected


@pytest.mark.parametrize("round_state", [RoundState.PLANNED, RoundState.CLOSED])
def test_nobody_changes_a_report_outside_an_open_round(round_state: RoundState) -> None:
    for who in (user(Role.CONTACT), user(Role.PROJECT_LEADER)):
        for action in (Action.EDIT, Action.SUBMIT):
            assert decide(who, action, submission(OWN, round_state=round_state)).outcome is Outcome.LOCKED
    assert decide(user(Role.CONTACT), Action.VIEW, submission(OWN, round_state=round_state))


@pytest.mark.parametrize("state", [SubmissionState.SUBMITTED, SubmissionState.APPROVED])
def test_a_handed_in_report_is_read_only_for_the_contact(state: SubmissionState) -> None:
    contact = user(Role.CONTACT)
    assert decide(contact, Action.EDIT, submission(OWN, state)).outcome is Outcome.LOCKED
    assert decide(contact, Action.SUBMIT, submission(OWN, state)).outcome is Outcome.LOCKED
    assert decide(contact, Action.VIEW, submission(OWN, state))


def test_a_returned_report_can_be_corrected() -> None:
    assert decide(user(Role.CONTACT), Action.EDIT, submission(OWN, SubmissionState.RETURNED))


def test_only_a_submitted_report_is_reviewed() -> None:
    leader = user(Role.PROJECT_LEADER)
    assert decide(leader, Action.REVIEW, submission(OTHER, SubmissionState.SUBMITTED))
    assert decide(leader, Action.REVIEW, submission(OTHER, SubmissionState.DRAFT)).outcome is Outcome.LOCKED


@pytest.mark.parametrize(
    ("who", "roles", "expected"),
    [
        (None, (Role.FORUM_MEMBER,), Outcome.SIGN_IN),
        (user(Role.CONTACT), (Role.FORUM_MEMBER,), Outcome.FORBIDDEN),
        (user(Role.FORUM_MEMBER), (Role.FORUM_MEMBER,), Outcome.ALLOWED),
        (user(Role.PROJECT_LEADER), (Role.FORUM_MEMBER,), Outcome.ALLOWED),
        (user(Role.PROJECT_LEADER), (Role.ADMIN,), Outcome.FORBIDDEN),
        (user(Role.ADMIN), (Role.PROJECT_LEADER,), Outcome.ALLOWED),
    ],
)
def test_role_pages(who: User | None, roles: tuple[Role, ...], expected: Outcome) -> None:
    assert may_use_role_pages(who, *roles).outcome is expected


def test_a_submitted_report_of_a_closed_round_is_reviewed_but_not_in_a_planned_one() -> None:
    leader = user(Role.PROJECT_LEADER)
    closed = submission(OTHER, SubmissionState.SUBMITTED, round_state=RoundState.CLOSED)
    assert decide(leader, Action.REVIEW, closed)
    assert decide(user(Role.CONTACT), Action.REVIEW, submission(OWN, SubmissionState.SUBMITTED,
                                                                 round_state=RoundState.CLOSED)).outcome \
        is Outcome.FORBIDDEN
    approved = submission(OTHER, SubmissionState.APPROVED, round_state=RoundState.CLOSED)
    assert decide(leader, Action.REVIEW, approved).outcome is Outcome.LOCKED
    planned = submission(OTHER, SubmissionState.SUBMITTED, round_state=RoundState.PLANNED)
    assert decide(leader, Action.REVIEW, planned).outcome is Outcome.LOCKED


def test_sent_back_in_a_closed_round_only_that_report_opens_again() -> None:
    contact = user(Role.CONTACT)
    reopened = submission(OWN, SubmissionState.RETURNED, round_state=RoundState.CLOSED)
    reopened.is_reopened = True
    assert decide(contact, Action.EDIT, reopened) and decide(contact, Action.SUBMIT, reopened)
    assert decide(user(Role.PROJECT_LEADER), Action.EDIT, reopened)
    # sent back while the round was open and never resubmitted: the closing locked it like every other report
    returned = submission(OWN, SubmissionState.RETURNED, round_state=RoundState.CLOSED)
    assert decide(contact, Action.EDIT, returned).outcome is Outcome.LOCKED
    other = submission(OTHER, SubmissionState.RETURNED, round_state=RoundState.CLOSED)
    other.is_reopened = True
    assert decide(contact, Action.EDIT, other).outcome is Outcome.FORBIDDEN  # still not another party's


def test_a_leader_given_one_agreement_works_on_it_alone() -> None:
    leader = user(Role.PROJECT_LEADER)
    leader.agreement_id = 7
    own = submission(OTHER)
    own.round.agreement_id = 7
    other = submission(OTHER)
    other.round.agreement_id = 8
    assert decide(leader, Action.VIEW, own).outcome is Outcome.ALLOWED
    assert decide(leader, Action.VIEW, other).outcome is Outcome.FORBIDDEN
    assert may_use_role_pages(leader, Role.PROJECT_LEADER, agreement_id=7).outcome is Outcome.ALLOWED
    assert may_use_role_pages(leader, Role.PROJECT_LEADER, agreement_id=8).outcome is Outcome.FORBIDDEN
    forum = user(Role.FORUM_MEMBER)
    forum.agreement_id = 7
    assert may_use_role_pages(forum, Role.FORUM_MEMBER, agreement_id=8).outcome is Outcome.FORBIDDEN
    every = user(Role.PROJECT_LEADER)  # not given one: every agreement
    assert decide(every, Action.VIEW, other).outcome is Outcome.ALLOWED
