"""Migration 0019 rewrites the default texts' "om {dagar kvar} dagar" / "in {days left} days" as the token that
says the time left in words, leaves other uses of {dagar kvar} alone, and writes the words back on the way down."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from tracker.database import make_engine
from tracker.migrations import alembic_config


def test_the_number_of_days_in_stored_templates_becomes_the_time_left_and_back(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0018")
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO mail_templates (kind, subject_sv, body_sv, subject_en, body_en, updated_dt) VALUES "
                "('reminder', 'Påminnelse {part}', 'Sista dag är {sista dag}, om {dagar kvar} dagar.', "
                "'Reminder {party}', 'The deadline is {deadline}, in {days left} days.', CURRENT_TIMESTAMP), "
                "('invitation', 'Dags {part}', 'Bara {dagar kvar} dagar kvar', 'Now {party}', "
                "'Only {days left} days left', CURRENT_TIMESTAMP)"))
        command.upgrade(config, "0019")
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT body_sv, body_en FROM mail_templates ORDER BY kind")).all()
            assert [tuple(row) for row in rows] == [
                ("Bara {dagar kvar} dagar kvar", "Only {days left} days left"),  # the leaders' own words stay
                ("Sista dag är {sista dag}, {tid kvar}.", "The deadline is {deadline}, {time left}."),
            ]
        command.downgrade(config, "0018")
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT body_sv, body_en FROM mail_templates ORDER BY kind")).all()
            assert tuple(rows[1]) == ("Sista dag är {sista dag}, om {dagar kvar} dagar.",
                                      "The deadline is {deadline}, in {days left} days.")
    finally:
        engine.dispose()
