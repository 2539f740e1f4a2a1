"""The import of earlier years: the follow-ups made before the app, as rows of party, year, indicator, value and
comment.

A workbook is read and every row checked against the agreement (`HistoryCatalogue.check`, used by
forms.excel_form.history) before anything is kept; the valid rows are kept as a `PendingImport`
(`operations.imports`) for the project leader's preview. Confirming checks them again against the agreement as it
is now and writes the values into the year's round (created closed when missing) and each party's submission in
it (created approved when missing), every value in the audit trail. The command `tracker import-history` writes
checked rows directly (`write_history`).

Every function flushes; none commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Answer,
    Indicator,
    IndicatorKind,
    IndicatorScope,
    Party,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
    User,
)
from tracker.domain.applicability import stored_value, value_key
from tracker.domain.base import utcnow
from tracker.domain.imports import ImportKind, PendingImport
from tracker.domain.membership import is_member
from tracker.domain.messages import N_, Message
from tracker.domain.values import InvalidValue, Value, ValueRules, inconsistencies, parse
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor, record
from tracker.operations.imports import new_pending
from tracker.operations.rounds import create_round, ensure_submission

MAX_HISTORY_ROWS = 20000


@dataclass(frozen=True)
class HistoryValue:
    """One valid row of a bulk import: a party's value of an indicator in a year, with an optional comment."""

    row: int
    party: Party
    year: int
    indicator: Indicator
    value: Value
    comment: str | None = None


class HistoryProblem(Exception):  # noqa: N818 - a row's problem, not a program error
    def __init__(self, msgid: str, **params: Any) -> None:
        self.message = Message(msgid, params)
        super().__init__(msgid)


@dataclass
class HistoryCatalogue:
    """What a row of earlier years is checked against: the agreement's parties, indicators and rounds."""

    agreement: Agreement
    parties: dict[str, Party] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    rounds: dict[int, ReportingRound] = field(default_factory=dict)

    @classmethod
    def of(cls, session: Session, agreement: Agreement) -> HistoryCatalogue:
        rounds = session.scalars(select(ReportingRound).where(ReportingRound.agreement_id == agreement.id)).all()
        return cls(
            agreement=agreement,
            parties={party.code: party for party in agreement.parties},
            indicators={i.key: i for i in agreement.indicators if i.scope is IndicatorScope.PARTY},
            rounds={r.year: r for r in rounds},
        )

    def contradictions(self, values: Iterable[HistoryValue]) -> list[tuple[int, Message]]:
        """(row, message) of the values that contradict another value of the same party and year, in the file or
        already stored (values.inconsistencies: gas cars > cars, a first station after the year)."""
        groups: dict[tuple[str, int], list[HistoryValue]] = {}
        for value in values:
            groups.setdefault((value.party.code, value.year), []).append(value)
        found = []
        for (code, year), group in groups.items():
            stored = self._stored(code, year)
            by_key = {**stored, **{v.indicator.key: v.value for v in group}}
            rules = {key: ValueRules.of(self.indicators[key]) for key in by_key if key in self.indicators}
            problems = inconsistencies(rules, by_key, year)
            found += [(v.row, problems[v.indicator.key].message) for v in group if v.indicator.key in problems]
        return sorted(found, key=lambda item: item[0])

    def _stored(self, code: str, year: int) -> dict[str, Value]:
        reporting_round = self.rounds.get(year)
        if reporting_round is None:
            return {}
        for submission in reporting_round.submissions:
            if submission.party.code == code:
                return {a.indicator.key: v for a in submission.answers if (v := stored_value(a)) is not None}
        return {}

    def party_of(self, raw: object) -> Party:
        """A party by its code; an Excel number that lost its leading zero (680) is read as "0680"."""
        text = str(int(raw)) if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == int(raw) \
            else str(raw or "").strip()
        for code in (text, text.zfill(4), text.zfill(2)):
            if code in self.parties:
                return self.parties[code]
        raise HistoryProblem(N_("Unknown party code \"%(code)s\"."), code=text[:20])

    def year_of(self, raw: object) -> int:
        year = None
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == int(raw):
            year = int(raw)
        elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit() and len(raw.strip()) == 4:
            year = int(raw.strip())  # ASCII digits only: "２０３１" is not read as a year
        first, last = self.agreement.in_force_from_year, self.agreement.in_force_to_year
        if year is None:
            raise HistoryProblem(N_("The year must be a year such as 2019."))
        if year < first or (last is not None and year > last):
            raise HistoryProblem(N_("The agreement was not in force in %(year)s."), year=year)
        if year > utcnow().year:
            raise HistoryProblem(N_("%(year)s has not come yet: only years that have begun can be imported."),
                                 year=year)
        found = self.rounds.get(year)
        if found is not None and found.state != RoundState.CLOSED:
            raise HistoryProblem(
                N_("The round for %(year)s is not closed: its reports are made in the app, not imported."),
                year=year,
            )
        return year

    def indicator_of(self, raw: object, year: int, party: Party) -> Indicator:
        key = str(raw or "").strip()
        indicator = self.indicators.get(key)
        if indicator is None:
            raise HistoryProblem(N_("Unknown indicator \"%(key)s\"."), key=key[:64])
        if indicator.kind.is_derived:
            raise HistoryProblem(N_("The indicator %(key)s is computed and cannot be imported."), key=key)
        if not indicator.is_valid_in(year):
            raise HistoryProblem(N_("The indicator %(key)s was not asked in %(year)s."), key=key, year=year)
        if not indicator.applies_to_kind(party.kind) or (
            indicator.commitment is not None and not indicator.commitment.applies_to(party.kind)
        ):
            raise HistoryProblem(N_("The indicator %(key)s does not apply to %(party)s."), key=key,
                                 party=party.name)
        return indicator

    def check(self, row: int, code: object, year: object, key: object, raw: object, comment: object
              ) -> HistoryValue:
        """One row, as read from the workbook or the pending import. Raises `HistoryProblem` or `InvalidValue`."""
        party = self.party_of(code)
        year_number = self.year_of(year)
        if not is_member(self.agreement, party, year_number):
            raise HistoryProblem(N_("%(party)s was not a party to the agreement in %(year)s."), party=party.name,
                                 year=year_number)
        indicator = self.indicator_of(key, year_number, party)
        value = parse(ValueRules.of(indicator), raw)
        if value is None:
            raise HistoryProblem(N_("The value is missing."))
        note = parse(ValueRules(kind=IndicatorKind.TEXT, max_length=2000), comment)
        return HistoryValue(row, party, year_number, indicator, value, note.text if note is not None else None)


def history_payload(values: Iterable[HistoryValue]) -> dict[str, Any]:
    return {"rows": [[v.row, v.party.code, v.year, v.indicator.key, value_key(v.value), v.comment] for v in values]}


def history_values(catalogue: HistoryCatalogue, payload: Mapping[str, Any]) -> list[HistoryValue]:
    """The rows a pending import keeps, checked again against the catalogue as it is now."""
    values = []
    for row, code, year, key, raw, comment in payload.get("rows") or []:
        try:
            values.append(catalogue.check(row, code, year, key, raw, comment))
        except (HistoryProblem, InvalidValue) as problem:
            raise OperationError(
                "history_changed",
                N_("Row %(row)s can no longer be imported; upload the file again. Nothing was saved."), row=row,
            ) from problem
    if contradicting := catalogue.contradictions(values):
        raise OperationError(
            "history_changed",
            N_("Row %(row)s can no longer be imported; upload the file again. Nothing was saved."),
            row=contradicting[0][0],
        )
    return values


def create_history_import(
    session: Session, user: User, filename: str, agreement: Agreement, values: list[HistoryValue]
) -> PendingImport:
    if len(values) > MAX_HISTORY_ROWS:
        raise OperationError("too_many_rows", N_("The file has more than %(count)s rows."), count=MAX_HISTORY_ROWS)
    payload = history_payload(values) | {"agreement": agreement.slug}
    return new_pending(session, user, ImportKind.HISTORY, None, filename, payload)


def confirm_history_import(session: Session, actor: Actor, pending: PendingImport, agreement: Agreement) -> int:
    """Write the earlier years' values; returns how many values changed. Creates the year's round (closed) and a
    party's submission in it (approved) when missing."""
    if pending.kind is not ImportKind.HISTORY or pending.payload.get("agreement") != agreement.slug:
        raise OperationError("wrong_import", N_("This preview belongs to another import."))
    catalogue = HistoryCatalogue.of(session, agreement)
    changed = write_history(session, actor, catalogue, history_values(catalogue, pending.payload))
    session.delete(pending)
    session.flush()
    return changed


def write_history(session: Session, actor: Actor, catalogue: HistoryCatalogue, values: Iterable[HistoryValue]) -> int:
    """Write checked rows of earlier years (`HistoryCatalogue.check`); returns how many values changed."""
    submissions: dict[tuple[int, int], Submission] = {}
    changed = 0
    for value in values:
        submission = submissions.get((value.year, value.party.id))
        if submission is None:
            submission = _history_submission(session, actor, catalogue, value.year, value.party)
            submissions[(value.year, value.party.id)] = submission
        changed += _write_history_value(session, actor, submission, value)
    session.flush()
    return changed


def _history_submission(
    session: Session, actor: Actor, catalogue: HistoryCatalogue, year: int, party: Party
) -> Submission:
    reporting_round = catalogue.rounds.get(year)
    if reporting_round is None:
        reporting_round = create_round(session, actor, catalogue.agreement, year, None, None,
                                       state=RoundState.CLOSED)
        catalogue.rounds[year] = reporting_round
    existing = session.scalar(select(Submission.id).where(Submission.round_id == reporting_round.id,
                                                          Submission.party_id == party.id))
    submission = ensure_submission(session, reporting_round, party)
    if existing is None:
        now = utcnow()
        submission.state, submission.submitted_dt, submission.approved_dt = SubmissionState.APPROVED, now, now
        submission.first_submitted_dt = submission.first_submitted_dt or now
        session.flush()
        record(session, actor, "submission.state", "submission", submission.id, field="state",
               old=str(SubmissionState.NOT_STARTED), new=str(SubmissionState.APPROVED),
               submission_id=submission.id, submission_version=submission.version)
    return submission


def _write_history_value(session: Session, actor: Actor, submission: Submission, value: HistoryValue) -> bool:
    answer = next((a for a in submission.answers if a.indicator_id == value.indicator.id), None)
    old = stored_value(answer)
    if old == value.value:
        return False
    submission.updated_dt = utcnow()  # the submission's version increments, as for any change of an answer
    session.flush()
    if answer is None:
        answer = Answer(indicator=value.indicator)
        submission.answers.append(answer)
    for column, column_value in value.value.columns().items():
        setattr(answer, column, column_value)
    answer.updated_dt = utcnow()
    answer.updated_by_id = actor.user.id if actor.user is not None else None
    session.flush()
    record(session, actor, "answer.update", "answer", answer.id, field=value.indicator.key,
           old=value_key(old), new=value_key(value.value), submission_id=submission.id,
           submission_version=submission.version)
    if value.comment:  # the source of an earlier year's figure, kept with the change
        record(session, actor, "answer.comment", "answer", answer.id,
               field=f"{value.indicator.key}.comment", new=value.comment, submission_id=submission.id,
               submission_version=submission.version)
    session.flush()
    return True
