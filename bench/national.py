"""A national-scale follow-up in memory: 290 municipalities and 21 regions reporting for 20 years.

Same catalogue as the biogas agreement (loaded from seed/data into a throwaway in-memory SQLite database);
the parties, rounds and reports are generated straight into `FollowUpInputs`, the way the query returns them,
so building the report data and the files needs no database. Deterministic: the same numbers on every run.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from seed.loader import DATA_DIR, load_agreement_file
from tracker.domain import (
    Agreement,
    Base,
    Indicator,
    IndicatorKind,
    IndicatorScope,
    PartyKind,
    RoundState,
    SubmissionState,
)
from tracker.domain.applicability import applies
from tracker.domain.values import Value
from tracker.queries.followup import (
    FollowUpInputs,
    PartyRow,
    RoundRow,
    StatusRow,
    SubmissionRow,
    agreement_with_catalogue,
)

REGION_CODES = ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20",
                "21", "22", "23", "24", "25")
BIOGAS_FILE = DATA_DIR / "biogas_jonkoping.toml"
MUNICIPALITIES, YEARS = 290, 20
FIRST_YEAR = 2005
COMMENTS = ("Arbetet fortsätter enligt plan.", "Beslut väntas under nästa år.",
            "Upphandlingen är klar och avtal tecknat med leverantören.", "-", "Se bifogad rapport.")


def catalogue() -> Agreement:
    """The biogas agreement with its catalogue loaded, detached from the throwaway database it was read from."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        load_agreement_file(session, BIOGAS_FILE)
        session.flush()
        agreement_id = session.query(Agreement.id).filter_by(slug="biogas-jonkoping").scalar()
        agreement = agreement_with_catalogue(session, agreement_id)
        session.expunge_all()
    engine.dispose()
    return agreement


def parties() -> tuple[PartyRow, ...]:
    rows = [PartyRow(index + 1, code, f"Region {code}", PartyKind.REGION) for index, code in enumerate(REGION_CODES)]
    for number in range(MUNICIPALITIES):
        region = REGION_CODES[number % len(REGION_CODES)]
        code = f"{region}{number // len(REGION_CODES) + 1:02d}"
        rows.append(PartyRow(len(rows) + 1, code, f"Kommun {code}", PartyKind.MUNICIPALITY))
    return tuple(sorted(rows, key=lambda p: p.code))


def national_inputs(years: int = YEARS) -> FollowUpInputs:
    agreement = catalogue()
    rng = random.Random(2027)  # benchmark data, not security
    party_rows = parties()
    party_questions = [i for i in agreement.indicators if i.scope is IndicatorScope.PARTY and not i.kind.is_derived]
    round_questions = [i for i in agreement.indicators if i.scope is IndicatorScope.ROUND]
    levels = [level.id for level in agreement.status_levels]
    rounds: list[RoundRow] = []
    submissions: list[SubmissionRow] = []
    for offset in range(years):
        year = FIRST_YEAR + offset
        last = offset == years - 1
        values = {i.id: Value(number=Decimal(rng.randint(50, 5000))) for i in round_questions}
        rounds.append(RoundRow(offset + 1, year, RoundState.OPEN if last else RoundState.CLOSED,
                               date(year + 1, 1, 15), date(year + 1, 3, 31), False, values=values))
        for party in party_rows:
            state = _state(rng, last)
            answers = {} if state is SubmissionState.NOT_STARTED else _answers(
                rng, agreement, party_questions, party, year)
            statuses = {
                c.id: StatusRow(c.id, rng.choice(levels), rng.choice(COMMENTS) if rng.random() < 0.4 else None)
                for c in agreement.commitments if c.applies_to(party.kind) and answers
            }
            handed_in = datetime(year + 1, 2, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 70))
            submitted = handed_in if state is not SubmissionState.NOT_STARTED else None
            submissions.append(SubmissionRow(
                len(submissions) + 1, offset + 1, party.id, state, submitted, None, False, answers, statuses,
                submitted))
    return FollowUpInputs(agreement, party_rows, tuple(rounds), tuple(submissions), datetime(2026, 6, 1, tzinfo=UTC))


def _state(rng: random.Random, last: bool) -> SubmissionState:
    if not last:
        return SubmissionState.APPROVED
    return rng.choices(list(SubmissionState), weights=(5, 10, 25, 5, 55))[0]


def _answers(
    rng: random.Random, agreement: Agreement, questions: list[Indicator], party: PartyRow, year: int
) -> dict[int, Value]:
    """An answer to every question the party is asked, in the form's order (conditions before what they open)."""
    answers: dict[int, Value] = {}
    for indicator in questions:
        if not applies(indicator, agreement_id=agreement.id, year=year, party_kind=party.kind, values=answers):
            continue
        if (value := _value(rng, indicator, year)) is not None:
            answers[indicator.id] = value
    return answers


def _value(rng: random.Random, indicator: Indicator, year: int) -> Value | None:
    kind = indicator.kind
    if kind is IndicatorKind.COUNT:
        return Value(number=Decimal(rng.randint(0, 400)))
    if kind is IndicatorKind.QUANTITY:
        return Value(number=Decimal(rng.randint(0, 40000)) / 10)
    if kind is IndicatorKind.PERCENT:
        return Value(number=Decimal(rng.randint(0, 1000)) / 10)
    if kind is IndicatorKind.YEAR:
        return Value(number=Decimal(rng.randint(1995, year))) if rng.random() < 0.7 else None
    if kind is IndicatorKind.YES_NO:
        return Value(flag=rng.random() < 0.6)
    if kind is IndicatorKind.CHOICE:
        return Value(text=rng.choice(indicator.options).key)
    if kind is IndicatorKind.TEXT:
        return Value(text=rng.choice(COMMENTS))
    return None
