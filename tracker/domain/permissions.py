"""Who may see or change what: the one place that decides. Every route asks `decide` (or a helper on it).

The answer distinguishes "sign in first" from "not for you", so the web edge can answer 302 or 403.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from tracker.domain.party import Role, User
from tracker.domain.reporting import RoundState, Submission, SubmissionState


class Action(enum.StrEnum):
    VIEW = "view"  # read the submission, its answers and history
    EDIT = "edit"  # save answers, statuses, comments (draft)
    SUBMIT = "submit"  # hand in for review
    REVIEW = "review"  # approve or send back (project leaders)


class Outcome(enum.Enum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"  # anonymous: sign in first
    FORBIDDEN = "forbidden"  # signed in, but not allowed
    LOCKED = "locked"  # allowed in principle, but not in this state (closed round, already submitted)


@dataclass(frozen=True)
class Decision:
    outcome: Outcome

    def __bool__(self) -> bool:
        return self.outcome is Outcome.ALLOWED


ALLOWED = Decision(Outcome.ALLOWED)
SIGN_IN = Decision(Outcome.SIGN_IN)
FORBIDDEN = Decision(Outcome.FORBIDDEN)
LOCKED = Decision(Outcome.LOCKED)

LEADERS = frozenset({Role.ADMIN, Role.PROJECT_LEADER})
EDITABLE_STATES = frozenset({SubmissionState.NOT_STARTED, SubmissionState.DRAFT, SubmissionState.RETURNED})


def reports_for(user: User, party_id: int) -> bool:
    """Whether `user` is a contact of the party."""
    return user.role == Role.CONTACT and any(party.id == party_id for party in user.parties)


def takes_changes(submission: Submission) -> bool:
    """Whether the report can be changed (answers, statuses, submitting) at all now, by anyone: while its round is
    open, and after the round closed only when a project leader sent this report back in the closed round
    (`Submission.is_reopened`): that party's report opens again, the round stays closed for everyone else."""
    return submission.round.state == RoundState.OPEN or bool(submission.is_reopened)


def reviews_in_closed_round(submission: Submission) -> bool:
    """A submitted report of a closed round is approved or sent back without reopening the round."""
    return submission.round.state == RoundState.CLOSED and submission.state == SubmissionState.SUBMITTED


def works_with(user: User, agreement_id: int | None) -> bool:
    """Whether the agreement is one the user works with: every one, unless the user is given one
    (`User.agreement_id`: a project leader or forum member of one county's agreement). None: no agreement asked."""
    return user.agreement_id is None or agreement_id is None or user.agreement_id == agreement_id


def decide(user: User | None, action: Action, submission: Submission) -> Decision:
    """May `user` do `action` on `submission`? Anonymous and inactive users must sign in."""
    if user is None or not user.is_active:
        return SIGN_IN
    is_leader = user.role in LEADERS and works_with(user, submission.round.agreement_id)
    if not (is_leader or reports_for(user, submission.party_id)):
        return FORBIDDEN
    if action is Action.VIEW:
        return ALLOWED
    if action is Action.REVIEW:  # in an open round, and also in a closed one (reviews_in_closed_round)
        if not is_leader:
            return FORBIDDEN
        if submission.state != SubmissionState.SUBMITTED or submission.round.state == RoundState.PLANNED:
            return LOCKED
        return ALLOWED
    # EDIT and SUBMIT: only while the report takes changes (open round, or reopened) and it is with the party.
    if not takes_changes(submission):
        return LOCKED
    if submission.state not in EDITABLE_STATES and not is_leader:
        return LOCKED
    if action is Action.SUBMIT and submission.state == SubmissionState.SUBMITTED:
        return LOCKED
    return ALLOWED


def may_use_role_pages(user: User | None, *roles: Role, agreement_id: int | None = None) -> Decision:
    """For pages that belong to a user group rather than to one submission (overview, dashboard, admin), of the
    agreement `agreement_id` (None: pages of no one agreement).

    Admins may use every group's pages; project leaders also the forum members' pages. A user given one agreement
    may not use another agreement's pages.
    """
    if user is None or not user.is_active:
        return SIGN_IN
    if not works_with(user, agreement_id):
        return FORBIDDEN
    if user.role == Role.ADMIN or user.role in roles:
        return ALLOWED
    if user.role == Role.PROJECT_LEADER and Role.FORUM_MEMBER in roles:
        return ALLOWED
    return FORBIDDEN


def may_answer_consultation(user: User | None, party_id: int, agreement_id: int) -> Decision:
    """May `user` see and record the party's decision in a consultation of the agreement: the party's contacts,
    and the project leaders (who work with the agreement) on its behalf."""
    if user is None or not user.is_active:
        return SIGN_IN
    if reports_for(user, party_id) or (user.role in LEADERS and works_with(user, agreement_id)):
        return ALLOWED
    return FORBIDDEN
