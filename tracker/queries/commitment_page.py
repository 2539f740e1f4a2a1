"""One commitment of a report as its page shows it: the questions with the current answer, last year's answer
and the derived figures computed from the answers; the status and comment, this year's and last year's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from tracker.domain import Commitment, CopyMark, Indicator, IndicatorKind, Submission, TargetComparison, localized
from tracker.domain.applicability import (
    History,
    answer_values,
    applicable_commitments,
    applicable_questions,
    inconsistent_answers,
    indicator_value,
    status_scale,
    unusual_answers,
)
from tracker.domain.copies import unconfirmed_copies
from tracker.domain.values import Value, ValueRules, format_value, meets_target
from tracker.i18n import gettext_for
from tracker.queries.reporting import Progress, commitment_progress
from tracker.queries.review import is_changed


@dataclass(frozen=True)
class Target:
    """A derived figure's target: "ge" at least / "le" at most / "eq" / "in", the value, and whether it is met."""

    comparison: TargetComparison
    value_text: str
    is_met: bool | None


@dataclass(frozen=True)
class ValueCheck:
    """Why a value is marked: far outside the party's earlier years (`change`, with the request `to_confirm`
    it), or contradicting another answer (`contradiction`); each "" when not. `history`: the party's earlier
    values, latest first ((2024, "12"), (2023, "11"))."""

    change: str
    to_confirm: str
    contradiction: str
    history: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class QuestionView:
    id: int
    key: str
    kind: IndicatorKind
    label: str
    help: str
    unit: str | None
    is_required: bool
    is_derived: bool
    value_text: str  # the current answer as people read it, "" when none ("12,5 GWh", "Ja")
    last_year_text: str  # last year's answer, "" when none
    target: Target | None  # derived figures only
    reveals_more: bool  # other questions depend on its answer
    operand_keys: tuple[str, ...]  # derived figures: the keys they are computed from
    check: ValueCheck | None = None  # marked for a second look: far from earlier years, or contradicting
    comment: str | None = None  # the party's comment on the value (AnswerComment)
    changed: bool = False  # differs from last year's answer (queries.review.is_changed); False without last year
    copied: CopyMark | None = None  # last year's answer, copied and not changed since (unchecked: to confirm)


@dataclass(frozen=True)
class StatusOption:
    key: str
    label: str


@dataclass(frozen=True)
class CommitmentPage:
    number: str
    title: str
    text: str
    position: int  # 1-based among the report's commitments
    count: int
    previous_number: str | None
    next_number: str | None
    questions: tuple[QuestionView, ...]
    status_options: tuple[StatusOption, ...]
    status_label: str | None
    comment: str | None
    last_year: int | None  # the year of last year's report, None when there is none
    last_year_status_label: str | None
    last_year_comment: str | None
    progress: Progress
    status_changed: bool = False  # the status differs from last year's (is_changed)
    status_copied: CopyMark | None = None  # last year's status, copied and not changed since
    copies_to_check: int = 0  # copied answers and status the party has not confirmed yet


def commitment_page(
    submission: Submission, commitment: Commitment, previous: Submission | None, locale: str,
    values: Mapping[int, Value] | None = None, earlier: History = (),
) -> CommitmentPage:
    """The page of `commitment` in `submission`; `previous` is last year's report (`previous_report`), `earlier`
    every handed-in report of the years before (`earlier_values`), for the values to check.

    `values` (indicator id -> value) replaces the stored answers, e.g. by what a contact typed.
    """
    values = dict(answer_values(submission) if values is None else values)
    last_values = answer_values(previous) if previous is not None else {}
    commitments = applicable_commitments(submission)
    index = commitments.index(commitment)
    questions = applicable_questions(submission, commitment, values)
    controlling = {i.condition_indicator_id for i in commitment.indicators if i.condition_indicator_id}
    by_key = {i.key: i for c in submission.round.agreement.commitments for i in c.indicators}
    status = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
    # last year's status: of this commitment, or of the one it continues (a revised agreement's first year)
    by_number = {c.number: c.id for c in submission.round.agreement.commitments}
    asked_before = {commitment.id, by_number.get(commitment.continues or "", commitment.id)}
    last_status = next((s for s in sorted(previous.statuses, key=lambda s: s.commitment_id != commitment.id)
                        if s.commitment_id in asked_before), None) if previous else None
    level, last_level = (status.status_level if status else None), (last_status.status_level if last_status else None)
    checks = _Checks(submission, values, earlier, by_key)
    marks = {a.indicator_id: a.copy_mark for a in submission.answers if a.copy_mark is not None}
    status_label = localized(level, "label", locale) if level else None
    last_status_label = localized(last_level, "label", locale) if last_level else None
    return CommitmentPage(
        number=commitment.number,
        title=localized(commitment, "title", locale),
        text=localized(commitment, "text", locale),
        position=index + 1,
        count=len(commitments),
        previous_number=commitments[index - 1].number if index > 0 else None,
        next_number=commitments[index + 1].number if index + 1 < len(commitments) else None,
        questions=tuple(
            _marked(_with_check(_question(i, values, last_values, by_key, i.id in controlling, locale), i, checks,
                                locale), marks.get(i.id), has_last_year=previous is not None)
            for i in questions
        ),
        status_options=tuple(
            StatusOption(lv.key, localized(lv, "label", locale)) for lv in status_scale(submission)
        ),
        status_label=status_label,
        comment=status.comment if status else None,
        last_year=previous.round.year if previous is not None else None,
        last_year_status_label=last_status_label,
        last_year_comment=last_status.comment if last_status else None,
        progress=commitment_progress(submission, commitment, answer_values(submission)),
        status_changed=previous is not None and is_changed(status_label, last_status_label),
        status_copied=status.status_copy_mark if status is not None and level is not None else None,
        copies_to_check=unconfirmed_copies(submission, commitment),
    )


def _question(
    indicator: Indicator, values: Mapping[int, Value], last_values: Mapping[int, Value],
    by_key: Mapping[str, Indicator], reveals_more: bool, locale: str,
) -> QuestionView:
    rules = ValueRules.of(indicator)
    value, last = value_of(indicator, values, by_key), value_of(indicator, last_values, by_key)
    if last is None and indicator.continues in by_key:  # a revision's question: last year's answer to the old one
        last = value_of(by_key[indicator.continues or ""], last_values, by_key)
    target = None
    if rules.kind.is_derived and rules.target_comparison is not None:
        target = Target(rules.target_comparison, _target_text(rules, locale), meets_target(rules, value))
    return QuestionView(
        id=indicator.id,
        key=indicator.key,
        kind=rules.kind,
        label=localized(indicator, "label", locale),
        help=localized(indicator, "help", locale),
        unit=rules.unit,
        is_required=indicator.is_required,
        is_derived=rules.kind.is_derived,
        value_text=format_value(rules, value, locale, _decimals(rules)),
        last_year_text=format_value(rules, last, locale, _decimals(rules)),
        target=target,
        reveals_more=reveals_more,
        operand_keys=rules.operand_keys,
    )


def _marked(view: QuestionView, copied: CopyMark | None, *, has_last_year: bool) -> QuestionView:
    """The question with its copy mark and whether it is "changed" against last year's answer (as read)."""
    return replace(view, copied=copied, changed=has_last_year and is_changed(view.value_text, view.last_year_text))


def _decimals(rules: ValueRules) -> int | None:
    """Shares are read with one decimal ("30,4 %"); everything else as stored."""
    return 1 if rules.kind is IndicatorKind.RATIO else None


def value_of(indicator: Indicator, values: Mapping[int, Value], by_key: Mapping[str, Indicator]) -> Value | None:
    """An indicator's value among `values`: the answer, or for a derived figure the value computed from them."""
    return indicator_value(indicator, values, by_key)


class _Checks:
    """The report's values to check, computed once for the page: far from earlier years, contradicting."""

    def __init__(self, submission: Submission, values: Mapping[int, Value], earlier: History,
                 by_key: Mapping[str, Indicator]) -> None:
        self.unusual = unusual_answers(submission, earlier, values)
        self.contradictions = inconsistent_answers(submission, values)
        self.comments = {c.indicator_id: c.text for c in submission.answer_comments}
        self.earlier = sorted(((year, old) for year, old in earlier if year < submission.round.year), reverse=True,
                              key=lambda found: found[0])
        self.by_key = by_key

    def history(self, indicator: Indicator, locale: str) -> tuple[tuple[int, str], ...]:
        rules = ValueRules.of(indicator)
        found = ((year, indicator_value(indicator, old, self.by_key)) for year, old in self.earlier)
        return tuple((year, format_value(rules, value, locale, _decimals(rules))) for year, value in found
                     if value is not None)


def _with_check(view: QuestionView, indicator: Indicator, checks: _Checks, locale: str) -> QuestionView:
    change, contradiction = checks.unusual.get(indicator.id), checks.contradictions.get(indicator.id)
    comment = checks.comments.get(indicator.id)
    if change is None and contradiction is None:
        return replace(view, comment=comment) if comment else view
    gettext = gettext_for(locale)
    check = ValueCheck(
        change=change.message.render(gettext) if change else "",
        to_confirm=change.to_confirm.render(gettext) if change else "",
        contradiction=contradiction.render(gettext) if contradiction else "",
        history=checks.history(indicator, locale),
    )
    return replace(view, check=check, comment=comment)


def _target_text(rules: ValueRules, locale: str) -> str:
    if rules.target_value is not None:
        return format_value(rules, Value(number=rules.target_value), locale)
    labels = {o.key: (o.label_en if locale.startswith("en") else o.label_sv) for o in rules.options}
    return ", ".join(labels.get(key, key) for key in rules.target_options)
