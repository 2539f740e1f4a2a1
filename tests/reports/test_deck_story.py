"""The parts of the deck the project leaders write (tracker.domain.presentation) and the slides naming each
party's answer, as the forum sees them: in the order of the 2023 deck (Summering, the way forward, the
reflections), each only when written, in Swedish and English; the names and numbers checked with plain SQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from sqlalchemy import text
from sqlalchemy.orm import Session

from reports.data import FollowUp
from reports.slides import build_deck
from tests.reports.followup_sql import ANSWERS, numbers
from tests.reports.test_slides import open_deck, texts, title
from tracker.domain.presentation import Presentation, Reflection, Verdict


@pytest.fixture(scope="module")
def followup(followup_of: Callable[..., FollowUp]) -> FollowUp:
    return followup_of(2023)


@pytest.fixture(scope="module")
def deck(followup: FollowUp) -> PresentationType:
    return open_deck(build_deck(followup, "sv", "Energikontor Norra Småland"))


def slide_titled(deck: PresentationType, wanted: str) -> Slide:
    return next(slide for slide in deck.slides if title(slide) == wanted)


def table_cells(slide: Slide) -> list[list[list[str]]]:
    """Every table of the slide as rows of cells."""
    found = []
    for shape in slide.shapes:
        if isinstance(shape, GraphicFrame) and shape.has_table:
            found.append([[cell.text for cell in row.cells] for row in shape.table.rows])
    return found


def test_the_title_slide_names_the_presenters_and_their_organisation(deck: PresentationType,
                                                                     followup: FollowUp) -> None:
    shown = " ".join(texts(deck.slides[0]))
    for presenter in followup.presentation.presenters:
        assert f"{presenter.name}, {presenter.title_sv}" in shown
    assert "Energikontor Norra Småland (exempel)" in shown  # the presenters' organisation, not the default


def test_the_agenda_lists_the_leaders_parts_in_the_order_of_the_slides(deck: PresentationType) -> None:
    agenda = " ".join(texts(slide_titled(deck, "Agenda")))
    order = ["Bakgrund", "Vad har hänt sen sist?", "Summering", "Hur ska överenskommelsen hanteras framåt?",
             "Reflektioner från branschaktörer"]
    assert [agenda.index(item) for item in order] == sorted(agenda.index(item) for item in order)
    titles = [title(slide) for slide in deck.slides]
    assert titles.index("Summering") < titles.index("Hur ska överenskommelsen hanteras framåt?") < titles.index(
        "Reflektioner från branschaktörer")


def test_summering_has_the_conclusions_the_key_figures_and_the_verdict(deck: PresentationType) -> None:
    summary = [slide for slide in deck.slides if title(slide).startswith("Summering")]
    shown = " ".join(t for slide in summary for t in texts(slide))
    assert "Syfte: ökad produktion och användning av biogas – produktionsmål uppnått" in shown
    assert "9 av 13 kommuner har utbyggd tankinfrastruktur" in shown
    assert shown.index("produktionsmål uppnått") < shown.index("9 av 13 kommuner")
    assert shown.index("9 av 13 kommuner") < shown.index("Lever överenskommelsen upp till sitt syfte? – JA")
    assert "Lever överenskommelsen upp till sitt syfte? – JA Produktionen i länet ökar" in " ".join(texts(summary[-1]))


def test_the_way_forward_ends_with_the_proposal(deck: PresentationType) -> None:
    shown = " ".join(texts(slide_titled(deck, "Hur ska överenskommelsen hanteras framåt?")))
    assert "Busstrafiken går mot elektrifiering" in shown
    proposal = "Förslag: Att överväga att revidera eller avveckla biogasöverenskommelsen till år 2027"
    assert proposal in shown and shown.index("Busstrafiken") < shown.index(proposal)


def test_each_reflection_has_its_slide_and_names_only_those_who_agreed(deck: PresentationType,
                                                                     followup: FollowUp) -> None:
    for reflection in followup.presentation.reflections:
        slide = slide_titled(deck, f"”{reflection.headline_sv}”")
        lines = [p.text for shape in slide.placeholders if shape.has_text_frame
                 for p in shape.text_frame.paragraphs]
        credit = next(line for line in lines if line.startswith("– "))
        if reflection.organisation is not None:
            assert (reflection.organisation in credit) is reflection.may_be_named
        assert reflection.role_sv is not None and reflection.role_sv in credit
        if reflection.proposal_sv:
            assert f"Förslag: {reflection.proposal_sv}" in lines


def test_without_the_leaders_texts_their_slides_are_left_out(followup: FollowUp) -> None:
    bare = open_deck(build_deck(dataclasses.replace(followup, presentation=Presentation()), "sv", "ENS"))
    titles = [title(slide) for slide in bare.slides]
    assert "Hur ska överenskommelsen hanteras framåt?" not in titles
    assert "Reflektioner från branschaktörer" not in titles
    assert "Reflektioner från branschaktörer" not in " ".join(texts(slide_titled(bare, "Agenda")))
    assert "ENS" in " ".join(texts(bare.slides[0]))
    assert not any(t.startswith("Lever överenskommelsen") for s in bare.slides for t in texts(s))


def test_the_english_deck_uses_the_english_texts_and_falls_back_to_swedish(followup: FollowUp) -> None:
    presentation = dataclasses.replace(followup.presentation, verdict=Verdict.NO, reflections=(
        Reflection("Bara på svenska", role_sv="Producent"),))
    deck = open_deck(build_deck(dataclasses.replace(followup, presentation=presentation), "en"))
    titles = [title(slide) for slide in deck.slides]
    assert "How should the agreement be handled from now on?" in titles
    assert "”Bara på svenska”" in titles
    shown = " ".join(t for slide in deck.slides for t in texts(slide))
    assert "Purpose: more biogas produced and used – the production target is reached" in shown
    assert "Does the agreement live up to its purpose? – NO" in shown
    assert "– Producent" in shown


def names(session: Session, year: int, key: str) -> dict[str, str]:
    """Each reporting party's text answer (an option key) for `key`, by party name."""
    rows = session.execute(text(f"SELECT p.name, a.value_text {ANSWERS} AND i.key = :key"),
                           {"year": year, "key": key})
    return {name: value for name, value in rows if value is not None}


def test_where_to_fuel_lists_every_municipality_with_its_stations(deck: PresentationType, session: Session) -> None:
    slide = slide_titled(deck, "Var kan vi tanka biogas i Jönköpings län?")
    shown = {row[0]: row[1] for table in table_cells(slide) for row in table[1:]}
    names_by_code: dict[str, str] = dict(session.execute(text("SELECT code, name FROM parties")).all())
    expected = {names_by_code[code]: f"{int(number)}\u00a0st" for code, number in
                numbers(session, 2023, "II.public_stations").items()}
    assert shown == expected
    assert all(table[0][0] == "Part" for table in table_cells(slide))


def test_the_use_of_own_biogas_lists_the_municipalities_under_each_answer(deck: PresentationType,
                                                                        session: Session) -> None:
    slide = slide_titled(deck, "Hur används kommunernas egen biogas?")
    [table] = table_cells(slide)
    labels: dict[str, str] = dict(session.execute(text(
        "SELECT o.key, o.label_sv FROM indicator_options o JOIN indicators i ON i.id = o.indicator_id "
        "WHERE i.key = 'VI.use'")).all())
    by_label: dict[str, set[str]] = {}
    for party, option in names(session, 2023, "VI.use").items():
        by_label.setdefault(labels[option], set()).add(party)
    shown = {header.rsplit(" (", 1)[0]: set(cell.split("\n")) for header, cell in zip(table[0], table[1],
                                                                                        strict=True)}
    assert shown == by_label
    assert "För små mängder för att göra det lönsamt att uppgradera" in " ".join(texts(slide))
