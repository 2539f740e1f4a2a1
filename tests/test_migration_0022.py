"""Migration 0022 gives every agreement one version, its `version` label over its whole life, and goes down again
without losing the agreement."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from tracker.database import make_engine
from tracker.migrations import alembic_config


def test_every_agreement_gets_its_version_and_back(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0021")
    engine = make_engine(fresh_database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO agreements (slug, name_sv, name_en, county, version, in_force_from_year, "
                "in_force_to_year, updated_dt) VALUES ('a', 'A', 'A', 'Län', '2018', 2018, NULL, CURRENT_TIMESTAMP), "
                "('b', 'B', 'B', 'Län', 'v1', 2025, 2030, CURRENT_TIMESTAMP)"))
        command.upgrade(config, "0022")
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT a.slug, v.label, v.from_year, v.to_year FROM agreement_versions v "
                                     "JOIN agreements a ON a.id = v.agreement_id ORDER BY a.slug")).all()
            assert [tuple(row) for row in rows] == [("a", "2018", 2018, None), ("b", "v1", 2025, 2030)]
            conn.execute(text("UPDATE commitments SET valid_to_year = 2026"))  # the new columns are there
        command.downgrade(config, "0021")
        with engine.begin() as conn:
            assert conn.execute(text("SELECT version FROM agreements ORDER BY slug")).scalars().all() == ["2018", "v1"]
    finally:
        engine.dispose()
