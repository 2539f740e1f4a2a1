"""What `make bench` runs: the data sets, the benchmarks (a registry list), and how time and memory are taken.

A benchmark is a function from a `Dataset` to `Measurement`s. To add one (the forum deck, the dashboard), write
it in its own module and append it to BENCHMARKS in bench/__main__.py.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from reports.data import FollowUp
from tracker.queries.followup import FollowUpInputs


@dataclass(frozen=True)
class Dataset:
    name: str  # "demo", "national"
    inputs: FollowUpInputs
    year: int  # the round followed up
    followup: FollowUp  # build_followup(inputs, year), built once


@dataclass(frozen=True)
class Timing:
    seconds: float  # the best of the runs (tracemalloc off)
    peak_mb: float  # tracemalloc's peak during one more run


@dataclass(frozen=True)
class Measurement:
    benchmark: str
    dataset: str
    subject: Timing
    baseline: Timing | None = None
    baseline_name: str = ""
    goal_ratio: float | None = None  # subject / baseline must stay at or below this
    goal_seconds: float | None = None  # or the subject must take at most this long
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.subject.seconds / self.baseline.seconds if self.baseline else None

    @property
    def verdict(self) -> str:
        checks = []
        if self.goal_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.goal_ratio)
        if self.goal_seconds is not None:
            checks.append(self.subject.seconds <= self.goal_seconds)
        if not checks:
            return ""
        return "OK" if all(checks) else "MISSED"


Benchmark = Callable[[Dataset], list[Measurement]]


def timed(*runs: Callable[[], object], repeat: int = 3) -> list[Timing]:
    """Each run's best wall time of `repeat` rounds (the runs take turns, so a busy machine slows them alike),
    then each run's peak of traced memory in one more (tracing slows it, so it is not timed)."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for index, run in enumerate(runs):
            gc.collect()
            start = time.perf_counter()
            run()
            best[index] = min(best[index], time.perf_counter() - start)
    peaks = []
    for run in runs:
        gc.collect()
        tracemalloc.start()
        try:
            run()
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    return [Timing(seconds, peak / 2**20) for seconds, peak in zip(best, peaks, strict=True)]
