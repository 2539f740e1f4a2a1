"""Versions and closed years in the agreement loader (seed.frozen, seed.lineage): a closed round keeps what it
asked, a revision adds a version after it, and every refusal names the field and what to do instead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from seed.loader import SeedError, load_agreement_file
from tests.seed.conftest import BIOGAS_FILE, Snapshot
from tracker.cli import cli
from tracker.domain import Agreement, AuditEvent, Indicator
from tracker.operations.audit import Actor
from tracker.operations.rounds import close_round, open_round, start_round

ACTOR = Actor.system("test")


@pytest.fixture
def closed_2023(session: Session) -> Agreement:
    """The biogas agreement with its 2023 round closed (no answers needed: the round asked its questions)."""
    load_agreement_file(session, BIOGAS_FILE)
    agreement = session.scalars(select(Agreement)).one()
    reporting_round = start_round(session, ACTOR, agreement, 2023, date(2024, 1, 15), date(2024, 3, 31))
    open_round(session, ACTOR, reporting_round, today=date(2024, 1, 15))
    close_round(session, ACTOR, reporting_round)
    session.flush()
    return agreement


def problems_of(session: Session, path: Path, correction: str | None = None) -> str:
    with pytest.raises(SeedError) as raised:
        load_agreement_file(session, path, correction)
    return str(raised.value)


def test_a_question_asked_in_a_closed_year_keeps_its_label_and_target(
    session: Session, closed_2023: Agreement, edited_copy: Callable[..., Path], snapshot: Callable[[], Snapshot]
) -> None:
    before = snapshot()
    reworded = edited_copy('label_sv = "Andel gasfordon bland personbilarna (%)"', 'label_sv = "Andel gasbilar (%)"')
    message = problems_of(session, reworded)
    assert 'frågan "III.cars_gas_share" kan inte ändras (label_sv)' in message
    assert "stängda omgångarna 2023" in message and 'continues = "III.cars_gas_share"' in message
    raised = edited_copy("target = { comparison = \"ge\", value = 50 }\ntarget_due = { indicator = \"II.first_station_"
                         "year\", offset_years = 5 }\nlabel_sv = \"Andel gasfordon bland personbilarna",
                         "target = { comparison = \"ge\", value = 60 }\ntarget_due = { indicator = \"II.first_station_"
                         "year\", offset_years = 5 }\nlabel_sv = \"Andel gasfordon bland personbilarna")
    assert "(target_value)" in problems_of(session, raised)
    assert snapshot() == before


def test_a_correction_with_a_reason_is_kept_in_the_audit_trail(
    session: Session, closed_2023: Agreement, edited_copy: Callable[..., Path]
) -> None:
    reworded = edited_copy('label_sv = "Andel gasfordon bland personbilarna (%)"', 'label_sv = "Andel gasbilar (%)"')
    assert "skäl" in problems_of(session, reworded, correction="  ")
    report = load_agreement_file(session, reworded, correction="Stavfel")
    assert report.updated == 1
    indicator = session.scalars(select(Indicator).where(Indicator.key == "III.cars_gas_share")).one()
    assert indicator.label_sv == "Andel gasbilar (%)"
    events = {(e.action, e.field, e.new_value) for e in session.scalars(select(AuditEvent))}
    assert ("seed.correct", "label_sv", "Andel gasbilar (%)") in events
    assert ("seed.correction", "reason", "Stavfel") in events


def test_new_questions_and_retirements_may_not_reach_into_a_closed_year(
    session: Session, closed_2023: Agreement, edited_copy: Callable[..., Path]
) -> None:
    early = edited_copy('key = "III.cars_gas_share"\n', 'key = "III.cars_gas_share"\nvalid_to_year = 2022\n')
    assert "de stängda omgångarna 2023 skulle få andra frågor" in problems_of(session, early)
    late = edited_copy('key = "III.cars_gas_share"\n', 'key = "III.cars_gas_share"\nvalid_to_year = 2026\n')
    load_agreement_file(session, late)  # retired after the closed years: allowed
    added = edited_copy('key = "III.cars_total"\n', 'key = "III.cars_total"\n', source=late, name="added.toml")
    text = added.read_text(encoding="utf-8").replace(
        '[[commitments.indicators]]\nkey = "III.trucks_total"',
        '[[commitments.indicators]]\nkey = "III.new"\nkind = "count"\nlabel_sv = "Ny"\nlabel_en = "New"\n\n'
        '[[commitments.indicators]]\nkey = "III.trucks_total"')
    added.write_text(text, encoding="utf-8")
    assert 'den nya frågan "III.new" kan inte ställas i de stängda omgångarna 2023' in problems_of(session, added)


def test_a_revision_adds_a_version_after_the_closed_years(
    session: Session, closed_2023: Agreement, edited_copy: Callable[..., Path]
) -> None:
    too_early = edited_copy('version = "2018"\n', 'version = "2023"\nversion_from_year = 2023\n')
    assert "omgången 2023 är redan stängd" in problems_of(session, too_early)
    revision = edited_copy('version = "2018"\n', 'version = "2027"\nversion_from_year = 2027\n', name="rev.toml")
    load_agreement_file(session, revision)
    session.refresh(closed_2023)
    assert [(v.label, v.from_year, v.to_year) for v in closed_2023.versions] == [("2018", 2018, 2026),
                                                                                 ("2027", 2027, None)]
    assert closed_2023.version == "2027"
    older = problems_of(session, BIOGAS_FILE)
    assert 'version "2018" är inte den senaste' in older
    ended = edited_copy('version = "2018"\n', 'version = "2027"\nversion_from_year = 2022\nin_force_to_year = 2022\n',
                        name="ended.toml")
    assert "kan inte sluta 2022: omgången 2023" in problems_of(session, ended)
    assert closed_2023.versions[-1].to_year is None  # nothing written


def test_continues_must_name_an_earlier_question_of_the_same_kind(edited_copy: Callable[..., Path],
                                                                  session: Session) -> None:
    same_years = edited_copy('key = "III.trucks_gas_share"\n',
                             'key = "III.trucks_gas_share"\ncontinues = "III.cars_gas_share"\nvalid_from_year = 2027\n')
    message = problems_of(session, same_years)
    assert '"III.cars_gas_share" behöver valid_to_year' in message
    other_kind = edited_copy('key = "III.trucks_total"\n',
                             'key = "III.trucks_total"\ncontinues = "III.cars_gas_share"\nvalid_from_year = 2027\n',
                             name="kind.toml")
    assert "bara en fråga av samma typ kan tas över" in problems_of(session, other_kind)
    unknown = edited_copy('key = "III.trucks_total"\n', 'key = "III.trucks_total"\ncontinues = "III.nothing"\n',
                          name="unknown.toml")
    assert '"III.nothing" finns inte bland frågorna i filen' in problems_of(session, unknown)


def test_the_seed_command_takes_a_correction(app: Flask, session: Session, closed_2023: Agreement,
                                             edited_copy: Callable[..., Path]) -> None:
    reworded = edited_copy('label_sv = "Andel gasfordon bland personbilarna (%)"', 'label_sv = "Andel gasbilar (%)"')
    runner = app.test_cli_runner()
    refused = runner.invoke(cli, ["seed", str(reworded)])
    assert refused.exit_code == 1 and "--correction" in refused.stderr
    done = runner.invoke(cli, ["seed", "--correction", "Stavfel", str(reworded)])
    assert done.exit_code == 0, done.output
    assert "1 uppdaterade" in done.output


def test_the_status_scale_of_a_closed_year_stays_and_a_revision_adds_to_it_after(
    session: Session, closed_2023: Agreement, edited_copy: Callable[..., Path]
) -> None:
    new_step = ('[[status_levels]]\nkey = "evaluated"\nlabel_sv = "Utvärderat"\nlabel_en = "Evaluated"\n'
                'is_done = true\n{years}\n[[status_levels]]\nkey = "not_applicable"')
    anytime = edited_copy('[[status_levels]]\nkey = "not_applicable"', new_step.format(years=""))
    assert 'den nya statusnivån "evaluated" kan inte finnas på skalan i de stängda omgångarna 2023' in (
        problems_of(session, anytime))
    later = edited_copy('[[status_levels]]\nkey = "not_applicable"', new_step.format(years="valid_from_year = 2027\n"),
                        name="later.toml")
    load_agreement_file(session, later)
    session.refresh(closed_2023)
    assert "evaluated" in [level.key for level in closed_2023.status_scale_in(2027)]
    assert "evaluated" not in [level.key for level in closed_2023.status_scale_in(2023)]
    relabelled = edited_copy('label_sv = "Långt kommet"', 'label_sv = "Nästan klart"', source=later,
                             name="relabelled.toml")
    assert 'statusnivån "well_advanced" kan inte ändras (label_sv)' in problems_of(session, relabelled)
    text = later.read_text(encoding="utf-8")
    first, second, third = (text.index(f'[[status_levels]]\nkey = "{key}"')
                            for key in ("not_started", "started", "well_advanced"))
    swapped = text[:first] + text[second:third] + text[first:second] + text[third:]
    reordered = later.parent / "reordered.toml"
    reordered.write_text(swapped, encoding="utf-8")
    assert "statusnivåerna kan inte byta ordning" in problems_of(session, reordered)
