"""The report data of a round's follow-up: frozen, typed, language-neutral, computed once by `build_followup`.

The Excel summary, the forum deck and the dashboard all read a `FollowUp`; none of them computes a figure.
Numbers are `Decimal` inside `values.Value`s; texts are `Localized`/`CatalogText`/`Sentence` (reports.data.texts)
and are shown with `.get(locale)`. Parties are referred to by `PartyInfo` (code, name, kind).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from reports.data.texts import FormattedValue, Joined, Localized, Sentence
from tracker.domain import IndicatorKind, IndicatorScope, PartyKind, RoundState, SubmissionState, TargetComparison
from tracker.domain.agreement import TargetScope
from tracker.domain.free_text import bullet_lines
from tracker.domain.presentation import Presentation
from tracker.domain.values import Value, ValueRules
from tracker.queries.stations import StationRow


@dataclass(frozen=True, slots=True)
class PartyInfo:
    code: str
    name: str
    kind: PartyKind


@dataclass(frozen=True, slots=True)
class StatusLevelInfo:
    key: str
    label: Localized
    is_done: bool
    is_applicable: bool
    years: tuple[int | None, int | None] = (None, None)  # on the scale from, to (None: open at that end)


@dataclass(frozen=True, slots=True)
class TargetInfo:
    comparison: TargetComparison
    value: Decimal | None  # ge/le/eq
    options: tuple[str, ...]  # "in": the answers that reach it (option keys, "yes"/"no")
    scope: TargetScope  # party: each answer is compared; county: the county figure is
    due_indicator_key: str | None  # the target applies from `due_offset_years` after this answer (a year)
    due_offset_years: int | None
    threshold: FormattedValue | Joined  # "36 GWh", "50 %", "Ja"
    text: Sentence  # "minst 36 GWh", "minst 50 %", "Ja"


@dataclass(frozen=True, slots=True)
class IndicatorInfo:
    key: str
    commitment_number: str | None  # None: a county figure of the round
    kind: IndicatorKind
    scope: IndicatorScope
    label: Localized
    unit: str | None  # "%" for percent and ratio
    rules: ValueRules  # for values.format_value / meets_target
    target: TargetInfo | None
    overview_title: Localized | None = None  # a deck slide naming every party with its answer, under this title

    def format(self, value: Value | None, locale: str = "sv", decimals: int | None = 1) -> str:
        return FormattedValue(self.rules, value, decimals).get(locale)


@dataclass(frozen=True, slots=True)
class DueTarget:
    """A target due a number of years after another answer: 50 % gas cars five years after the first station."""

    party: PartyInfo
    anchor_year: int | None  # the answer it depends on (first station year); None: no such answer
    due_year: int | None
    value: Value | None
    gap: Decimal | None  # how far the value is from the target (0 when reached); None without a value
    is_due: bool  # due_year <= the round's year
    is_overdue: bool  # due and not reached
    meets_target: bool | None


@dataclass(frozen=True, slots=True)
class PartyValue:
    party: PartyInfo
    state: SubmissionState
    value: Value | None  # None: not answered (or the report is not included)
    text: FormattedValue  # the value as people read it
    is_reported: bool  # the report is included in the follow-up
    meets_target: bool | None  # None: no party target, no value, or not yet due
    due: DueTarget | None


class Aggregate(enum.StrEnum):
    SUM = "sum"  # quantity, count, sum: the county total
    SHARE = "share"  # ratio: Σ numerator / Σ denominator, weighted by the parties' counts
    MEAN = "mean"  # percent: the mean (and median) of the answers
    DISTRIBUTION = "distribution"  # yes_no, choice: answers per option
    ANSWERS = "answers"  # year, text: only how many answered


@dataclass(frozen=True, slots=True)
class OptionCount:
    key: str  # option key, "yes"/"no"
    label: Localized
    count: int
    parties: tuple[str, ...]  # party codes


@dataclass(frozen=True, slots=True)
class CountyFigure:
    method: Aggregate
    value: Value | None  # the sum, the weighted share or the mean; None for distributions or without answers
    answers: int  # parties whose answer counts
    median: Decimal | None = None  # percent
    numerator: Decimal | None = None  # ratio: Σ of the first operand
    denominator: Decimal | None = None  # ratio: Σ of the second
    distribution: tuple[OptionCount, ...] = ()
    missing: tuple[PartyInfo, ...] = ()  # asked, but not counted: no report in the follow-up, or no answer

    @property
    def is_complete(self) -> bool:
        """Every party asked is counted: the figure is the county's, not a part of it."""
        return not self.missing


@dataclass(frozen=True, slots=True)
class TargetResult:
    """Who reaches a target. Missing is not missed: a party that has not reported (or not answered) is in
    `not_reported`, never in `not_met`; the counts of a sentence are over `answered`."""

    target: TargetInfo
    expected: tuple[PartyInfo, ...]  # parties the target applies to (and is due for)
    met: tuple[PartyInfo, ...]  # of those that answered
    not_met: tuple[PartyInfo, ...]  # answered, and do not reach it
    county_met: bool | None  # scope county: whether the county figure reaches it; None: not known (see below)
    due: tuple[DueTarget, ...] = ()  # target_due: every expected party, due or not
    not_reported: tuple[PartyInfo, ...] = ()  # expected, without a value in the follow-up
    # expected, with a value the target cannot judge (a share over 100 %, stored before the rules refused it):
    # named, neither met nor missed
    unjudged: tuple[PartyInfo, ...] = ()

    @property
    def answered(self) -> tuple[PartyInfo, ...]:
        """The parties whose value is compared with the target."""
        return self.met + self.not_met


@dataclass(frozen=True, slots=True)
class TrendPoint:
    year: int
    value: Value | None  # the county figure of that year
    answers: int
    met: int | None  # parties meeting the target (None without a party target)
    expected: int  # parties the target applied to (or, without a target, parties asked)
    county_met: bool | None = None
    distribution: tuple[OptionCount, ...] = ()
    answered: int | None = None  # of `expected`, those whose value is compared with the target (None: no target)
    is_complete: bool = True  # every party asked is counted in `value`
    asked_as: str | None = None  # the key of the question asked that year (a revision continues an earlier one)


@dataclass(frozen=True, slots=True)
class Revision:
    """Where a trend's question changed: from `year` it was asked as a new question of a revised agreement, which
    continues the one asked until the year before, worded `previous_label`."""

    year: int
    previous_label: Localized
    version: str | None  # the agreement version that asks it from `year`


@dataclass(frozen=True)
class IndicatorResult:
    info: IndicatorInfo
    expected: tuple[PartyInfo, ...]  # asked the question (applicability) in the round
    reported: tuple[PartyInfo, ...]  # of those, with an included report
    values: tuple[PartyValue, ...]  # one per expected party, in party order
    county: CountyFigure
    target: TargetResult | None
    trend: tuple[TrendPoint, ...]  # every round up to this one
    sentence: Sentence | None
    revisions: tuple[Revision, ...] = ()  # where the trend's question changed (a continued question)


@dataclass(frozen=True, slots=True)
class PartyStatus:
    party: PartyInfo
    state: SubmissionState
    status: StatusLevelInfo | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class StatusCount:
    level: StatusLevelInfo | None  # None: no status given (or not reported)
    count: int
    parties: tuple[str, ...]


@dataclass(frozen=True)
class CommitmentResult:
    number: str
    title: Localized
    text: Localized
    expected: tuple[PartyInfo, ...]  # the parties the commitment applies to
    indicators: tuple[IndicatorResult, ...]
    statuses: tuple[StatusCount, ...]  # the scale in order, then "no status"
    party_statuses: tuple[PartyStatus, ...]  # one per expected party
    comments: tuple[PartyStatus, ...]  # the included reports with a comment
    sentences: tuple[Sentence, ...]  # the key figures, the status


@dataclass(frozen=True)
class RoundFigure:
    """A county figure the project leaders enter (biogas production in the county)."""

    info: IndicatorInfo
    value: Value | None
    previous: Value | None
    previous_year: int | None
    change_percent: Decimal | None
    trend: tuple[TrendPoint, ...]
    sentence: Sentence | None
    revisions: tuple[Revision, ...] = ()


@dataclass(frozen=True, slots=True)
class PartyCompleteness:
    party: PartyInfo
    state: SubmissionState
    submitted_dt: datetime | None
    approved_dt: datetime | None
    is_included: bool  # counted in the figures of this follow-up
    is_late: bool  # not reported by the deadline


@dataclass(frozen=True)
class Completeness:
    expected: int
    submitted: int
    approved: int
    returned: int
    draft: int
    not_started: int
    late: int
    deadline_on: date | None
    parties: tuple[PartyCompleteness, ...]

    @property
    def reported(self) -> int:
        return self.submitted + self.approved


@dataclass(frozen=True, slots=True)
class YearInfo:
    year: int
    state: RoundState
    is_example: bool
    expected: int
    reported: int  # included reports


@dataclass(frozen=True, slots=True)
class RawRow:
    """One tidy row of Rådata: a party's answer (or, indicator None, its status and comment) in one year."""

    year: int
    party: PartyInfo
    commitment_number: str
    indicator: IndicatorInfo | None
    value: Value | None
    status: StatusLevelInfo | None
    comment: str | None
    state: SubmissionState


@dataclass(frozen=True, slots=True)
class VersionInfo:
    label: str
    from_year: int
    to_year: int | None
    note: Localized


@dataclass(frozen=True)
class AgreementInfo:
    slug: str
    name: Localized
    county: str
    version: str  # the version the follow-up's year was asked with
    description: Localized
    forum_name: Localized  # where the follow-up is presented ("" when the data file names none)
    organisation: str | None  # who presents the deck, from the agreement's data
    versions: tuple[VersionInfo, ...] = ()  # every version, oldest first
    in_force: tuple[int, int | None] = (0, None)  # the agreement's first and last year (None: until further)


_STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class FollowUp:
    agreement: AgreementInfo
    year: int
    round_state: RoundState
    opens_on: date | None
    deadline_on: date | None
    news: Localized  # "Vad har hänt sen sist?", one bullet per line
    include_drafts: bool
    is_preliminary: bool  # the round is not closed, or drafts are counted: the figures may still change
    included_states: tuple[SubmissionState, ...]
    is_example: bool  # the round or a report in it is example data
    generated_at: datetime
    parties: tuple[PartyInfo, ...]
    status_levels: tuple[StatusLevelInfo, ...]
    commitments: tuple[CommitmentResult, ...]
    round_figures: tuple[RoundFigure, ...]
    completeness: Completeness
    years: tuple[YearInfo, ...]  # every round up to `year`
    raw_rows: tuple[RawRow, ...]  # every year, every included report
    summary: tuple[Sentence, ...]  # the key sentences of the forum's Summering
    presentation: Presentation = field(default_factory=Presentation)  # the project leaders' own texts for the forum
    stations: tuple[StationRow, ...] = ()  # the station register's stations open in the year

    def to_the_day(self) -> FollowUp:
        """This follow-up with `generated_at` only to the day (in Stockholm), what the files drawn from it say
        of it at most but the Excel summary's minute: two follow-ups equal in it draw the same handout, deck and
        charts (tracker.web.forum.cache.drawn), and the workbook of the day's first drawing."""
        day = self.generated_at.astimezone(_STOCKHOLM).date()
        return replace(self, generated_at=datetime.combine(day, time(0), tzinfo=_STOCKHOLM))

    def indicator(self, key: str) -> IndicatorResult:
        for commitment in self.commitments:
            for result in commitment.indicators:
                if result.info.key == key:
                    return result
        raise KeyError(key)

    def round_figure(self, key: str) -> RoundFigure:
        for figure in self.round_figures:
            if figure.info.key == key:
                return figure
        raise KeyError(key)

    def news_lines(self, locale: str = "sv") -> list[str]:
        return bullet_lines(self.news.get(locale))
