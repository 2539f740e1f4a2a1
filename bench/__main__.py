"""`make bench` (`python -m bench`): the report benchmarks on the demo data and on a national-scale data set.

Prints time (best of 3) and peak traced memory of each subject and its bare-library baseline, and the ratio
against the goal of issue 4. Not part of `make test`.

    python -m bench                      # both data sets, every benchmark
    python -m bench --dataset demo       # one data set
    python -m bench --only excel         # benchmarks whose name contains "excel"
    BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test python -m bench --only database
                                         # the national data set in SQLite and in PostgreSQL
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from bench.dashboard import dashboard
from bench.deck import forum_deck
from bench.excel_summary import excel_summary
from bench.national_db import national_db
from bench.registry import Benchmark, Dataset, Measurement, timed
from bench.startup import startup
from bench.web import web

# The registry: add a benchmark here (e.g. the forum deck: `from bench.deck import forum_deck`).
BENCHMARKS: list[tuple[str, Benchmark]] = [
    ("excel", excel_summary),
    ("deck", forum_deck),
    ("dashboard", dashboard),
    ("startup", startup),
    ("web", web),
    ("database", national_db),
]


def demo_dataset() -> Dataset:
    """The demo data of `make run`, loaded into a throwaway SQLite file and read with the follow-up query."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from bench.national import BIOGAS_FILE
    from reports.data import build_followup
    from seed.demo import load_demo
    from seed.loader import load_agreement_file
    from tracker.domain import Base
    from tracker.queries.followup import load_followup_inputs

    with TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'demo.db'}")
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            load_agreement_file(session, BIOGAS_FILE)
            load_demo(session)
            session.commit()
            inputs = load_followup_inputs(session, 2023)
        engine.dispose()
    return Dataset("demo", inputs, 2023, build_followup(inputs, 2023))


def national_dataset() -> Dataset:
    from bench.national import FIRST_YEAR, YEARS, national_inputs
    from reports.data import build_followup

    inputs = national_inputs()
    year = FIRST_YEAR + YEARS - 1
    return Dataset("national", inputs, year, build_followup(inputs, year, include_drafts=True))


DATASETS: dict[str, Callable[[], Dataset]] = {"demo": demo_dataset, "national": national_dataset}


def report_data(dataset: Dataset) -> Measurement:
    """How long the report data itself takes (build_followup), for reference."""
    from reports.data import build_followup

    [timing] = timed(lambda: build_followup(dataset.inputs, dataset.year, include_drafts=True), repeat=1)
    rows = f"{len(dataset.inputs.submissions)} reports, {len(dataset.followup.raw_rows)} raw rows"
    return Measurement("report data (build_followup)", dataset.name, timing, note=rows)


def show(measurement: Measurement) -> str:
    subject, baseline = measurement.subject, measurement.baseline
    line = f"{measurement.benchmark:30} {measurement.dataset:9} {subject.seconds:8.3f} s {subject.peak_mb:8.1f} MB"
    if baseline is not None:
        line += (f" | {measurement.baseline_name:33} {baseline.seconds:8.3f} s {baseline.peak_mb:8.1f} MB"
                 f" | ratio {measurement.ratio:5.2f}")
        if measurement.goal_ratio is not None:
            line += f" (goal ≤ {measurement.goal_ratio})"
    if measurement.verdict:
        line += f" {measurement.verdict}"
    if measurement.note:
        line += f"  [{measurement.note}]"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), action="append")
    parser.add_argument("--only", default="", help="run the benchmarks whose name contains this")
    arguments = parser.parse_args(argv)
    missed = False
    for name in arguments.dataset or list(DATASETS):
        start = time.perf_counter()
        dataset = DATASETS[name]()
        print(f"== {name}: {len(dataset.inputs.parties)} parties, {len(dataset.inputs.rounds)} rounds, "
              f"prepared in {time.perf_counter() - start:.1f} s", flush=True)
        print(show(report_data(dataset)), flush=True)
        for bench_name, benchmark in BENCHMARKS:
            if arguments.only in bench_name:
                for measurement in benchmark(dataset):
                    print(show(measurement), flush=True)
                    missed |= measurement.verdict == "MISSED"
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
