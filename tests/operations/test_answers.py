"""Writing a report: answers are parsed, audited and applicable; states follow the table; no silent overwrites."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tracker.domain import (
    Agreement,
    Answer,
    AuditEvent,
    Commitment,
    CommitmentStatus,
    DataChange,
    Indicator,
    IndicatorKind,
    IndicatorOption,
    IndicatorScope,
    Party,
    PartyKind,
    ReportingRound,
    RoundState,
    StatusLevel,
    Submission,
    SubmissionState,
)
from tracker.domain.messages import Message
from tracker.domain.values import InvalidValue
from tracker.operations.answers import (
    OperationError,
    set_answer,
    set_answers,
    set_commitment_status,
    set_commitment_statuses,
)
from tracker.operations.audit import Actor
from tracker.operations.rounds import create_round, ensure_submission, set_round_value
from tracker.operations.submitting import TRANSITIONS, set_submission_state

ACTOR = Actor.system("test")
S = SubmissionState


def state_of(submission: Submission) -> SubmissionState:
    """The state now: read through a call, as mypy keeps an earlier assertion's narrowing of `.state` past the
    operation that changes it."""
    return submission.state


@dataclass
class World:
    agreement: Agreement
    party: Party
    round: ReportingRound
    submission: Submission
    commitment: Commitment
    region_commitment: Commitment
    levels: dict[str, StatusLevel]
    ind: dict[str, Indicator]


def build_world(session: Session, suffix: str = "") -> World:
    """A small agreement: one municipality, an open round 2023, and one question of each sort that matters."""
    agreement = Agreement(slug=f"test{suffix}", name_sv="Test", name_en="Test", county="Testlän", version="1",
                          in_force_from_year=2020)
    commitment = Commitment(agreement=agreement, number="I", position=1, title_sv="Ett", title_en="One",
                            text_sv="Text", text_en="Text", party_kinds=["municipality", "region"])
    region_commitment = Commitment(agreement=agreement, number="II", position=2, title_sv="Två", title_en="Two",
                                   text_sv="Text", text_en="Text", party_kinds=["region"])
    levels = {key: StatusLevel(agreement=agreement, key=key, position=i, label_sv=key, label_en=key)
              for i, key in enumerate(["started", "done"])}

    def indicator(key: str, kind: IndicatorKind, position: int, **extra: object) -> Indicator:
        return Indicator(agreement=agreement, commitment=None if extra.get("scope") else commitment, key=key,
                         kind=kind, position=position, label_sv=key, label_en=key, **extra)

    has = indicator("I.has", IndicatorKind.YES_NO, 5)
    ind = {
        "count": indicator("I.count", IndicatorKind.COUNT, 1, unit="st"),
        "gwh": indicator("I.gwh", IndicatorKind.QUANTITY, 2, unit="GWh"),
        "total": indicator("I.total", IndicatorKind.SUM, 3, unit="GWh", operand_keys=["I.count", "I.gwh"]),
        "region_only": indicator("I.region_only", IndicatorKind.COUNT, 4, party_kinds=["region"]),
        "has": has,
        "use": indicator("I.use", IndicatorKind.CHOICE, 6, condition_indicator=has, condition_values=["yes"],
                         options=[IndicatorOption(key="upgraded", position=1, label_sv="Uppgraderas",
                                                  label_en="Upgraded"),
                                  IndicatorOption(key="flared", position=2, label_sv="Facklas", label_en="Flared")]),
        "county": indicator("county.gwh", IndicatorKind.QUANTITY, 7, unit="GWh", scope=IndicatorScope.ROUND),
    }
    party = Party(code=f"T{suffix}"[:16], name="Testby kommun", kind=PartyKind.MUNICIPALITY)
    agreement.parties.append(party)
    round_ = ReportingRound(agreement=agreement, year=2023, state=RoundState.OPEN)
    submission = Submission(round=round_, party=party)
    session.add_all([agreement, party, round_, submission])
    session.flush()
    return World(agreement, party, round_, submission, commitment, region_commitment, levels, ind)


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def events(session: Session, action: str = "answer.update", field: str | None = None) -> list[tuple[object, ...]]:
    query = select(AuditEvent.field, AuditEvent.old_value, AuditEvent.new_value, AuditEvent.actor,
                   AuditEvent.submission_id).where(AuditEvent.action == action).order_by(AuditEvent.id)
    if field is not None:
        query = query.where(AuditEvent.field == field)
    return [tuple(row) for row in session.execute(query)]


def test_an_answer_is_stored_parsed_and_the_report_becomes_a_draft(session: Session, world: World) -> None:
    version = world.submission.version
    answer = set_answer(session, ACTOR, world.submission, world.ind["gwh"], "12,5 GWh")
    assert answer is not None
    assert answer.value_number == Decimal("12.5")
    session.expire_all()
    stored = session.scalars(select(Answer)).one()
    assert stored.value_number == Decimal("12.5")
    assert world.submission.state is S.DRAFT
    assert world.submission.version == version + 1
    assert events(session, "submission.state") == [("state", "not_started", "draft", "test", world.submission.id)]


def test_a_choice_is_stored_by_its_key(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["has"], "Ja")
    answer = set_answer(session, ACTOR, world.submission, world.ind["use"], "facklas")
    assert answer is not None and answer.value_text == "flared"


def test_invalid_input_is_refused_and_changes_nothing(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["count"], "3")
    before = (events(session), world.submission.version)
    for raw in ("tre", "3,5", "-1"):
        with pytest.raises(InvalidValue) as refused:
            set_answer(session, ACTOR, world.submission, world.ind["count"], raw)
        assert isinstance(refused.value.message, Message)
    session.flush()
    assert session.scalars(select(Answer.value_number)).all() == [Decimal(3)]
    assert (events(session), world.submission.version) == before


def complete_the_rest(session: Session, world: World) -> None:
    """Answer what a complete report needs besides I.count: the other questions and the status."""
    set_answer(session, ACTOR, world.submission, world.ind["gwh"], "1")
    set_answer(session, ACTOR, world.submission, world.ind["has"], "nej")
    set_commitment_status(session, ACTOR, world.submission, world.commitment, world.levels["started"], "")


def test_an_incomplete_report_cannot_be_submitted(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["count"], "1")
    with pytest.raises(OperationError) as refused:
        set_submission_state(session, ACTOR, world.submission, S.SUBMITTED)
    assert refused.value.code == "incomplete"
    assert refused.value.message.params == {"count": 3}  # I.gwh, I.has and the status
    assert world.submission.state is S.DRAFT
    complete_the_rest(session, world)
    set_submission_state(session, ACTOR, world.submission, S.SUBMITTED)
    assert state_of(world.submission) is S.SUBMITTED


def test_every_change_is_audited_old_to_new(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["count"], "3")
    set_answer(session, ACTOR, world.submission, world.ind["count"], "4")
    set_answer(session, ACTOR, world.submission, world.ind["count"], "")
    sid = world.submission.id
    assert events(session) == [("I.count", None, "3", "test", sid), ("I.count", "3", "4", "test", sid),
                               ("I.count", "4", None, "test", sid)]
    assert session.scalars(select(Answer)).all() == []  # blank removes the answer


def test_every_event_carries_the_version_its_change_produced(session: Session, world: World) -> None:
    sub, produced = world.submission, []
    for raw in ("1", "", "2"):
        set_answer(session, ACTOR, sub, world.ind["count"], raw)
        produced.append(sub.version)
    complete_the_rest(session, world)
    set_submission_state(session, ACTOR, sub, S.SUBMITTED)
    produced.append(sub.version)
    found = session.execute(select(AuditEvent.action, AuditEvent.submission_version).order_by(AuditEvent.id)).all()
    assert [tuple(row) for row in found[:4]] == [
        ("submission.state", produced[0]), ("answer.update", produced[0]), ("answer.update", produced[1]),
        ("answer.update", produced[2]),
    ]
    assert tuple(found[-1]) == ("submission.state", produced[3])
    assert produced == sorted(set(produced))


def test_the_same_value_again_is_no_change(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["gwh"], "36,5")
    before = (events(session), world.submission.version)
    for same in ("36.5", " 36,50 ", "36,5 GWh"):
        set_answer(session, ACTOR, world.submission, world.ind["gwh"], same)
    session.flush()
    assert (events(session), world.submission.version) == before


@pytest.mark.parametrize("raw", ["5", ""])
def test_a_derived_value_cannot_be_entered(session: Session, world: World, raw: str) -> None:
    with pytest.raises(OperationError) as refused:
        set_answer(session, ACTOR, world.submission, world.ind["total"], raw)
    assert refused.value.code == "derived"
    assert world.submission.state is S.NOT_STARTED


@pytest.mark.parametrize("key", ["region_only", "county", "use"])
def test_a_question_that_does_not_apply_is_refused(session: Session, world: World, key: str) -> None:
    # region_only: another party kind; county: a figure of the round; use: only after "Ja" to I.has
    with pytest.raises(OperationError) as refused:
        set_answer(session, ACTOR, world.submission, world.ind[key], "1" if key != "use" else "flared")
    assert refused.value.code == "not_applicable"


def test_answers_that_no_longer_apply_are_removed_with_their_condition(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["has"], "ja")
    set_answer(session, ACTOR, world.submission, world.ind["use"], "upgraded")
    set_answer(session, ACTOR, world.submission, world.ind["has"], "nej")
    session.flush()
    assert session.scalars(select(Answer.indicator_id)).all() == [world.ind["has"].id]
    assert events(session, field="I.use")[-1][:3] == ("I.use", "upgraded", None)


def test_a_submitted_report_and_a_closed_round_are_locked(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["count"], "1")
    complete_the_rest(session, world)
    set_submission_state(session, ACTOR, world.submission, S.SUBMITTED)
    with pytest.raises(OperationError) as refused:
        set_answer(session, ACTOR, world.submission, world.ind["count"], "2")
    assert refused.value.code == "not_editable"
    set_submission_state(session, ACTOR, world.submission, S.RETURNED, comment="Kontrollera antalet.")
    set_answer(session, ACTOR, world.submission, world.ind["count"], "2")  # editable again once sent back
    world.round.state = RoundState.CLOSED
    with pytest.raises(OperationError) as closed:
        set_answer(session, ACTOR, world.submission, world.ind["count"], "3")
    assert closed.value.code == "round_not_open"


def test_commitment_status_and_comment_are_stored_and_audited(session: Session, world: World) -> None:
    row = set_commitment_status(session, ACTOR, world.submission, world.commitment, world.levels["started"], " Pågår ")
    assert row is not None and row.status_level is world.levels["started"] and row.comment == "Pågår"
    set_commitment_status(session, ACTOR, world.submission, world.commitment, world.levels["started"], "Pågår")
    set_commitment_status(session, ACTOR, world.submission, world.commitment, world.levels["done"], "Klart")
    assert [e[:3] for e in events(session, "status.update")] == [
        ("I.status", None, "started"), ("I.comment", None, "Pågår"),
        ("I.status", "started", "done"), ("I.comment", "Pågår", "Klart"),
    ]
    assert session.scalars(select(CommitmentStatus)).one().comment == "Klart"
    with pytest.raises(OperationError):
        set_commitment_status(session, ACTOR, world.submission, world.region_commitment, world.levels["done"], "")


def test_a_form_of_answers_is_one_change_of_the_report(session: Session, world: World) -> None:
    version = world.submission.version
    refused = set_answers(session, ACTOR, world.submission, [
        (world.ind["count"], "3"), (world.ind["gwh"], "tolv"), (world.ind["has"], "ja"), (world.ind["use"], "facklas"),
        (world.ind["total"], "5")])
    assert set(refused) == {world.ind["gwh"].id, world.ind["total"].id}  # not a number; computed
    assert isinstance(refused[world.ind["gwh"].id], InvalidValue)
    assert isinstance(refused[world.ind["total"].id], OperationError)
    session.expire_all()
    stored = {a.indicator.key: (a.value_number, a.value_text, a.value_bool) for a in session.scalars(select(Answer))}
    assert stored == {"I.count": (Decimal(3), None, None), "I.has": (None, None, True),
                      "I.use": (None, "flared", None)}  # I.use applies once I.has, before it, is "ja"
    assert world.submission.version == version + 1  # one save, one version: what a conflict page compares
    found = session.execute(select(AuditEvent.field, AuditEvent.new_value, AuditEvent.submission_version)
                            .order_by(AuditEvent.id)).all()
    assert [tuple(row) for row in found] == [("state", "draft", version + 1), ("I.count", "3", version + 1),
                                             ("I.has", "yes", version + 1), ("I.use", "flared", version + 1)]


def test_a_question_not_asked_is_refused_or_left_out(session: Session, world: World) -> None:
    entries = [(world.ind["has"], "nej"), (world.ind["use"], "facklas")]
    assert set(set_answers(session, ACTOR, world.submission, entries)) == {world.ind["use"].id}
    assert set_answers(session, ACTOR, world.submission, entries, skip_unasked=True) == {}
    assert session.scalars(select(Answer.indicator_id)).all() == [world.ind["has"].id]


def test_statuses_of_several_commitments_are_refused_whole(session: Session, world: World) -> None:
    version = world.submission.version
    with pytest.raises(OperationError) as refused:
        set_commitment_statuses(session, ACTOR, world.submission, [
            (world.commitment, world.levels["done"], "Klart"), (world.region_commitment, world.levels["done"], "")])
    assert refused.value.code == "not_applicable"  # commitment II is the region's
    assert session.scalars(select(CommitmentStatus)).all() == []
    assert (world.submission.version, world.submission.state) == (version, S.NOT_STARTED)
    set_commitment_statuses(session, ACTOR, world.submission, [(world.commitment, world.levels["done"], "Klart")])
    assert [e[:3] for e in events(session, "status.update")] == [("I.status", None, "done"),
                                                                  ("I.comment", None, "Klart")]
    assert world.submission.version == version + 1


def test_the_review_cycle_sets_its_dates(session: Session, world: World) -> None:
    sub = world.submission
    set_answer(session, ACTOR, sub, world.ind["count"], "1")
    complete_the_rest(session, world)
    set_submission_state(session, ACTOR, sub, S.SUBMITTED)
    assert sub.submitted_dt is not None and sub.approved_dt is None
    set_submission_state(session, ACTOR, sub, S.RETURNED, comment="Komplettera åtagande I.")
    set_submission_state(session, ACTOR, sub, S.SUBMITTED)
    set_submission_state(session, ACTOR, sub, S.APPROVED)
    assert sub.state is S.APPROVED and sub.approved_dt is not None
    assert [e[1:3] for e in events(session, "submission.state")] == [
        ("not_started", "draft"), ("draft", "submitted"), ("submitted", "returned"),
        ("returned", "submitted"), ("submitted", "approved"),
    ]
    assert [e[2] for e in events(session, "submission.comment")] == ["Komplettera åtagande I."]


@pytest.mark.parametrize(("start", "target"), [(S.NOT_STARTED, S.APPROVED), (S.NOT_STARTED, S.SUBMITTED),
                                              (S.APPROVED, S.DRAFT), (S.DRAFT, S.APPROVED)])
def test_an_illegal_transition_is_refused_with_a_message(
    session: Session, world: World, start: SubmissionState, target: SubmissionState
) -> None:
    world.submission.state = start
    session.flush()
    with pytest.raises(OperationError) as refused:
        set_submission_state(session, ACTOR, world.submission, target)
    assert refused.value.code == "illegal_transition"
    assert refused.value.message.render(lambda s: s)
    assert world.submission.state is start


def test_every_state_has_its_transitions() -> None:
    assert set(TRANSITIONS) == set(SubmissionState)
    assert all(state not in targets for state, targets in TRANSITIONS.items())


def test_round_figures_and_rounds(session: Session, world: World) -> None:
    value = set_round_value(session, ACTOR, world.round, world.ind["county"], "88")
    assert value is not None and value.value_number == Decimal(88)
    set_round_value(session, ACTOR, world.round, world.ind["county"], "88,0")
    assert [e[1:3] for e in events(session, "round_value.update")] == [(None, "88")]
    with pytest.raises(OperationError):
        set_round_value(session, ACTOR, world.round, world.ind["count"], "1")
    with pytest.raises(OperationError) as duplicate:
        create_round(session, ACTOR, world.agreement, 2023, None, None)
    assert duplicate.value.code == "round_exists"
    later = create_round(session, ACTOR, world.agreement, 2024, None, None)
    first = ensure_submission(session, later, world.party)
    assert ensure_submission(session, later, world.party) is first
    assert first.state is S.NOT_STARTED


def test_two_editors_of_one_report_never_overwrite_each_other(engine: Engine) -> None:
    """Both load the report; the first saves; the second's save fails instead of silently overwriting."""
    suffix = uuid.uuid4().hex[:8]
    with Session(engine, expire_on_commit=False) as setup:
        world = build_world(setup, suffix)
        setup.commit()
        ids = world.agreement.id, world.round.id, world.submission.id, world.party.id, world.ind["count"].id
    agreement_id, round_id, submission_id, party_id, indicator_id = ids
    try:
        first, second = Session(engine, expire_on_commit=False), Session(engine, expire_on_commit=False)
        with first, second:
            mine, theirs = first.get_one(Submission, submission_id), second.get_one(Submission, submission_id)
            for session, submission in ((first, mine), (second, theirs)):
                _ = submission.round.agreement_id, submission.party.kind, list(submission.answers)
                session.commit()  # the page was rendered; each request ended its transaction

            set_answer(first, ACTOR, mine, first.get_one(Indicator, indicator_id), "3")
            first.commit()
            with pytest.raises(StaleDataError):
                set_answer(second, ACTOR, theirs, second.get_one(Indicator, indicator_id), "4")
            second.rollback()
        with Session(engine) as check:
            assert check.scalars(select(Answer.value_number).where(Answer.submission_id == submission_id)).all() == [
                Decimal(3)]
    finally:
        with engine.begin() as conn:
            conn.execute(delete(AuditEvent).where(AuditEvent.submission_id == submission_id))
            conn.execute(delete(Submission).where(Submission.id == submission_id))  # answers cascade
            conn.execute(delete(ReportingRound).where(ReportingRound.id == round_id))
            conn.execute(delete(Agreement).where(Agreement.id == agreement_id))  # its rows cascade
            conn.execute(delete(Party).where(Party.id == party_id))
            conn.execute(delete(DataChange))  # the counters its commits raised: the next test's database is empty
