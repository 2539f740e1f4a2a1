"""Checks of an agreement file's versions and lineage: the version's first year, and each `continues` (a
commitment or question of a revision taking over an earlier one), so that a trend over the versions is one line.

A question (or commitment) continues another only when the other ends before it starts: the two are never asked
in the same year, so that each year of the line has one question. Both are of the same kind and level (a share
continues a share), so that the line's figures can be compared.
"""

from __future__ import annotations

from seed.schema import AgreementFile, IndicatorFields, Problem


def check_lineage(data: AgreementFile) -> list[Problem]:
    problems: list[Problem] = []
    agreement = data.agreement
    start = agreement.version_from_year
    if start is not None:
        if start < agreement.in_force_from_year:
            problems.append(Problem("agreement.version_from_year", "får inte vara före in_force_from_year"))
        elif agreement.in_force_to_year is not None and start > agreement.in_force_to_year:
            problems.append(Problem("agreement.version_from_year", "får inte vara efter in_force_to_year"))
    commitments = {c.number: (index, c) for index, c in enumerate(data.commitments)}
    for index, commitment in enumerate(data.commitments):
        path = f"commitments[{index}]"
        if (commitment.valid_from_year is not None and commitment.valid_to_year is not None
                and commitment.valid_to_year < commitment.valid_from_year):
            problems.append(Problem(f"{path}.valid_to_year", "får inte vara före valid_from_year"))
        if commitment.continues is not None:
            earlier = commitments.get(commitment.continues)
            if earlier is None:
                problems.append(Problem(f"{path}.continues", f'"{commitment.continues}" finns inte bland '
                                                             "åtagandena i filen"))
            else:
                problems += _follows(f"{path}.continues", commitment.continues, earlier[1].valid_to_year,
                                     commitment.valid_from_year)
        for i_index, indicator in enumerate(commitment.indicators):
            where = f"{path}.indicators[{i_index}]"
            if (commitment.valid_from_year is not None and indicator.valid_from_year is not None
                    and indicator.valid_from_year < commitment.valid_from_year):
                problems.append(Problem(f"{where}.valid_from_year", "får inte vara före åtagandets "
                                                                    f"valid_from_year ({commitment.valid_from_year})"))
            if (commitment.valid_to_year is not None and indicator.valid_to_year is not None
                    and indicator.valid_to_year > commitment.valid_to_year):
                problems.append(Problem(f"{where}.valid_to_year", "får inte vara efter åtagandets "
                                                                  f"valid_to_year ({commitment.valid_to_year})"))
    located = {indicator.key: (path, indicator) for path, indicator, _ in data.all_indicators()}
    ends = {indicator.key: indicator.valid_to_year if indicator.valid_to_year is not None else (
        commitment.valid_to_year if commitment is not None else None)
        for _, indicator, commitment in data.all_indicators()}
    for path, question, owner in data.all_indicators():
        if question.continues is None:
            continue
        found = located.get(question.continues)
        if found is None:
            problems.append(Problem(f"{path}.continues", f'"{question.continues}" finns inte bland frågorna i filen'))
            continue
        other_path, other = found
        same_level = path.startswith("round") == other_path.startswith("round")
        problems += _same_kind(f"{path}.continues", question, other, same_level)
        start = question.valid_from_year if question.valid_from_year is not None else (
            owner.valid_from_year if owner is not None else None)
        problems += _follows(f"{path}.continues", other.key, ends[other.key], start)
    return problems


def _follows(where: str, earlier: str, earlier_to: int | None, later_from: int | None) -> list[Problem]:
    """The continued row ends before the continuing one starts."""
    if later_from is None:
        return [Problem(where, f'en fråga eller ett åtagande som tar över "{earlier}" behöver valid_from_year')]
    if earlier_to is None:
        return [Problem(where, f'"{earlier}" behöver valid_to_year (det sista året före {later_from}) för att '
                               "kunna tas över")]
    if earlier_to >= later_from:
        return [Problem(where, f'"{earlier}" gäller till {earlier_to}, men det som tar över börjar {later_from}: '
                               "de får inte gälla samma år")]
    return []


def _same_kind(where: str, indicator: IndicatorFields, other: IndicatorFields, same_level: bool) -> list[Problem]:
    if indicator.key == other.key:
        return [Problem(where, "en fråga kan inte ta över sig själv")]
    if indicator.kind != other.kind:
        return [Problem(where, f'"{other.key}" är av typen {other.kind}, den här av typen {indicator.kind}: bara en '
                               "fråga av samma typ kan tas över")]
    if not same_level:
        return [Problem(where, f'"{other.key}" är en fråga på en annan nivå (part eller län)')]
    return []
