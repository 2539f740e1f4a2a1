"""Which commitments and questions a party is asked, and what a complete report still needs: one rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain import (
    Agreement,
    Answer,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorKind,
    IndicatorScope,
    Party,
    PartyKind,
    ReportingRound,
    StatusLevel,
    Submission,
)
from tracker.domain.applicability import (
    applicable_commitments,
    applicable_questions,
    indicator_applies,
    missing_items,
    value_key,
)
from tracker.domain.values import Value

AGREEMENT = Agreement(id=1, slug="t", name_sv="T", name_en="T", county="T", version="1", in_force_from_year=2018)
BOTH = Commitment(id=1, agreement=AGREEMENT, number="II", position=1, title_sv="Två", title_en="Two", text_sv="",
                  text_en="", party_kinds=["municipality", "region"])
MUNICIPAL = Commitment(id=2, agreement=AGREEMENT, number="VI", position=2, title_sv="Sex", title_en="Six",
                       text_sv="", text_en="", party_kinds=["municipality"])
DONE = StatusLevel(id=1, agreement=AGREEMENT, key="done", position=1, label_sv="Genomfört", label_en="Done")


def indicator(id_: int, key: str, kind: IndicatorKind, commitment: Commitment, **extra: object) -> Indicator:
    values: dict[str, object] = {"scope": IndicatorScope.PARTY, "is_required": True, **extra}
    return Indicator(id=id_, agreement_id=1, commitment=commitment, key=key, kind=kind, position=id_,
                     label_sv=key, label_en=key, **values)


STATIONS = indicator(1, "II.stations", IndicatorKind.COUNT, BOTH, party_kinds=["municipality"])
DEPOTS = indicator(2, "II.depots", IndicatorKind.YES_NO, BOTH, party_kinds=["region"])
FIRST_YEAR = indicator(3, "II.first_year", IndicatorKind.YEAR, BOTH, is_required=False)
RETIRED = indicator(4, "II.retired", IndicatorKind.COUNT, BOTH, valid_to_year=2023)
OWN = indicator(5, "VI.own", IndicatorKind.YES_NO, MUNICIPAL)
USE = indicator(6, "VI.use", IndicatorKind.CHOICE, MUNICIPAL, condition_indicator_id=5, condition_values=["yes"])


def report(kind: PartyKind, year: int = 2025, answers: dict[Indicator, Value] | None = None) -> Submission:
    party = Party(id=1, code="X", name="X", kind=kind)
    submission = Submission(party_id=1, party=party, round=ReportingRound(agreement_id=1, agreement=AGREEMENT,
                                                                          year=year))
    for question, value in (answers or {}).items():
        submission.answers.append(Answer(indicator_id=question.id, indicator=question, **value.columns()))
    return submission


def test_a_municipality_and_the_region_are_asked_their_own_questions() -> None:
    municipality, region = report(PartyKind.MUNICIPALITY), report(PartyKind.REGION)
    assert applicable_commitments(municipality) == [BOTH, MUNICIPAL]
    assert applicable_commitments(region) == [BOTH]
    assert applicable_questions(municipality, BOTH) == [STATIONS, FIRST_YEAR]
    assert applicable_questions(region, BOTH) == [DEPOTS, FIRST_YEAR]
    assert not indicator_applies(OWN, region)  # a municipal commitment


def test_a_retired_question_is_asked_only_in_its_years() -> None:
    assert indicator_applies(RETIRED, report(PartyKind.MUNICIPALITY, 2023))
    assert not indicator_applies(RETIRED, report(PartyKind.MUNICIPALITY, 2024))


@pytest.mark.parametrize(("own", "asked"), [(None, False), (Value(flag=False), False), (Value(flag=True), True)])
def test_the_use_of_own_biogas_is_asked_only_after_yes(own: Value | None, asked: bool) -> None:
    submission = report(PartyKind.MUNICIPALITY, answers={OWN: own} if own else {})
    assert indicator_applies(USE, submission) is asked
    assert (USE in applicable_questions(submission, MUNICIPAL)) is asked
    assert indicator_applies(USE, report(PartyKind.MUNICIPALITY), {5: Value(flag=True)})  # values as typed


def test_a_complete_report_needs_every_required_applicable_answer_and_every_status() -> None:
    submission = report(PartyKind.MUNICIPALITY, answers={STATIONS: Value(number=Decimal(2)), OWN: Value(flag=True)})
    missing = [(m.commitment.number, m.indicator.key if m.indicator else None)
               for m in missing_items(submission, earlier=())]
    assert missing == [("II", None), ("VI", "VI.use"), ("VI", None)]  # the first year is optional
    for commitment in (BOTH, MUNICIPAL):
        submission.statuses.append(CommitmentStatus(commitment_id=commitment.id, status_level_id=DONE.id))
    submission.answers.append(Answer(indicator_id=USE.id, indicator=USE, value_text="upgraded"))
    assert missing_items(submission, earlier=()) == []


@pytest.mark.parametrize(("value", "key"), [(Value(number=Decimal("12.50")), "12.5"), (Value(number=Decimal(100)),
                         "100"), (Value(flag=False), "no"), (Value(text="upgraded"), "upgraded"), (None, None)])
def test_value_keys_are_what_the_audit_trail_and_the_conditions_compare(value: Value | None, key: str | None) -> None:
    assert value_key(value) == key
