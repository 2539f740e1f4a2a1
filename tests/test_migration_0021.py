"""Migration 0021 writes the agreement's name in the stored default mail texts as the token {överenskommelse} /
{agreement}, leaves the leaders' own words alone, and writes the biogas agreement's words back on the way down."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from tracker.database import make_engine
from tracker.migrations import alembic_config

OLD_SV = "Projektledarna för biogasöverenskommelsen har läst rapporten för {part}."
OLD_EN = "The project leaders of the biogas agreement have read the report for {party}."


def test_the_agreements_name_in_stored_templates_becomes_a_token_and_back(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0020")
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO mail_templates (kind, subject_sv, body_sv, subject_en, body_en, updated_dt) VALUES "
                "('returned', 'Uppföljning av biogasöverenskommelsen {år}: vem rapporterar för {part}?', :sv, "
                "'Follow-up of the biogas agreement {year}: who reports for {party}?', :en, CURRENT_TIMESTAMP), "
                "('invitation', 'Biogasen {år}', 'Vår egen text om biogasöverenskommelsen.', 'Ours', "
                "'Our own words', CURRENT_TIMESTAMP)"), {"sv": OLD_SV, "en": OLD_EN})
        command.upgrade(config, "0021")
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT subject_sv, body_sv, subject_en, body_en FROM mail_templates "
                                     "ORDER BY kind")).all()
            assert tuple(rows[0]) == ("Biogasen {år}", "Vår egen text om biogasöverenskommelsen.", "Ours",
                                      "Our own words")  # the leaders' own words stay
            assert tuple(rows[1]) == (
                "{överenskommelse} {år}: vem rapporterar för {part}?",
                "Projektledarna för {överenskommelse} har läst rapporten för {part}.",
                "{agreement} {year}: who reports for {party}?",
                "The project leaders of the {agreement} have read the report for {party}.")
        command.downgrade(config, "0020")
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT body_sv, body_en FROM mail_templates ORDER BY kind")).all()
            assert tuple(rows[1]) == (OLD_SV, OLD_EN)
    finally:
        engine.dispose()
