"""Migration 0015 rewrites the stored templates' %(name)s placeholders as named tokens in each language, lets the
new kinds of mail be stored, and turns the tokens back into placeholders on the way down."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from tracker.database import make_engine
from tracker.migrations import alembic_config


def test_stored_templates_become_tokens_and_back(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0014")
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO mail_templates (kind, subject_sv, body_sv, subject_en, body_en, updated_dt) VALUES "
                "('reminder', 'Påminnelse %(party)s %(year)s', 'Hej %(contact_name)s, 100 %% {klart} %(sign_in_link)s',"
                " 'Reminder %(party)s', 'Hello %(contact_name)s, %(days_left)s days: %(sign_in_link)s', "
                "CURRENT_TIMESTAMP)"))
        command.upgrade(config, "0015")
        with engine.begin() as conn:
            row = conn.execute(text("SELECT subject_sv, body_sv, subject_en, body_en FROM mail_templates")).one()
            assert tuple(row) == ("Påminnelse {part} {år}", "Hej {namn}, 100 % {{klart}} {länk}",
                                  "Reminder {party}", "Hello {name}, {days left} days: {link}")
            conn.execute(text("INSERT INTO sent_mails (kind, to_email, subject, body, sent_dt, is_sent, carries_link,"
                              " attempts) VALUES ('receipt', 'a@b.se', 'Kvitto', 'x', CURRENT_TIMESTAMP, false, "
                              "false, 0)"))
            conn.execute(text("UPDATE users SET language = 'en'"))  # the column exists (no users: no rows)
        command.downgrade(config, "0014")
        with engine.begin() as conn:
            row = conn.execute(text("SELECT subject_sv, body_sv, subject_en, body_en FROM mail_templates")).one()
            assert tuple(row) == ("Påminnelse %(party)s %(year)s",
                                  "Hej %(contact_name)s, 100 %% {klart} %(sign_in_link)s",
                                  "Reminder %(party)s", "Hello %(contact_name)s, %(days_left)s days: %(sign_in_link)s")
            assert conn.execute(text("SELECT COUNT(*) FROM sent_mails")).scalar_one() == 0  # a kind 0014 lacks
    finally:
        engine.dispose()
