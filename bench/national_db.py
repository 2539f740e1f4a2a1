"""The national data set written to a real database, so that the SQL is timed too, not only the aggregation.

The 311 parties' 20 years of reports (bench.national) are inserted into a fresh SQLite file, and into a fresh
PostgreSQL database when BENCH_POSTGRES_URL names a server (for example the tests' TEST_DATABASE_URL; the
database is created and dropped). The catalogue is loaded from the agreement file first, as `tracker seed`
does, into an empty database: its ids are those bench.national generated the reports with (checked).

Measured on each: the follow-up's fingerprint (`data_version`, what every dashboard and chart request reads)
against the floor of one trivial query; the follow-up read from the database and aggregated against the same
aggregation of ready rows (the ratio is what the SQL costs); the leaders' overview's first page.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sqlalchemy import Engine, create_engine, delete, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.national import BIOGAS_FILE, catalogue
from bench.registry import Dataset, Measurement, timed
from seed.loader import load_agreement_file
from tracker.domain import (
    Agreement,
    Answer,
    Base,
    CommitmentStatus,
    Indicator,
    Party,
    ReportingRound,
    RoundValue,
    Submission,
    agreement_parties,
)
from tracker.queries.followup import FollowUpInputs, data_version, load_followup_inputs


def national_db(dataset: Dataset) -> list[Measurement]:
    if dataset.name != "national":
        return []
    measurements: list[Measurement] = []
    with TemporaryDirectory() as folder:
        backends = [("SQLite", f"sqlite:///{Path(folder) / 'national.db'}")]
        if server := os.environ.get("BENCH_POSTGRES_URL"):
            backends.append(("PostgreSQL", server))
        for label, url in backends:
            with _database(url) as engine:
                _write(engine, dataset.inputs)
                measurements.extend(_measure(engine, dataset, label))
    return measurements


@contextmanager
def _database(url: str) -> Iterator[Engine]:
    """A fresh, empty database at `url` (on a PostgreSQL server: one of its own, dropped afterwards)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        engine = create_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
        return
    name = f"bench_national_{uuid.uuid4().hex[:10]}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(parsed.set(database=name))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _write(engine: Engine, inputs: FollowUpInputs) -> None:
    """The catalogue as `tracker seed` loads it, then every party, round, report, answer and status in bulk."""
    Base.metadata.create_all(engine)
    generated = {i.key: i.id for i in catalogue().indicators}
    with Session(engine) as session:
        load_agreement_file(session, BIOGAS_FILE)
        session.flush()
        agreement = session.scalars(select(Agreement)).one()
        stored = dict(session.execute(select(Indicator.key, Indicator.id)).tuples().all())
        if stored != generated:
            raise RuntimeError("the catalogue's ids differ from the ones the national reports were made with")
        session.execute(delete(agreement_parties))  # the county's 14 parties of the file: the national 311 instead
        session.execute(delete(Party))
        session.execute(insert(Party), [{"id": p.id, "code": p.code, "name": p.name, "kind": p.kind}
                                        for p in inputs.parties])
        session.execute(insert(agreement_parties), [{"agreement_id": agreement.id, "party_id": p.id}
                                                    for p in inputs.parties])
        session.execute(insert(ReportingRound), [
            {"id": r.id, "agreement_id": agreement.id, "year": r.year, "state": r.state, "opens_on": r.opens_on,
             "deadline_on": r.deadline_on, "is_example": r.is_example} for r in inputs.rounds])
        session.execute(insert(RoundValue), [{"round_id": r.id, "indicator_id": key, **value.columns()}
                                             for r in inputs.rounds for key, value in r.values.items()])
        session.execute(insert(Submission), [
            {"id": s.id, "round_id": s.round_id, "party_id": s.party_id, "state": s.state, "version": 1,
             "submitted_dt": s.submitted_dt, "approved_dt": s.approved_dt, "is_example": s.is_example}
            for s in inputs.submissions])
        answers: list[dict[str, Any]] = [{"submission_id": s.id, "indicator_id": key, **value.columns()}
                                         for s in inputs.submissions for key, value in s.values.items()]
        for start in range(0, len(answers), 20_000):
            session.execute(insert(Answer), answers[start:start + 20_000])
        session.execute(insert(CommitmentStatus), [
            {"submission_id": s.id, "commitment_id": row.commitment_id, "status_level_id": row.status_level_id,
             "comment": row.comment} for s in inputs.submissions for row in s.statuses.values()])
        session.commit()


def _measure(engine: Engine, dataset: Dataset, backend: str) -> list[Measurement]:
    from reports.data import build_followup
    from tracker.queries.overview import load_overview

    year = dataset.year
    with Session(engine) as session:
        agreement_id = session.scalars(select(Agreement.id)).one()
        answers = session.scalar(select(Answer.id).order_by(Answer.id.desc()).limit(1)) or 0
        version, floor = timed(lambda: data_version(session, year), lambda: session.execute(select(1)).one(),
                               repeat=20)
        from_database, from_rows = timed(
            lambda: build_followup(load_followup_inputs(session, year), year, include_drafts=True),
            lambda: build_followup(dataset.inputs, year, include_drafts=True), repeat=2)
        (overview,) = timed(lambda: load_overview(session, agreement_id, year, "sv", date(year + 1, 2, 1)),
                            repeat=3)
    name = f"national in {backend}"
    return [
        Measurement("data version (fingerprint)", name, version, floor, "SELECT 1 on the same connection",
                    note=f"{answers} answers in the database"),
        Measurement("follow-up from the database", name, from_database, from_rows, "the same from ready rows",
                    note="load_followup_inputs + build_followup: the ratio is the SQL's share"),
        Measurement("leaders' overview, first page (model)", name, overview,
                    note=f"{len(dataset.inputs.parties)} parties, 50 a page"),
    ]
