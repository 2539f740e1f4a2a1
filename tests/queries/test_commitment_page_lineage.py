"""In a revised agreement's first year the form shows last year's answer and status of the question and the
commitment it continues (tracker.queries.commitment_page), so the contact has last year's figures at hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from seed.loader import DATA_DIR, load_agreement_file
from tracker.domain import Agreement, Commitment, Indicator, Party, StatusLevel, Submission, SubmissionState
from tracker.operations.answers import set_answer, set_commitment_status
from tracker.operations.audit import Actor
from tracker.operations.rounds import open_round, start_round
from tracker.queries.commitment_page import commitment_page
from tracker.queries.reporting import previous_report

ACTOR = Actor.system("test")
REVISION = Path(__file__).resolve().parents[1] / "seed" / "data" / "biogas_revision_2027.toml"


def continuing_revision(tmp_path: Path) -> Path:
    """The test revision, its commitment IX continuing VIII with a question that continues VIII's food waste."""
    text = REVISION.read_text(encoding="utf-8")
    text = text.replace('number = "IX"\nvalid_from_year = 2027\n', 'number = "IX"\nvalid_from_year = 2027\n'
                        'continues = "VIII"\n', 1)
    text = text.replace('[[commitments.indicators]]\nkey = "IX.local_plant"', (
        '[[commitments.indicators]]\nkey = "IX.food_waste_tonnes"\ncontinues = "VIII.food_waste_tonnes"\n'
        'kind = "quantity"\nunit = "ton"\nlabel_sv = "Insamlat matavfall (ton)"\nlabel_en = "Food waste (tonnes)"\n'
        '\n[[commitments.indicators]]\nkey = "IX.local_plant"'), 1)
    path = tmp_path / "continuing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_last_year_s_answer_and_status_come_from_what_the_revision_continues(session: Session,
                                                                            tmp_path: Path) -> None:
    load_agreement_file(session, DATA_DIR / "biogas_jonkoping.toml")
    load_agreement_file(session, continuing_revision(tmp_path))
    agreement = session.scalars(select(Agreement)).one()
    jonkoping = session.scalars(select(Party).where(Party.code == "0680")).one()
    indicators = {i.key: i for i in session.scalars(select(Indicator))}
    commitments = {c.number: c for c in session.scalars(select(Commitment))}
    done = session.scalars(select(StatusLevel).where(StatusLevel.key == "done")).one()
    last_year = start_round(session, ACTOR, agreement, 2026, date(2027, 1, 10), date(2027, 3, 31))
    open_round(session, ACTOR, last_year, today=date(2027, 1, 10))
    report = session.scalars(select(Submission).where(Submission.round_id == last_year.id,
                                                      Submission.party_id == jonkoping.id)).one()
    set_answer(session, ACTOR, report, indicators["VIII.food_waste_tonnes"], "1250")
    set_commitment_status(session, ACTOR, report, commitments["VIII"], done, "Insamlingen är igång")
    report.state = SubmissionState.APPROVED  # handed in (its other answers do not matter here)
    this_year = start_round(session, ACTOR, agreement, 2027, date(2028, 1, 10), date(2028, 3, 31))
    current = session.scalars(select(Submission).where(Submission.round_id == this_year.id,
                                                       Submission.party_id == jonkoping.id)).one()
    session.flush()

    page = commitment_page(current, commitments["IX"], previous_report(session, current), "sv")

    food = next(q for q in page.questions if q.key == "IX.food_waste_tonnes")
    assert food.last_year_text == "1\xa0250\xa0ton"  # Swedish digit groups, a no-break space before the unit
    assert (page.last_year, page.last_year_status_label, page.last_year_comment) == (
        2026, "Genomfört", "Insamlingen är igång")
    plant = next(q for q in page.questions if q.key == "IX.local_plant")
    assert plant.last_year_text == ""  # a new question: nothing last year
