"""The sheets of tables: one per commitment (parties × questions), Rådata (tidy, every year), Svarsfrekvens."""

from __future__ import annotations

from collections.abc import Iterator

from reports.data import CommitmentResult, FollowUp, IndicatorResult
from reports.data.texts import long_date
from reports.data.types import Aggregate
from reports.excel.cells import STATE_LABELS, YES, Gettext, county_cell, decimals_of, value_cell
from reports.excel.model import Amount, CellValue, Chart, Column, Row, Series, Sheet, Style, Styled
from reports.excel.overview import marks, preliminary_rows
from reports.palette import FILLS, Fill, Meaning
from tracker.domain import IndicatorKind
from tracker.domain.messages import N_

MAX_CHART_PARTIES = 60  # a chart of more parties than this is unreadable; the table is there
AXIS_FORMATS = {"%": '0" %"'}
CHART_KINDS = (IndicatorKind.RATIO, IndicatorKind.PERCENT, IndicatorKind.COUNT, IndicatorKind.QUANTITY,
               IndicatorKind.SUM)


def commitment_sheet(followup: FollowUp, commitment: CommitmentResult, locale: str, t: Gettext) -> Sheet:
    """The parties × the commitment's questions, each party's status and comment, the county's row last."""
    columns = [Column(t(N_("Party"))), Column(t(N_("Code")), 7), Column(t(N_("Report")), 14)]
    layout: list[tuple[IndicatorResult, str]] = []
    charts: list[Chart] = []
    for result in commitment.indicators:
        layout.append((result, "value"))
        value_column = len(columns)
        columns.append(Column(result.info.label.get(locale), 18, wrap=True))
        if result.target is not None and result.target.due:
            layout += [(result, "due_year"), (result, "gap")]
            columns += [Column(t(N_("Target year")), 10, wrap=True),
                        Column(t(N_("Short of the target")), 12, wrap=True)]
        target = result.info.target
        if (target is not None and result.info.kind in CHART_KINDS and 1 < len(result.expected) <= MAX_CHART_PARTIES
                and result.county.method is not Aggregate.DISTRIBUTION):
            chart_title = t(N_("%(label)s per party – target: %(target)s")) % {
                "label": result.info.label.get(locale), "target": target.text.get(locale)}
            charts.append(Chart(chart_title, 0, (Series(value_column),), result.info.unit or "",
                                number_format=AXIS_FORMATS.get(result.info.unit or "", "#,##0"), horizontal=True,
                                last_row=len(commitment.party_statuses) - 1,
                                point_fills=outcome_fills(result, commitment)))
    columns += [Column(t(N_("Status")), 14), Column(t(N_("Comment")), 50, wrap=True)]
    preamble: list[Row] = [
        [Styled(t(N_("Commitment %(number)s: %(title)s")) % {"number": commitment.number,
                                                            "title": commitment.title.get(locale)}, Style.TITLE)],
        *marks(followup, locale, t),
        *([Styled(sentence.get(locale), Style.NOTE)] for sentence in commitment.sentences),
    ]
    return Sheet(t(N_("Commitment %(number)s")) % {"number": commitment.number}, columns,
                 _commitment_rows(commitment, layout, locale, t), preamble, charts)


def outcome_fills(result: IndicatorResult, commitment: CommitmentResult) -> tuple[Fill | None, ...]:
    """Each party's bar (the sheet's rows) in the colour of its outcome: met, not met, target not yet due."""
    by_party = {value.party.code: value for value in result.values}
    fills: list[Fill | None] = []
    for status in commitment.party_statuses:
        value = by_party.get(status.party.code)
        if value is None or value.value is None:
            fills.append(None)
        elif value.due is not None and not value.due.is_due:
            fills.append(FILLS[Meaning.NOT_DUE])
        elif value.meets_target is not None:
            fills.append(FILLS[Meaning.MET if value.meets_target else Meaning.NOT_MET])
        else:
            fills.append(None)
    return tuple(fills)


def _commitment_rows(
    commitment: CommitmentResult, layout: list[tuple[IndicatorResult, str]], locale: str, t: Gettext
) -> Iterator[Row]:
    values = {(result.info.key, v.party.code): v for result, _ in layout for v in result.values}
    for status in commitment.party_statuses:
        party = status.party
        row: list[CellValue] = [party.name, party.code, t(STATE_LABELS[status.state])]
        for result, part in layout:
            found = values.get((result.info.key, party.code))
            due = found.due if found is not None else None
            if part == "value":
                row.append(value_cell(result.info, found.value, locale) if found is not None else None)
            elif part == "due_year":
                row.append(due.due_year if due is not None else None)
            else:
                gap = due.gap if due is not None and due.is_due else None
                row.append(Amount(gap, result.info.unit, decimals_of(result.info, gap)) if gap is not None else None)
        row += [status.status.label.get(locale) if status.status else None, status.comment]
        yield row
    county: list[CellValue] = [Styled(t(N_("Whole county")), Style.STRONG), None, None]
    for result, part in layout:
        county.append(county_cell(result.info, result.county, locale, t) if part == "value" else None)
    yield [*county, None, None]


def raw_sheet(followup: FollowUp, locale: str, t: Gettext) -> Sheet:
    """One tidy row per party, year, commitment and question (and status), every year up to the follow-up's."""
    columns = [
        Column(t(N_("Year")), 7), Column(t(N_("Code")), 7), Column(t(N_("Party")), 26),
        Column(t(N_("Commitment")), 11), Column(t(N_("Key")), 26), Column(t(N_("Question")), 60),
        Column(t(N_("Value")), 16), Column(t(N_("Unit")), 7), Column(t(N_("Comment")), 40),
        Column(t(N_("Report")), 13),
    ]
    return Sheet(t(N_("Raw data")), columns, _raw_rows(followup, locale, t), preliminary_rows(followup, locale),
                 freeze_columns=0, landscape=True)


def _raw_rows(followup: FollowUp, locale: str, t: Gettext) -> Iterator[Row]:
    labels: dict[str, tuple[str, str | None]] = {}
    states = {state: t(label) for state, label in STATE_LABELS.items()}
    status_label = t(N_("Status"))
    for row in followup.raw_rows:
        info = row.indicator
        if info is None:
            yield (row.year, row.party.code, row.party.name, row.commitment_number, f"{row.commitment_number}.status",
                   status_label, row.status.label.get(locale) if row.status else None, None, row.comment,
                   states[row.state])
            continue
        if info.key not in labels:
            labels[info.key] = (info.label.get(locale), info.unit)
        label, unit = labels[info.key]
        value = row.value
        cell: CellValue
        if value is None:
            cell = None
        elif value.number is not None:
            cell = value.number
        else:
            cell = info.format(value, locale)
        yield (row.year, row.party.code, row.party.name, row.commitment_number, info.key, label, cell,
               unit if value is not None and value.number is not None else None, None, states[row.state])


def response_sheet(followup: FollowUp, locale: str, t: Gettext) -> Sheet:
    """Who has reported: one line of counts above the table of parties (few rows frozen)."""
    done = followup.completeness
    counts = t(N_("%(reported)s of %(expected)s reported (approved: %(approved)s, submitted: %(submitted)s, "
                  "sent back: %(returned)s, drafts: %(draft)s, not started: %(not_started)s; late: %(late)s)")) % {
        "reported": done.reported, "expected": done.expected, "approved": done.approved,
        "submitted": done.submitted, "returned": done.returned, "draft": done.draft,
        "not_started": done.not_started, "late": done.late}
    deadline = t(N_("Deadline: %(date)s")) % {"date": long_date(done.deadline_on, locale)}
    preamble: list[Row] = [
        [Styled(t(N_("Response rate %(year)s")) % {"year": followup.year}, Style.TITLE)], *marks(followup, locale, t),
        [Styled(counts, Style.STRONG)], [deadline],
    ]
    columns = [Column(t(N_("Party")), 28), Column(t(N_("Code")), 8), Column(t(N_("Report")), 24),
               Column(t(N_("Submitted")), 17), Column(t(N_("Approved")), 17),
               Column(t(N_("Counted in the figures")), 12, wrap=True), Column(t(N_("Late")), 10)]
    rows = ([p.party.name, p.party.code, t(STATE_LABELS[p.state]), p.submitted_dt, p.approved_dt,
             t(YES) if p.is_included else None, t(YES) if p.is_late else None] for p in done.parties)
    return Sheet(t(N_("Response rate")), columns, rows, preamble, landscape=False)
