"""The final report's data: the agreement's whole life, from its first round to its last, built from the
follow-ups of every year (reports.data.build_followup, one load of the inputs). Pure: no database, no Flask.

Each commitment is followed up to the last year it was part of the agreement (a commitment a revision retired
ends with its version): its questions' trends there reach back over every year they, or the questions they
continue, were asked. A target is judged per year (`Verdict`): reached (every party that answered, or the county
figure), partly (some parties), not reached, or not known (no answer, or a target not due yet).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from reports.data import (
    AgreementInfo,
    CommitmentResult,
    FollowUp,
    IndicatorResult,
    RoundFigure,
    TrendPoint,
    YearInfo,
    build_followup,
)
from reports.data.catalogue import Catalogue
from tracker.domain import RoundState, TargetScope
from tracker.domain.messages import N_, Message
from tracker.queries.followup import FollowUpInputs, FollowUpNotFound


class Verdict(enum.StrEnum):
    REACHED = "reached"
    PARTLY = "partly"
    NOT_REACHED = "not_reached"
    UNKNOWN = "unknown"


VERDICT_LABELS = {
    Verdict.REACHED: N_("reached"),
    Verdict.PARTLY: N_("partly reached"),
    Verdict.NOT_REACHED: N_("not reached"),
    Verdict.UNKNOWN: N_("not known"),
}


@dataclass(frozen=True)
class TargetLife:
    """A question with a target, over the years it was asked."""

    result: IndicatorResult  # of the commitment's last year: its trend covers every year
    verdicts: tuple[tuple[int, Verdict], ...]  # per year of the trend

    @property
    def final(self) -> Verdict:
        """The outcome in the last year it is known (a last round without reports yet does not erase it)."""
        return self.final_year[1]

    @property
    def final_year(self) -> tuple[int | None, Verdict]:
        known = [(year, verdict) for year, verdict in self.verdicts if verdict is not Verdict.UNKNOWN]
        return known[-1] if known else (None, Verdict.UNKNOWN)


@dataclass(frozen=True, slots=True)
class StatusYear:
    year: int
    done: int  # parties that report the commitment done
    expected: int  # parties it applied to


@dataclass(frozen=True)
class CommitmentLife:
    result: CommitmentResult  # of its last year
    followup: FollowUp  # the follow-up of its last year (its charts are drawn from it)
    first_year: int
    last_year: int
    continues: str | None  # the number of the earlier commitment it takes over
    continued_by: tuple[str, ...]  # the numbers of the commitments that take it over
    targets: tuple[TargetLife, ...]
    statuses: tuple[StatusYear, ...]  # every year it was followed up


@dataclass(frozen=True)
class FinalReport:
    agreement: AgreementInfo
    first_year: int  # of the rounds
    last_year: int
    is_ended: bool  # the agreement has ended with the last year's round
    is_preliminary: bool  # a round is not closed yet, or drafts count: the figures may still change
    is_example: bool
    generated_at: datetime
    years: tuple[YearInfo, ...]
    commitments: tuple[CommitmentLife, ...]
    round_figures: tuple[RoundFigure, ...]  # the county figures, with their trend
    last: FollowUp  # the last year's follow-up (its response rate, its preliminary mark)
    summary: FollowUp  # the follow-up of the last year with reports (its key sentences end the report)

    def to_the_day(self) -> FinalReport:
        """With the time of the data only to the day, as the files drawn from it say it."""
        last = self.last.to_the_day()
        return replace(self, last=last, generated_at=last.generated_at, summary=self.summary.to_the_day())


def verdict(point: TrendPoint, scope: TargetScope) -> Verdict:
    if scope is TargetScope.COUNTY:
        if point.county_met is None:
            return Verdict.UNKNOWN
        return Verdict.REACHED if point.county_met else Verdict.NOT_REACHED
    answered = point.answered or 0
    met = point.met or 0
    if not answered:
        return Verdict.UNKNOWN
    if met == answered:
        return Verdict.REACHED
    return Verdict.NOT_REACHED if met == 0 else Verdict.PARTLY


def build_final_report(inputs: FollowUpInputs, include_drafts: bool = False) -> FinalReport:
    """The agreement's whole life up to the last round of `inputs` (load them for that year)."""
    years = [r.year for r in inputs.rounds]
    if not years:
        raise FollowUpNotFound(Message(N_("There is no reporting round yet.")))
    followups = {year: build_followup(inputs, year, include_drafts) for year in years}
    last = followups[years[-1]]
    reported = [info.year for info in last.years if info.reported]
    catalogue = Catalogue.of(inputs.agreement)
    commitments = []
    for commitment in catalogue.commitments:
        asked = [year for year in years if commitment.is_valid_in(year)]
        if not asked:
            continue
        # followed up to its last year with reports: a round that has only just opened has none yet
        followup = followups[max((y for y in asked if y in reported), default=asked[-1])]
        result = next(c for c in followup.commitments if c.number == commitment.number)
        targets = tuple(
            TargetLife(r, tuple((p.year, verdict(p, r.info.target.scope)) for p in r.trend))
            for r in result.indicators if r.info.target is not None)
        statuses = tuple(_status_year(followups[year], commitment.number) for year in asked if year <= followup.year)
        commitments.append(CommitmentLife(
            result, followup, asked[0], asked[-1], commitment.continues,
            tuple(c.number for c in catalogue.commitments if c.continues == commitment.number), targets, statuses))
    agreement = inputs.agreement
    ended = agreement.in_force_to_year is not None and years[-1] >= agreement.in_force_to_year
    return FinalReport(
        agreement=replace(last.agreement, version=catalogue.agreement.version),
        first_year=years[0], last_year=years[-1],
        is_ended=ended and last.round_state is RoundState.CLOSED,
        is_preliminary=any(f.is_preliminary for f in followups.values()),
        is_example=any(f.is_example for f in followups.values()),
        generated_at=last.generated_at,
        years=last.years, commitments=tuple(commitments), round_figures=last.round_figures, last=last,
        summary=followups[reported[-1]] if reported else last,
    )


def _status_year(followup: FollowUp, number: str) -> StatusYear:
    result = next(c for c in followup.commitments if c.number == number)
    done = sum(count.count for count in result.statuses if count.level is not None and count.level.is_done)
    return StatusYear(followup.year, done, len(result.expected))
