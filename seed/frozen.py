"""What an agreement file may not change in the database: closed years stay as they were asked.

A closed round's deck, Excel summary and dashboard show the commitments, questions, targets and status scale the
parties answered. So a file that would change any of them for a closed year is refused, naming the field and
the years, and saying what to do instead: a new question (a new key with `continues = "<old key>"`, the old one
retired with `valid_to_year`), which the trend follows across the versions. A plain typo may be corrected with a
reason (`tracker seed --correction "…"`): the change is then kept in the audit trail with the reason.

The versions: the file describes the agreement's newest version. A new version label starts a new version from
`version_from_year`, after every closed round; the one before it then ends the year before. An older version's
file cannot be loaded over a newer one, and the agreement cannot end before a closed round.

Reads only; the loader writes nothing when a problem is found here (seed.loader).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from seed.schema import AgreementFile, IndicatorFields, IndicatorSpec, Problem
from seed.values import commitment_values, indicator_values, same
from tracker.domain import (
    Agreement,
    Answer,
    Indicator,
    ReportingRound,
    RoundState,
    RoundValue,
    StatusLevel,
)
from tracker.domain.base import within

# What a closed round showed of a question, a commitment and a status level (the file's fields, as columns).
ASKED_INDICATOR_FIELDS = (
    "label_sv", "label_en", "help_sv", "help_en", "unit", "party_kinds", "operand_keys", "target_comparison",
    "target_value", "target_options", "target_scope", "summary_sv", "summary_en", "summary_not_met_sv",
    "summary_not_met_en", "overview_title_sv", "overview_title_en", "commitment_id",
)
ASKED_COMMITMENT_FIELDS = ("title_sv", "title_en", "text_sv", "text_en", "party_kinds")
ASKED_LEVEL_FIELDS = ("label_sv", "label_en", "is_applicable", "is_done")
ASKED_OPTION_FIELDS = ("label_sv", "label_en")

INSTEAD = ('Lägg hellre till en ny fråga med en ny key och continues = "{key}", och sätt valid_to_year på den här '
           "(en ny version av överenskommelsen), eller ladda filen med --correction \"skäl\" om det bara är en "
           "rättelse.")


def check_against_database(session: Session, data: AgreementFile, correction: str | None = None) -> list[Problem]:
    """Every change the file would make that a closed year or the versions forbid; with `correction`, the changes
    to what closed years showed are allowed (a kind change with answers and the versions' order never are)."""
    agreement = session.scalar(
        select(Agreement).where(Agreement.slug == data.agreement.slug).options(
            selectinload(Agreement.versions), selectinload(Agreement.status_levels),
            selectinload(Agreement.commitments),
            selectinload(Agreement.indicators).selectinload(Indicator.options),
            selectinload(Agreement.indicators).selectinload(Indicator.condition_indicator),
            selectinload(Agreement.indicators).selectinload(Indicator.target_due_indicator)))
    if agreement is None:
        return []
    closed = sorted(session.scalars(select(ReportingRound.year).where(
        ReportingRound.agreement_id == agreement.id, ReportingRound.state == RoundState.CLOSED)))
    problems = _kind_changes(session, agreement, data) + _versions(agreement, data, closed)
    if closed and correction is None:
        problems += _commitments(agreement, data, closed)
        problems += _indicators(agreement, data, closed)
        problems += _status_levels(agreement, data, closed)
    return problems


def _years(years: Iterable[int]) -> str:
    return ", ".join(str(year) for year in years)


def _versions(agreement: Agreement, data: AgreementFile, closed: list[int]) -> list[Problem]:
    spec = data.agreement
    problems = []
    newest = agreement.versions[-1] if agreement.versions else None
    known = {version.label: version for version in agreement.versions}
    start = spec.version_from_year if spec.version_from_year is not None else spec.in_force_from_year
    if spec.version in known and known[spec.version] is not newest and newest is not None:
        problems.append(Problem("agreement.version", (
            f'version "{spec.version}" är inte den senaste: databasen har redan version "{newest.label}" (från '
            f"{newest.from_year}). Ändra i filen för den senaste versionen.")))
    elif spec.version not in known and newest is not None:
        if start <= newest.from_year:
            problems.append(Problem("agreement.version_from_year", (
                f'en ny version ("{spec.version}") behöver version_from_year efter {newest.from_year}, då version '
                f'"{newest.label}" började')))
        elif closed and start <= closed[-1]:
            problems.append(Problem("agreement.version_from_year", (
                f"en ny version kan inte börja {start}: omgången {closed[-1]} är redan stängd och frågades med "
                f'version "{newest.label}"')))
    elif newest is not None and start != newest.from_year:
        moved = [year for year in closed if (year >= start) != (year >= newest.from_year)]
        if moved:
            problems.append(Problem("agreement.version_from_year", (
                f"kan inte ändras från {newest.from_year} till {start}: de stängda omgångarna {_years(moved)} "
                "skulle byta version")))
    end = spec.in_force_to_year
    if end is not None and closed and closed[-1] > end:
        problems.append(Problem("agreement.in_force_to_year", (
            f"överenskommelsen kan inte sluta {end}: omgången {closed[-1]} är redan genomförd och stängd")))
    if spec.in_force_from_year != agreement.in_force_from_year and closed:
        outside = [year for year in closed if year < spec.in_force_from_year]
        if outside:
            problems.append(Problem("agreement.in_force_from_year", (
                f"kan inte vara {spec.in_force_from_year}: omgångarna {_years(outside)} är redan stängda")))
    return problems


def _asked_in(valid_from: int | None, valid_to: int | None, closed: list[int]) -> list[int]:
    return [year for year in closed if within(year, valid_from, valid_to)]


def _changed(row: Any, values: Mapping[str, Any], fields: Iterable[str]) -> list[str]:
    return [name for name in fields if name in values and not same(getattr(row, name), values[name])]


def _frozen(where: str, what: str, fields: list[str], years: list[int], key: str) -> Problem:
    return Problem(where, (f"{what} kan inte ändras ({', '.join(fields)}): det frågades så i de stängda omgångarna "
                           f"{_years(years)}, som ska visa det som det var. " + INSTEAD.format(key=key)))


def _new(path: str, what: str, span: tuple[int | None, int | None], closed: list[int]) -> list[Problem]:
    """A row new in the file may not reach into a closed year: those years did not ask it."""
    asked = _asked_in(*span, closed)
    if not asked:
        return []
    return [Problem(f"{path}.valid_from_year", f"{what} de stängda omgångarna {_years(asked)}: sätt valid_from_year "
                                              f"till ett år efter {closed[-1]}")]


def _validity(where: str, old: tuple[int | None, int | None], new: tuple[int | None, int | None],
              closed: list[int], key: str) -> list[Problem]:
    before, after = _asked_in(*old, closed), _asked_in(*new, closed)
    if before == after:
        return []
    differ = sorted(set(before) ^ set(after))
    return [Problem(where, (f"giltighetsåren kan inte ändras så: de stängda omgångarna {_years(differ)} skulle "
                            f'få andra frågor än de besvarade. Sätt valid_to_year till ett år efter {closed[-1]}, '
                            f'eller valid_from_year till ett år efter {closed[-1]} för "{key}".'))]


def _commitments(agreement: Agreement, data: AgreementFile, closed: list[int]) -> list[Problem]:
    existing = {c.number: c for c in agreement.commitments}
    problems = []
    for index, spec in enumerate(data.commitments):
        path = f"commitments[{index}]"
        row = existing.get(spec.number)
        if row is None:
            problems += _new(path, "ett nytt åtagande kan inte gälla", (spec.valid_from_year, spec.valid_to_year),
                             closed)
            continue
        problems += _validity(f"{path}.valid_from_year", (row.valid_from_year, row.valid_to_year),
                              (spec.valid_from_year, spec.valid_to_year), closed, spec.number)
        asked = _asked_in(row.valid_from_year, row.valid_to_year, closed)
        if asked and (fields := _changed(row, commitment_values(spec), ASKED_COMMITMENT_FIELDS)):
            problems.append(Problem(path, (
                f"åtagande {spec.number} kan inte ändras ({', '.join(fields)}): det gällde så i de stängda "
                f"omgångarna {_years(asked)}, som ska visa det som det var. Lägg hellre till ett nytt åtagande med "
                f'ett nytt nummer och continues = "{spec.number}", och sätt valid_to_year på det här (en ny version '
                'av överenskommelsen), eller ladda filen med --correction "skäl" om det bara är en rättelse.')))
    return problems


def _indicators(agreement: Agreement, data: AgreementFile, closed: list[int]) -> list[Problem]:
    existing = {i.key: i for i in agreement.indicators}
    commitments = {c.number: c for c in agreement.commitments}
    problems = []
    for path, spec, commitment in data.all_indicators():
        row = existing.get(spec.key)
        values = indicator_values(spec, commitment)
        span = (values["valid_from_year"], values["valid_to_year"])
        if row is None:
            problems += _new(path, f'den nya frågan "{spec.key}" kan inte ställas i', span, closed)
            continue
        problems += _validity(f"{path}.valid_from_year", (row.valid_from_year, row.valid_to_year), span, closed,
                              spec.key)
        asked = _asked_in(row.valid_from_year, row.valid_to_year, closed)
        if not asked:
            continue
        found = commitments.get(commitment.number) if commitment is not None else None
        values["commitment_id"] = found.id if found is not None else None
        fields = _changed(row, values, ASKED_INDICATOR_FIELDS) + _references(row, spec)
        fields += [f"options.{o.key}" for o in _changed_options(row, spec)]
        if fields:
            problems.append(_frozen(path, f'frågan "{spec.key}"', fields, asked, spec.key))
    return problems


def _references(row: Indicator, spec: IndicatorFields) -> list[str]:
    condition = spec.applies_if if isinstance(spec, IndicatorSpec) else None
    changed = []
    old_condition = (row.condition_indicator.key if row.condition_indicator else None, row.condition_values)
    new_condition = (condition.indicator, list(condition.values)) if condition else (None, None)
    if not same(old_condition[0], new_condition[0]) or not same(old_condition[1], new_condition[1]):
        changed.append("applies_if")
    due = spec.target_due
    old_due = (row.target_due_indicator.key if row.target_due_indicator else None, row.target_due_offset_years)
    if old_due != ((due.indicator, due.offset_years) if due else (None, None)):
        changed.append("target_due")
    return changed


def _changed_options(row: Indicator, spec: IndicatorFields) -> list[Any]:
    """The options whose labels change; a removed option stays (answers name it), a new one is new."""
    existing = {o.key: o for o in row.options}
    return [o for o in spec.options or [] if o.key in existing
            and _changed(existing[o.key], o.model_dump(), ASKED_OPTION_FIELDS)] + [
        o for o in spec.options or [] if o.key not in existing]


def _status_levels(agreement: Agreement, data: AgreementFile, closed: list[int]) -> list[Problem]:
    """A step of the scale a closed year offered keeps its label, meaning and place; a revision's new step starts
    after the closed years (`valid_from_year`), a dropped one ends after them (`valid_to_year`)."""
    existing = {s.key: s for s in agreement.status_levels}
    problems = []
    for index, spec in enumerate(data.status_levels):
        path = f"status_levels[{index}]"
        row: StatusLevel | None = existing.get(spec.key)
        span = (spec.valid_from_year, spec.valid_to_year)
        if row is None:
            problems += _new(path, f'den nya statusnivån "{spec.key}" kan inte finnas på skalan i', span, closed)
            continue
        problems += _validity(f"{path}.valid_from_year", (row.valid_from_year, row.valid_to_year), span, closed,
                              spec.key)
        asked = _asked_in(row.valid_from_year, row.valid_to_year, closed)
        if asked and (fields := _changed(row, spec.model_dump(), ASKED_LEVEL_FIELDS)):
            problems.append(Problem(path, (
                f'statusnivån "{spec.key}" kan inte ändras ({", ".join(fields)}): de stängda omgångarna '
                f"{_years(asked)} ska visa statusskalan som de besvarades med. Lägg hellre till en ny nivå med "
                "valid_from_year och sätt valid_to_year på den här, eller ladda filen med --correction \"skäl\" om "
                "det bara är en rättelse.")))
    in_closed = {s.key for s in agreement.status_levels if _asked_in(s.valid_from_year, s.valid_to_year, closed)}
    old_order = [s.key for s in agreement.status_levels if s.key in in_closed]
    new_order = [s.key for s in data.status_levels if s.key in in_closed]
    if set(new_order) == set(old_order) and new_order != old_order:
        problems.append(Problem("status_levels", (
            f"statusnivåerna kan inte byta ordning ({', '.join(new_order)}): de stängda omgångarna "
            f"{_years(closed)} visar skalan i ordningen {', '.join(old_order)}")))
    return problems


def _kind_changes(session: Session, agreement: Agreement, data: AgreementFile) -> list[Problem]:
    """A question with answers keeps its kind, whatever the rounds' states: the answers are of it."""
    existing = {i.key: i for i in agreement.indicators}
    problems = []
    for path, spec, _ in data.all_indicators():
        row = existing.get(spec.key)
        if row is None or row.kind == spec.kind:
            continue
        answers = _answer_count(session, row.id)
        if answers:
            problems.append(Problem(
                f"{path}.kind",
                f'kan inte ändras från {row.kind} till {spec.kind}: "{spec.key}" har redan {answers} svar. '
                "Lägg hellre till en ny fråga med en ny key och sätt valid_to_year på den gamla.",
            ))
    return problems


def _answer_count(session: Session, indicator_id: int) -> int:
    answers = session.scalar(select(func.count()).select_from(Answer).where(Answer.indicator_id == indicator_id))
    values = session.scalar(select(func.count()).select_from(RoundValue).where(RoundValue.indicator_id == indicator_id))
    return (answers or 0) + (values or 0)

