"""The project leaders' texts for the forum on the demo data: stored as given (cleaned), every change in the audit
trail with who and what before and after, nothing recorded when nothing changed, editable in a closed round, and
the follow-up's data version (what the caches are keyed by) moving with them."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, ReportingRound, Role, RoundState, User
from tracker.domain.presentation import Presentation, Presenter, Reflection, Verdict, presentation_of
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.presentation import set_round_presentation
from tracker.queries.followup import data_version


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def actor(session: Session) -> Actor:
    leader = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER)).first()
    assert leader is not None
    return Actor(user=leader)


def round_of(session: Session, year: int) -> ReportingRound:
    return session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one()


def events(session: Session, round_id: int) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.entity == "reporting_round", AuditEvent.entity_id == round_id,
        AuditEvent.action == "round.presentation").order_by(AuditEvent.id)))


def test_the_texts_are_stored_cleaned_and_each_change_is_audited(session: Session, actor: Actor) -> None:
    reporting_round = round_of(session, 2022)
    assert reporting_round.state is RoundState.CLOSED  # closed: the leaders' texts stay editable
    before = data_version(session)
    changed = set_round_presentation(session, actor, reporting_round, Presentation(
        presenters=(Presenter("  Anna\nAndersson ", "projektledare", None, "Energikontoret"), Presenter("   ")),
        conclusions_sv="- Produktionsmålet är nått\r\n\r\n• Fler stationer ",
        verdict=Verdict.PARTLY, verdict_reason_sv="Bussarna går mot el.",
        reflections=(Reflection("Marknad i förändring", role_sv="Energibolag", organisation="Gasbolaget",
                                proposal_sv="Revidera till 2027"), Reflection("")),
    ))
    assert changed
    stored = presentation_of(reporting_round)
    assert stored.presenters == (Presenter("Anna Andersson", "projektledare", None, "Energikontoret"),)
    assert stored.conclusions_sv == "- Produktionsmålet är nått\n• Fler stationer"
    assert stored.verdict is Verdict.PARTLY
    assert [r.headline_sv for r in stored.reflections] == ["Marknad i förändring"]
    found = {(e.field, e.old_value, e.new_value) for e in events(session, reporting_round.id)}
    assert found == {
        ("presenters", None, "Anna Andersson, projektledare, Energikontoret"),
        ("conclusions_sv", None, "- Produktionsmålet är nått\n• Fler stationer"),
        ("verdict", None, "partly"),
        ("verdict_reason_sv", None, "Bussarna går mot el."),
        ("reflections", None,
         "”Marknad i förändring” – Energibolag, Gasbolaget (får inte namnges) – Revidera till 2027"),
    }
    assert all(e.user_id == actor.user.id for e in events(session, reporting_round.id) if actor.user)
    assert data_version(session) != before


@pytest.mark.parametrize(("text", "code"), [("Fler stationer\x00", "invalid_characters"),
                                            ("Fler\x1b[31m stationer", "invalid_characters"),
                                            ("Fler \u202estationer", "invisible_characters")])
def test_a_text_that_cannot_be_stored_is_refused_and_nothing_changes(session: Session, actor: Actor, text: str,
                                                                      code: str) -> None:
    reporting_round = round_of(session, 2022)
    before = presentation_of(reporting_round)
    for presentation in (Presentation(conclusions_sv=text), Presentation(presenters=(Presenter(text),))):
        with pytest.raises(OperationError) as refused:
            set_round_presentation(session, actor, reporting_round, presentation)
        assert refused.value.code == code
    assert presentation_of(reporting_round) == before and events(session, reporting_round.id) == []


def test_saving_the_same_texts_again_records_nothing(session: Session, actor: Actor) -> None:
    reporting_round = round_of(session, 2023)
    stored = presentation_of(reporting_round)
    assert stored.reflections, "the demo data has the 2023 reflections"
    count = len(events(session, reporting_round.id))
    assert set_round_presentation(session, actor, reporting_round, stored) is False
    assert len(events(session, reporting_round.id)) == count


def test_removing_a_reflection_keeps_the_others_in_order(session: Session, actor: Actor) -> None:
    reporting_round = round_of(session, 2023)
    stored = presentation_of(reporting_round)
    kept = stored.reflections[1:]
    set_round_presentation(session, actor, reporting_round, Presentation(
        presenters=stored.presenters, reflections=kept, conclusions_sv=stored.conclusions_sv))
    session.expire_all()
    again = presentation_of(round_of(session, 2023))
    assert again.reflections == kept
    assert again.verdict is None and again.way_forward_sv is None
    last = events(session, reporting_round.id)[-1]
    assert last.field in {"reflections", "verdict", "way_forward_sv"}


def test_a_text_too_long_is_refused_and_nothing_changes(session: Session, actor: Actor) -> None:
    reporting_round = round_of(session, 2022)
    with pytest.raises(OperationError) as refused:
        set_round_presentation(session, actor, reporting_round, Presentation(
            presenters=(Presenter("x" * 201),), conclusions_sv="Slutsats"))
    assert refused.value.code == "too_long"
    assert presentation_of(reporting_round) == Presentation()
    assert events(session, reporting_round.id) == []
