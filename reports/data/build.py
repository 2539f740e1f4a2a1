"""`build_followup`: from the follow-up's query results to the report data of one round. Pure: no database.

Which parties are asked what is `tracker.domain.applicability`; how values are compared and computed is
`tracker.domain.values`. A round's parties are those with a report in it (and, for the round followed up, every
active party of the agreement). Reports count when submitted or approved; with `include_drafts` drafts and
returned reports count too. The follow-up is preliminary (reports.data.marks) while its round is not closed and
whenever drafts count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import pairwise

from reports.data.aggregate import Answering, Evaluation, evaluate
from reports.data.catalogue import Catalogue
from reports.data.people import PartyReport, completeness, party_statuses, status_counts
from reports.data.sentences import indicator_params, indicator_sentence, round_figure_sentence, status_sentence
from reports.data.texts import Localized, Sentence
from reports.data.types import (
    CommitmentResult,
    FollowUp,
    IndicatorResult,
    PartyInfo,
    RawRow,
    Revision,
    RoundFigure,
    TrendPoint,
    YearInfo,
)
from tracker.domain import Commitment, IndicatorScope, RoundState, SubmissionState
from tracker.domain.applicability import applies
from tracker.domain.messages import N_, Message
from tracker.domain.numbers import QUANTUM, tidy
from tracker.domain.party import party_order
from tracker.domain.values import Value, compute_derived
from tracker.queries.followup import FollowUpInputs, FollowUpNotFound, PartyRow, RoundRow, SubmissionRow

__all__ = ["build_followup", "included_states"]


def included_states(include_drafts: bool) -> tuple[SubmissionState, ...]:
    """The report states a follow-up counts: submitted and approved, and with drafts also draft and returned."""
    reported = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
    return (*reported, SubmissionState.DRAFT, SubmissionState.RETURNED) if include_drafts else reported


@dataclass(frozen=True)
class RoundView:
    round: RoundRow
    reports: tuple[PartyReport, ...]  # in party order (tracker.domain.party.party_order)


def build_followup(inputs: FollowUpInputs, year: int, include_drafts: bool = False) -> FollowUp:
    """The follow-up of the round for `year`, with the trend over every earlier round."""
    catalogue = Catalogue.of(inputs.agreement)
    states = included_states(include_drafts)
    rounds = [r for r in inputs.rounds if r.year <= year]
    if not rounds or rounds[-1].year != year:
        raise FollowUpNotFound(Message(N_("There is no reporting round for %(year)s."), {"year": year}))
    rows = tuple(sorted(inputs.parties, key=lambda p: party_order(p.kind, p.name)))  # every list in one order
    parties = {p.id: PartyInfo(p.code, p.name, p.kind) for p in rows}
    by_round: dict[int, list[SubmissionRow]] = defaultdict(list)
    for submission in inputs.submissions:
        by_round[submission.round_id].append(submission)
    views = [_round_view(r, rows, parties, by_round[r.id], catalogue, states, r.year == year)
             for r in rounds]
    current = views[-1]
    evaluations = {view.round.year: _evaluate_round(view, catalogue) for view in views}
    commitments = tuple(_commitment(c, current, evaluations, catalogue) for c in catalogue.commitments
                        if c.is_valid_in(year))
    figures = tuple(_round_figures(rounds, catalogue))
    summary = [f.sentence for f in figures if f.sentence is not None]
    own = [r.sentence for c in commitments for r in c.indicators
           if r.sentence is not None and catalogue.summaries[r.info.key][0] is not None]
    summary += own or [r.sentence for c in commitments for r in c.indicators if r.sentence is not None]
    summary = _distinct(summary)  # "Åtagande I: Region … har inte rapporterat" once, not once per question
    this_round = current.round
    return FollowUp(
        agreement=replace(catalogue.agreement, version=catalogue.version_in(year)),
        year=year,
        round_state=this_round.state,
        opens_on=this_round.opens_on,
        deadline_on=this_round.deadline_on,
        news=Localized(this_round.news_sv or "", this_round.news_en or ""),
        include_drafts=include_drafts,
        is_preliminary=include_drafts or this_round.state is not RoundState.CLOSED,
        included_states=states,
        is_example=any(r.is_example for r in rounds) or any(
            s.is_example for r in rounds for s in by_round[r.id]),
        generated_at=inputs.loaded_at,
        parties=tuple(report.party for report in current.reports),
        status_levels=catalogue.scale_in(year),
        commitments=commitments,
        round_figures=figures,
        completeness=completeness(current.reports, this_round, inputs.loaded_at),
        years=tuple(YearInfo(v.round.year, v.round.state, v.round.is_example, len(v.reports),
                             sum(r.is_included for r in v.reports)) for v in views),
        raw_rows=tuple(row for view in views for row in _raw_rows(view, catalogue)),
        summary=tuple(summary),
        presentation=inputs.presentation,
        stations=tuple(s for s in inputs.stations if s.is_open_in(year)),
    )


def _round_view(
    round_row: RoundRow, rows: tuple[PartyRow, ...], parties: Mapping[int, PartyInfo],
    submissions: list[SubmissionRow], catalogue: Catalogue, states: tuple[SubmissionState, ...], is_current: bool,
) -> RoundView:
    by_party = {s.party_id: s for s in submissions}
    keys = {row.id: key for key, row in catalogue.rows.items()}
    reports = []
    for row in rows:
        submission = by_party.get(row.id)
        if submission is None and not (is_current and row.is_member):
            continue
        included = submission is not None and submission.state in states
        by_key: dict[str, Value] = {}
        if submission is not None and included:
            by_key = {keys[i]: v for i, v in submission.values.items() if i in keys}
            for key, info in catalogue.indicators.items():
                if (info.kind.is_derived and catalogue.rows[key].is_valid_in(round_row.year)
                        and (value := compute_derived(info.rules, by_key)) is not None):
                    by_key[key] = value
        reports.append(PartyReport(parties[row.id], row, submission, included,
                                   submission.values if submission is not None else {}, by_key))
    return RoundView(round_row, tuple(reports))


def _asked(view: RoundView, key: str, catalogue: Catalogue) -> list[PartyReport]:
    row = catalogue.rows[key]
    return [r for r in view.reports
            if applies(row, agreement_id=catalogue.agreement_id, year=view.round.year, party_kind=r.party.kind,
                       values=r.by_id)]


Evaluated = dict[str, tuple[list[PartyReport], Evaluation]]  # by indicator key: the parties asked, the figures


def _evaluate_round(view: RoundView, catalogue: Catalogue) -> Evaluated:
    found: Evaluated = {}
    for key, info in catalogue.indicators.items():
        if info.scope is not IndicatorScope.PARTY or not catalogue.rows[key].is_valid_in(view.round.year):
            continue
        asked = _asked(view, key, catalogue)
        answering = [Answering(r.party, r.state, r.is_included, r.by_key) for r in asked]
        found[key] = (asked, evaluate(info, view.round.year, answering, catalogue.option_labels(key)))
    return found


def _revisions(trend: tuple[TrendPoint, ...], catalogue: Catalogue) -> tuple[Revision, ...]:
    """The years the trend's question was asked as a new one, continuing the year before's."""
    return tuple(
        Revision(point.year, catalogue.indicators[before.asked_as].label, catalogue.version_in(point.year))
        for before, point in pairwise(trend)
        if before.asked_as is not None and point.asked_as is not None and point.asked_as != before.asked_as)


def _point(year: int, key: str, asked: list[PartyReport], evaluation: Evaluation) -> TrendPoint:
    target = evaluation.target
    return TrendPoint(
        year=year,
        value=evaluation.county.value,
        answers=evaluation.county.answers,
        met=len(target.met) if target is not None else None,
        expected=len(target.expected) if target is not None else len(asked),
        county_met=target.county_met if target is not None else None,
        distribution=evaluation.county.distribution,
        answered=len(target.answered) if target is not None else None,
        is_complete=evaluation.county.is_complete,
        asked_as=key,
    )


def _commitment(
    commitment: Commitment, current: RoundView, evaluations: Mapping[int, Evaluated], catalogue: Catalogue
) -> CommitmentResult:
    year = current.round.year
    results = []
    for indicator in commitment.indicators:
        key = indicator.key
        if key not in evaluations[year]:
            continue
        asked, evaluation = evaluations[year][key]
        info = catalogue.indicators[key]
        expected = tuple(r.party for r in asked)
        reported = tuple(r.party for r in asked if r.is_included)
        params = indicator_params(info, year, expected, reported, evaluation.county, evaluation.target,
                                  evaluation.values)
        trend = tuple(_point(y, k, *found[k]) for y, found in evaluations.items()
                      if (k := catalogue.key_in(key, y)) is not None and k in found)
        results.append(IndicatorResult(
            info=info, expected=expected, reported=reported, values=evaluation.values, county=evaluation.county,
            target=evaluation.target, trend=trend,
            sentence=indicator_sentence(info, params, evaluation.values, evaluation.target, catalogue.summaries[key],
                                        evaluation.county),
            revisions=_revisions(trend, catalogue),
        ))
    expected_reports = [r for r in current.reports if commitment.applies_to(r.party.kind)]
    statuses = party_statuses(commitment.id, expected_reports, catalogue.status_levels)
    counts = status_counts(statuses, catalogue.scale_in(year))
    expected_parties = tuple(r.party for r in expected_reports)
    not_reported = tuple(r.party for r in expected_reports if not r.is_included)
    sentences: list[Sentence] = [r.sentence for r in results if r.sentence is not None]
    sentences.append(status_sentence(commitment.number, expected_parties, counts, year, not_reported))
    sentences = _distinct(sentences)
    return CommitmentResult(
        number=commitment.number,
        title=Localized(commitment.title_sv, commitment.title_en),
        text=Localized(commitment.text_sv, commitment.text_en),
        expected=expected_parties,
        indicators=tuple(results),
        statuses=counts,
        party_statuses=statuses,
        comments=tuple(s for s in statuses if s.comment),
        sentences=tuple(sentences),
    )


def _distinct(sentences: list[Sentence]) -> list[Sentence]:
    """Each sentence once ("Åtagande I: Region Jönköpings län har inte rapporterat" for every figure of I)."""
    seen: set[str] = set()
    kept = []
    for sentence in sentences:
        if (text := sentence.get("sv")) not in seen:
            seen.add(text)
            kept.append(sentence)
    return kept


def _round_figures(rounds: list[RoundRow], catalogue: Catalogue) -> list[RoundFigure]:
    figures = []
    year = rounds[-1].year
    for key, info in catalogue.indicators.items():
        row = catalogue.rows[key]
        if info.scope is not IndicatorScope.ROUND or not row.is_valid_in(year):
            continue
        asked = [(r, catalogue.key_in(key, r.year)) for r in rounds]
        series = [(r.year, r.values.get(catalogue.rows[k].id) if k is not None else None) for r, k in asked]
        value = series[-1][1]
        previous_year, previous = (series[-2] if len(series) > 1 else (None, None))
        change = None
        if value is not None and previous is not None and value.number is not None and previous.number:
            change = tidy(((value.number - previous.number) * 100 / previous.number).quantize(QUANTUM))
        trend = tuple(TrendPoint(y, v, int(v is not None), None, 1, asked_as=k)
                      for (y, v), (_, k) in zip(series, asked, strict=True))
        sentence = round_figure_sentence(info, year, value, previous_year, previous, change,
                                         catalogue.summaries[key][0])
        figures.append(RoundFigure(info, value, previous, previous_year, change, trend, sentence,
                                   _revisions(trend, catalogue)))
    return figures


def _raw_rows(view: RoundView, catalogue: Catalogue) -> list[RawRow]:
    """Every included report's answers (derived ones too) and commitment statuses, in the form's order."""
    rows: list[RawRow] = []
    year = view.round.year
    for report in view.reports:
        if not report.is_included or report.submission is None:
            continue
        statuses = report.submission.statuses
        for commitment in catalogue.commitments:
            if not commitment.applies_to(report.party.kind) or not commitment.is_valid_in(year):
                continue
            for indicator in commitment.indicators:
                value = report.by_key.get(indicator.key) if indicator.is_valid_in(year) else None
                if value is not None:
                    rows.append(RawRow(year, report.party, commitment.number, catalogue.indicators[indicator.key],
                                       value, None, None, report.state))
            status = statuses.get(commitment.id)
            if status is not None and (status.status_level_id is not None or status.comment):
                level = catalogue.status_levels.get(status.status_level_id) if status.status_level_id else None
                rows.append(RawRow(year, report.party, commitment.number, None, None, level, status.comment,
                                   report.state))
    return rows
