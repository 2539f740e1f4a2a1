"""The migrations build the schema from nothing, and the models and the migrations agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from tracker.domain import Base


def test_upgrade_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models differ from the migrations; run alembic revision --autogenerate: {diff}"


def test_migrations_down_and_up_keep_the_data_of_a_database_in_use(fresh_database_url: str) -> None:
    """A database with an agreement in it (rows pointing at the tables a migration copies on SQLite) goes down
    to an early revision and up again: every migration runs on data, nothing is refused or lost."""
    from alembic import command
    from sqlalchemy.orm import Session

    from seed.loader import default_agreement_files, load_agreement_file
    from tracker.database import make_engine
    from tracker.migrations import alembic_config

    config = alembic_config(fresh_database_url)
    command.upgrade(config, "head")
    engine = make_engine(fresh_database_url)
    try:
        with Session(engine) as session:
            for path in default_agreement_files():
                load_agreement_file(session, path)
            session.commit()

        def counts() -> dict[str, int]:
            with engine.connect() as conn:
                return {table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                        for table in ("agreements", "commitments", "indicators", "indicator_options", "parties")}

        before = counts()
        assert before["indicators"] > 0
        engine.dispose()
        command.downgrade(config, "0006")
        command.upgrade(config, "head")
        assert counts() == before
    finally:
        engine.dispose()
