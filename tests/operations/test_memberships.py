"""Parties over time, on the demo data (2019–2024 closed, 2025 open): every party a member since the agreement came
into force (2018); a round asks only the parties that are members in its year; a party that joins later is given its
report in an open round; a party that has left is not expected in later rounds (the follow-up's "not reported" and
the leaders' overview follow the reports); every change audited, wrong years refused by field with nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from reports.data import build_followup
from tracker.domain import (
    Agreement,
    AuditEvent,
    Membership,
    Party,
    PartyKind,
    ReportingRound,
    Role,
    RoundState,
    Submission,
    SubmissionState,
    User,
)
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.history_import import HistoryCatalogue, HistoryProblem
from tracker.operations.memberships import MembershipYearsError, add_party_report, set_membership
from tracker.operations.parties import create_party
from tracker.operations.rounds import close_round, ensure_submission, start_round
from tracker.operations.submitting import set_submission_state
from tracker.queries.followup import load_followup_inputs
from tracker.queries.memberships import members_without_report, membership_of
from tracker.queries.overview import load_overview


@pytest.fixture(scope="module")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def actor(session: Session) -> Actor:
    return Actor(user=session.scalars(select(User).where(User.role == Role.ADMIN)).first())


@pytest.fixture
def agreement(session: Session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()


def party(session: Session, code: str) -> Party:
    return session.scalars(select(Party).where(Party.code == code)).one()


def round_of(session: Session, year: int) -> ReportingRound:
    return session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one()


def codes_reporting(session: Session, reporting_round: ReportingRound) -> set[str]:
    return set(session.scalars(select(Party.code).join(Submission, Submission.party_id == Party.id)
                               .where(Submission.round_id == reporting_round.id)))


def newcomer(session: Session, actor: Actor, agreement: Agreement, first_year: int) -> Party:
    joined = create_party(session, actor, code="0999", name="Provkommun", kind=PartyKind.MUNICIPALITY)
    set_membership(session, actor, agreement, joined, str(first_year), "")
    return joined


def test_every_party_of_the_demo_is_a_member_since_the_agreement_came_into_force(
    session: Session, agreement: Agreement
) -> None:
    memberships = session.scalars(select(Membership).where(Membership.agreement_id == agreement.id)).all()
    assert len(memberships) == 14
    assert agreement.in_force_from_year == 2018
    assert {(m.first_year, m.last_year) for m in memberships} == {(2018, None)}


def test_a_round_asks_the_parties_that_are_members_in_its_year(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    set_membership(session, actor, agreement, party(session, "0617"), "2018", "2025")  # Gnosjö leaves after 2025
    joined = newcomer(session, actor, agreement, 2027)
    round_2026 = start_round(session, actor, agreement, 2026, None, None)
    assert len(codes_reporting(session, round_2026)) == 13
    assert "0617" not in codes_reporting(session, round_2026) and "0999" not in codes_reporting(session, round_2026)
    round_2027 = start_round(session, actor, agreement, 2027, None, None)
    assert "0999" in codes_reporting(session, round_2027) and "0617" not in codes_reporting(session, round_2027)
    with pytest.raises(OperationError) as refused:
        ensure_submission(session, round_2026, joined)
    assert refused.value.code == "not_a_party"
    assert "0617" in codes_reporting(session, round_of(session, 2024))  # its earlier reports stay


def test_a_party_that_joins_in_the_open_round_is_given_its_report_from_the_rounds_page(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    open_round = round_of(session, 2025)
    joined = newcomer(session, actor, agreement, 2025)
    assert [p.code for p in members_without_report(session, open_round)] == ["0999"]
    submission = add_party_report(session, actor, open_round, joined)
    assert (submission.state, submission.party.code, submission.is_example) == (SubmissionState.NOT_STARTED,
                                                                                 "0999", True)
    assert members_without_report(session, open_round) == []
    [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "round.add_party"))
    assert (event.entity, event.entity_id, event.field, event.new_value) == ("reporting_round", open_round.id,
                                                                            "party", "Provkommun")
    with pytest.raises(OperationError) as twice:
        add_party_report(session, actor, open_round, joined)
    assert twice.value.code == "has_report"


def test_no_report_for_a_party_that_is_not_a_member_that_year_nor_in_a_closed_round(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    joined = newcomer(session, actor, agreement, 2026)
    with pytest.raises(OperationError) as not_yet:
        add_party_report(session, actor, round_of(session, 2025), joined)
    assert not_yet.value.code == "not_a_party"
    set_membership(session, actor, agreement, joined, "2024", "")
    with pytest.raises(OperationError) as closed:
        add_party_report(session, actor, round_of(session, 2024), joined)
    assert closed.value.code == "round_closed"
    assert session.scalar(select(Submission.id).where(Submission.party_id == joined.id)) is None


@pytest.mark.parametrize(("first", "last", "field", "text"), [
    ("", "", "first_year", "Member from: enter the year the party joined with four digits"),
    ("20x6", "", "first_year", "Member from: enter the year the party joined with four digits"),
    ("２０２６", "", "first_year", "Member from: enter the year the party joined with four digits"),
    ("2017", "", "first_year", "Member from: enter a year between 2018 and 2200"),
    ("2020", "2019", "last_year", "Member until: the last year cannot be before the year the party joined (2020)"),
    ("2020", "nästa år", "last_year", "Member until: enter the last year the party reports with four digits"),
    ("2020", "2201", "last_year", "Member until: enter a year between 2018 and 2200"),
])
def test_wrong_years_are_refused_by_field_and_nothing_changes(
    session: Session, actor: Actor, agreement: Agreement, first: str, last: str, field: str, text: str
) -> None:
    gnosjo = party(session, "0617")
    with pytest.raises(MembershipYearsError) as refused:
        set_membership(session, actor, agreement, gnosjo, first, last)
    assert field in refused.value.problems
    message = refused.value.problems[field]
    assert (message.msgid % dict(message.params)).startswith(text)
    membership = membership_of(session, agreement, gnosjo)
    assert membership is not None and (membership.first_year, membership.last_year) == (2018, None)
    assert session.scalar(select(AuditEvent.id).where(AuditEvent.action == "party.membership")) is None


def test_both_wrong_fields_are_named_at_once(session: Session, actor: Actor, agreement: Agreement) -> None:
    with pytest.raises(MembershipYearsError) as refused:
        set_membership(session, actor, agreement, party(session, "0617"), "1999", "tjugo")
    assert set(refused.value.problems) == {"first_year", "last_year"}


def test_a_change_of_the_years_is_audited_with_old_and_new(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    gnosjo = party(session, "0617")
    set_membership(session, actor, agreement, gnosjo, "2018", "2024")
    set_membership(session, actor, agreement, gnosjo, "2018", "2024")  # unchanged: no event
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "party.membership")).all()
    assert [(e.entity, e.entity_id, e.field, e.old_value, e.new_value, e.user_id) for e in events] == [
        ("party", gnosjo.id, "last_year", None, "2024", actor.user.id if actor.user else None)]


def test_a_party_that_has_left_is_not_waited_for_in_the_open_round(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    """Gnosjö's report of 2025 is untouched: it goes when Gnosjö leaves after 2024, and the follow-up of 2025 and
    the leaders' overview no longer count Gnosjö as not reported. Habo has started its report: that one stays."""
    open_round = round_of(session, 2025)
    habo = party(session, "0643")
    habo_report = session.scalars(select(Submission).where(Submission.round_id == open_round.id,
                                                           Submission.party_id == habo.id)).one()
    set_submission_state(session, actor, habo_report, SubmissionState.DRAFT)
    set_membership(session, actor, agreement, party(session, "0617"), "2018", "2024")
    set_membership(session, actor, agreement, habo, "2018", "2024")
    assert codes_reporting(session, open_round) == {p.code for p in agreement.parties} - {"0617"}
    removed = session.scalars(select(AuditEvent).where(AuditEvent.action == "round.remove_party")).all()
    assert [(e.entity_id, e.old_value) for e in removed] == [(open_round.id, "Gnosjö kommun")]
    followup = build_followup(load_followup_inputs(session, 2025), 2025, include_drafts=True)
    names = [p.party.name for p in followup.completeness.parties]
    assert "Gnosjö kommun" not in names and "Habo kommun" in names and followup.completeness.expected == 13
    overview = load_overview(session, agreement.id, 2025, "sv", date(2026, 12, 1))
    assert overview is not None and overview.counts.parties == 13
    earlier = build_followup(load_followup_inputs(session, 2024), 2024)
    assert "Gnosjö kommun" in [p.party.name for p in earlier.completeness.parties]  # a member in 2024


def test_a_party_that_left_before_a_round_is_not_counted_as_not_reported(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    set_membership(session, actor, agreement, party(session, "0617"), "2018", "2025")
    round_2026 = start_round(session, actor, agreement, 2026, date(2027, 1, 15), date(2027, 3, 31))
    round_2026.state = RoundState.OPEN
    close_round(session, actor, round_2026)
    followup = build_followup(load_followup_inputs(session, 2026), 2026)
    assert followup.completeness.expected == 13 and followup.completeness.not_started == 13
    assert "Gnosjö kommun" not in [p.party.name for p in followup.completeness.parties]


def test_earlier_years_are_imported_only_for_the_years_a_party_was_a_member(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    set_membership(session, actor, agreement, party(session, "0617"), "2020", "")
    catalogue = HistoryCatalogue.of(session, agreement)
    with pytest.raises(HistoryProblem) as refused:
        catalogue.check(2, "0617", 2019, "IV.biogas_share", "80", None)
    assert refused.value.message.params == {"party": "Gnosjö kommun", "year": 2019}


@pytest.mark.parametrize("code", ["２０３１", "06\u200b80", "06 80", ""])
def test_a_party_code_is_ascii_letters_and_digits(session: Session, actor: Actor, code: str) -> None:
    """A kommunkod like 0680: full-width digits or invisible characters would make a code look like another."""
    with pytest.raises(OperationError) as refused:
        create_party(session, actor, code=code, name="Provkommun", kind=PartyKind.MUNICIPALITY)
    assert refused.value.code == "invalid_code"
