"""Copy-forward and the closed-round review as operations, on the demo data: the plan of what copying would do,
the marks it leaves until each commitment is confirmed or changed, the one gate that refuses a report with
unconfirmed copies, the offline form that confirms them, and a report reviewed and reopened in a closed round."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.domain import (
    AuditEvent,
    Commitment,
    CopyMark,
    ImportKind,
    Indicator,
    Party,
    ReportingRound,
    Submission,
    SubmissionState,
    User,
)
from tracker.domain.applicability import answer_values, missing_items
from tracker.domain.copies import copied_unchanged, unconfirmed_commitment_ids
from tracker.domain.permissions import takes_changes
from tracker.operations.answers import OperationError, confirm_copies, set_answer
from tracker.operations.audit import Actor
from tracker.operations.copying import CopyAction, copy_previous_answers, plan_copy
from tracker.operations.imports import confirm_offline_import, new_pending
from tracker.operations.mailing import SignInLink
from tracker.operations.review import send_back
from tracker.operations.submitting import set_submission_state
from tracker.queries.reporting import previous_report

CONTACT = Actor.system("test")


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def report(session: Session, code: str = "0680", year: int = 2025) -> Submission:
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == code, ReportingRound.year == year)).one()


def last_year(session: Session, submission: Submission) -> Submission:
    previous = previous_report(session, submission)
    assert previous is not None
    return previous


def commitment(submission: Submission, number: str) -> Commitment:
    return next(c for c in submission.round.agreement.commitments if c.number == number)


def indicator(submission: Submission, key: str) -> Indicator:
    return next(i for i in submission.round.agreement.indicators if i.key == key)


def test_the_plan_copies_the_empty_keeps_the_answered_and_leaves_out_what_is_not_asked(session: Session) -> None:
    submission = report(session)
    set_answer(session, CONTACT, submission, indicator(submission, "IV.biogas_share"), "99")
    set_answer(session, CONTACT, submission, indicator(submission, "VI.own_production"), "no")
    plan = {p.commitment.number: p for p in plan_copy(submission, last_year(session, submission)).commitments}
    actions = {a.indicator.key: a.action for p in plan.values() for a in p.answers}
    assert actions["IV.biogas_share"] is CopyAction.KEEP and actions["VI.own_production"] is CopyAction.KEEP
    assert actions["VI.use"] is CopyAction.NOT_ASKED  # asked only where there is own production
    assert actions["III.cars_total"] is CopyAction.COPY
    assert plan["III"].status is not None and plan["III"].status.action is CopyAction.COPY
    assert len(submission.answers) == 2 and not any(a.copy_mark for a in submission.answers)  # wrote nothing


def test_copies_are_marked_until_confirmed_and_the_submission_is_refused_until_then(session: Session) -> None:
    submission = report(session)
    result = copy_previous_answers(session, CONTACT, submission, last_year(session, submission))
    assert result.answers > 0 and all(a.copy_mark is CopyMark.UNCHECKED for a in submission.answers)
    assert {c.number for c in submission.round.agreement.commitments
            if c.id in unconfirmed_commitment_ids(submission)} == {"II", "III", "IV", "V", "VI", "VII", "VIII"}
    with pytest.raises(OperationError) as refused:
        set_submission_state(session, CONTACT, submission, SubmissionState.SUBMITTED)
    assert refused.value.code == "incomplete"

    version = submission.version
    assert confirm_copies(session, CONTACT, submission, commitment(submission, "III")) == 6
    assert submission.version > version  # a change like any other: a stale page notices it
    assert confirm_copies(session, CONTACT, submission, commitment(submission, "III")) == 0  # nothing left
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submission.id,
                                                      AuditEvent.field == "III.copy")).all()
    assert [(e.old_value, e.new_value) for e in events] == [(None, "unchecked"), ("unchecked", "checked")]

    # changing a copied answer makes it the party's own and confirms the rest of its commitment
    cars = indicator(submission, "III.cars_total")
    stations = indicator(submission, "II.public_stations")
    set_answer(session, CONTACT, submission, stations, "7")
    assert stations.id not in copied_unchanged(submission)  # changed: no longer a copy
    assert commitment(submission, "II").id not in unconfirmed_commitment_ids(submission)
    assert cars.id in copied_unchanged(submission)  # confirmed, and still last year's: "copied unchanged"


def test_the_confirmed_offline_form_confirms_the_copies(session: Session) -> None:
    submission = report(session)
    copy_previous_answers(session, CONTACT, submission, last_year(session, submission))
    user = session.scalars(select(User).where(User.email == "projektledare@exempel.se")).one()
    pending = new_pending(session, user, ImportKind.OFFLINE_FORM, submission, "jonkoping.xlsx",
                          {"answers": {}, "statuses": {}, "comments": {}, "file_version": submission.version})
    confirm_offline_import(session, Actor(user=user, on_behalf=True), pending, submission)
    assert unconfirmed_commitment_ids(submission) == set()
    assert not any(m.copied for m in missing_items(submission, earlier=()))


def test_sent_back_in_a_closed_round_only_that_report_takes_changes_until_submitted_again(session: Session) -> None:
    leader = Actor(user=session.scalars(select(User).where(User.email == "projektledare@exempel.se")).one())
    waiting, other = report(session, "0617", 2024), report(session, "0684", 2024)
    assert not takes_changes(waiting) and not takes_changes(other)
    with pytest.raises(OperationError):  # a contact's change of the closed round is refused
        set_answer(session, CONTACT, waiting, indicator(waiting, "IV.biogas_share"), "50")

    send_back(session, leader, waiting, "Komplettera åtagande IV.", version=waiting.version,
              link=SignInLink(next_path="/rapportera/"))
    assert waiting.state is SubmissionState.RETURNED and waiting.is_reopened
    assert takes_changes(waiting) and not takes_changes(other)
    share = indicator(waiting, "IV.biogas_share")
    now = answer_values(waiting)[share.id].number
    assert now is not None
    set_answer(session, CONTACT, waiting, share, str(now - 1))  # near the earlier years: nothing to confirm
    set_submission_state(session, CONTACT, waiting, SubmissionState.SUBMITTED)
    assert not waiting.is_reopened and not takes_changes(waiting)
    fields = session.scalars(select(AuditEvent.new_value).where(
        AuditEvent.submission_id == waiting.id, AuditEvent.action == "submission.closed_round")).all()
    assert fields == ["returned", "submitted"]  # each state change of the closed round says so
