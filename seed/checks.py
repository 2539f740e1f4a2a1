"""Checks across an agreement data file: uniqueness, references between indicators, fields per kind.

Each returns `Problem`s naming the key path, so that the person editing the file finds the line.
"""

from __future__ import annotations

from collections.abc import Iterable

from seed.lineage import check_lineage
from seed.schema import AgreementFile, CommitmentSpec, IndicatorFields, IndicatorSpec, Problem
from tracker.domain import IndicatorKind, TargetComparison, TargetScope
from tracker.domain.agreement import SUMMARY_PARAMS

YES_NO_KEYS = ("yes", "no")
# Operands of sum and ratio are answers typed by hand, so derived figures never depend on each other.
OPERAND_KINDS = frozenset({IndicatorKind.PERCENT, IndicatorKind.QUANTITY, IndicatorKind.COUNT})
BOUNDED_KINDS = frozenset({IndicatorKind.PERCENT, IndicatorKind.QUANTITY, IndicatorKind.COUNT, IndicatorKind.YEAR})

Located = tuple[str, IndicatorFields, CommitmentSpec | None]


def cross_check(data: AgreementFile) -> list[Problem]:
    problems: list[Problem] = []
    agreement = data.agreement
    if agreement.in_force_to_year is not None and agreement.in_force_to_year < agreement.in_force_from_year:
        problems.append(Problem("agreement.in_force_to_year", "får inte vara före in_force_from_year"))
    problems += _duplicates("status_levels[{}].key", (s.key for s in data.status_levels))
    problems += _duplicates("parties[{}].code", (p.code for p in data.parties))
    problems += _duplicates("commitments[{}].number", (c.number for c in data.commitments))
    located = list(data.all_indicators())
    seen: dict[str, str] = {}
    for path, indicator, _ in located:
        if indicator.key in seen:
            problems.append(Problem(f"{path}.key", f'"{indicator.key}" finns redan i {seen[indicator.key]}'))
        else:
            seen[indicator.key] = path
    by_key = {indicator.key: (path, indicator, commitment) for path, indicator, commitment in reversed(located)}
    for path, indicator, commitment in located:
        problems += _check_indicator(path, indicator, commitment, by_key)
    return problems + check_lineage(data)


def _duplicates(path_template: str, keys: Iterable[str]) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, key in enumerate(keys):
        if key in first:
            where = path_template.format(first[key])
            problems.append(Problem(path_template.format(index), f'"{key}" finns redan i {where}'))
        else:
            first[key] = index
    return problems


def _check_indicator(
    path: str, ind: IndicatorFields, commitment: CommitmentSpec | None, by_key: dict[str, Located]
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(f"{path}.{field}", message))

    kind = ind.kind
    if kind is IndicatorKind.CHOICE:
        if not ind.options or len(ind.options) < 2:
            problem("options", "en fråga av typen choice behöver minst två svarsalternativ (options)")
        else:
            for index, key in enumerate(o.key for o in ind.options):
                if key in [o.key for o in ind.options[:index]]:
                    problem(f"options[{index}].key", f'"{key}" finns redan bland svarsalternativen')
    elif ind.options is not None:
        problem("options", f"svarsalternativ passar bara frågor av typen choice, inte {kind}")

    if kind.is_derived:
        problems += _check_operands(path, ind, by_key)
    elif ind.operands is not None:
        problem("operands", f"operands passar bara beräknade frågor (sum, ratio), inte {kind}")

    if kind is IndicatorKind.QUANTITY and ind.unit is None:
        problem("unit", "saknas: en fråga av typen quantity behöver en enhet, till exempel \"GWh\" eller \"ton\"")
    for bound in ("min", "max"):
        if getattr(ind, bound) is not None and kind not in BOUNDED_KINDS:
            problem(bound, f"gränser passar bara frågor som besvaras med ett tal, inte {kind}")
    if ind.min is not None and ind.max is not None and ind.min > ind.max:
        problem("max", f"får inte vara mindre än min ({ind.min})")
    if ind.max_length is not None and kind is not IndicatorKind.TEXT:
        problem("max_length", f"passar bara frågor av typen text, inte {kind}")
    if ind.valid_from_year and ind.valid_to_year and ind.valid_from_year > ind.valid_to_year:
        problem("valid_to_year", f"får inte vara före valid_from_year ({ind.valid_from_year})")

    problems += _check_target(path, ind, by_key)
    problems += _check_consistency(path, ind, by_key)
    problems += _check_history(path, ind)
    problems += _check_summary(path, ind)
    if isinstance(ind, IndicatorSpec) and commitment is not None:
        problems += _check_applicability(path, ind, commitment, by_key)
    return problems


def _check_consistency(path: str, ind: IndicatorFields, by_key: dict[str, Located]) -> list[Problem]:
    """`at_most` compares two numbers; `not_after_round_year` is for a year."""
    problems: list[Problem] = []
    if ind.at_most is not None:
        where = f"{path}.at_most"
        if not ind.kind.is_numeric:
            problems.append(Problem(where, f"passar bara frågor som besvaras med ett tal, inte {ind.kind}"))
        found = _reference(f"{where}.indicator", ind.at_most.indicator, ind, by_key, problems)
        if found is not None and not found[1].kind.is_numeric:
            problems.append(Problem(f"{where}.indicator", f'"{found[1].key}" är inget tal ({found[1].kind})'))
    if ind.not_after_round_year and ind.kind is not IndicatorKind.YEAR:
        problems.append(Problem(f"{path}.not_after_round_year", f"passar bara frågor av typen year, inte {ind.kind}"))
    return problems


SHARE_KINDS = frozenset({IndicatorKind.PERCENT, IndicatorKind.RATIO})
AMOUNT_KINDS = frozenset({IndicatorKind.COUNT, IndicatorKind.QUANTITY, IndicatorKind.SUM})


def _check_history(path: str, ind: IndicatorFields) -> list[Problem]:
    """`history_check`: percentage points for shares, a factor and a base for amounts (domain.plausibility)."""
    check = ind.history_check
    if check is None:
        return []
    where = f"{path}.history_check"
    if ind.kind not in SHARE_KINDS | AMOUNT_KINDS:
        kinds = "percent, ratio, count, quantity, sum"
        return [Problem(where, f"passar bara andelar och mängder ({kinds}), inte {ind.kind}")]
    problems = []
    if check.max_points is not None and ind.kind not in SHARE_KINDS:
        problems.append(Problem(f"{where}.max_points", f"passar bara andelar (percent, ratio), inte {ind.kind}"))
    for name in ("max_factor", "min_base"):
        if getattr(check, name) is not None and ind.kind not in AMOUNT_KINDS:
            problems.append(Problem(f"{where}.{name}", f"passar bara mängder (count, quantity, sum), inte {ind.kind}"))
    return problems


def _check_operands(path: str, ind: IndicatorFields, by_key: dict[str, Located]) -> list[Problem]:
    if not ind.operands:
        return [Problem(f"{path}.operands", f"saknas: en fråga av typen {ind.kind} räknas ut från andra frågor")]
    if ind.kind is IndicatorKind.RATIO and len(ind.operands) != 2:
        return [Problem(f"{path}.operands", "en kvot (ratio) behöver exakt två frågor: [täljare, nämnare]")]
    problems: list[Problem] = []
    for index, key in enumerate(ind.operands):
        where = f"{path}.operands[{index}]"
        found = _reference(where, key, ind, by_key, problems)
        if found is None:
            continue
        other_path, other, _ = found
        if other.kind not in OPERAND_KINDS:
            kinds = ", ".join(sorted(OPERAND_KINDS))
            problems.append(Problem(where, f'"{key}" är av typen {other.kind}; bara {kinds} kan räknas med'))
        elif _scope(other_path) != _scope(path):
            problems.append(Problem(where, f'"{key}" hör inte till samma slags frågor (part eller länsnivå)'))
    return problems


def _check_target(path: str, ind: IndicatorFields, by_key: dict[str, Located]) -> list[Problem]:
    problems: list[Problem] = []
    target = ind.target
    if target is not None:
        where = f"{path}.target"
        if target.comparison is TargetComparison.ONE_OF:
            allowed = _answer_keys(ind)
            if allowed is None:
                problems.append(Problem(f"{where}.comparison", f'"in" passar bara yes_no och choice, inte {ind.kind}'))
            elif not target.options:
                problems.append(Problem(f"{where}.options", 'saknas: med "in" anges vilka svar som når målet'))
            else:
                problems += _unknown_answers(f"{where}.options", target.options, allowed)
            if target.value is not None:
                problems.append(Problem(f"{where}.value", 'passar inte med "in"; ange options i stället'))
        else:
            if not ind.kind.is_numeric:
                problems.append(
                    Problem(f"{where}.comparison", f'"{target.comparison}" passar bara tal, inte {ind.kind}')
                )
            if target.value is None:
                problems.append(Problem(f"{where}.value", f'saknas: med "{target.comparison}" anges ett målvärde'))
            if target.options is not None:
                problems.append(Problem(f"{where}.options", f'passar bara med "in", inte "{target.comparison}"'))
        if target.scope is TargetScope.COUNTY and not ind.kind.is_numeric:
            problems.append(Problem(f"{where}.scope", f'"county" passar bara tal, inte {ind.kind}'))
    if ind.target_due is not None:
        where = f"{path}.target_due"
        if target is None:
            problems.append(Problem(where, "target_due kräver ett target"))
        found = _reference(f"{where}.indicator", ind.target_due.indicator, ind, by_key, problems)
        if found is not None and found[1].kind is not IndicatorKind.YEAR:
            problems.append(
                Problem(f"{where}.indicator", f'"{found[1].key}" måste vara av typen year, inte {found[1].kind}')
            )
    return problems


def _check_summary(path: str, ind: IndicatorFields) -> list[Problem]:
    """Every sentence template must fill in with the parameters the follow-up provides."""
    problems: list[Problem] = []
    if ind.summary is None:
        return problems
    allowed = dict.fromkeys(SUMMARY_PARAMS, "x")
    for name in ("sv", "en", "not_met_sv", "not_met_en"):
        template = getattr(ind.summary, name)
        try:
            if template is not None:
                _ = template % allowed
        except (KeyError, TypeError, ValueError):
            names = ", ".join(f"%({p})s" for p in SUMMARY_PARAMS)
            message = f"kan bara använda {names} (skriv %% för ett procenttecken)"
            problems.append(Problem(f"{path}.summary.{name}", message))
    return problems


def _check_applicability(
    path: str, ind: IndicatorSpec, commitment: CommitmentSpec, by_key: dict[str, Located]
) -> list[Problem]:
    problems: list[Problem] = []
    for index, kind in enumerate(ind.party_kinds or []):
        if kind not in commitment.party_kinds:
            kinds = ", ".join(commitment.party_kinds)
            problems.append(
                Problem(f"{path}.party_kinds[{index}]", f'"{kind}" omfattas inte av åtagandets party_kinds ({kinds})')
            )
    if ind.applies_if is not None:
        where = f"{path}.applies_if"
        found = _reference(f"{where}.indicator", ind.applies_if.indicator, ind, by_key, problems)
        if found is not None:
            other_path, other, _ = found
            allowed = _answer_keys(other)
            if allowed is None:
                problems.append(
                    Problem(f"{where}.indicator", f'"{other.key}" är av typen {other.kind}; villkor kan bara '
                            "bygga på frågor av typen yes_no eller choice")
                )
            elif _scope(other_path) != "party":
                problems.append(Problem(f"{where}.indicator", f'"{other.key}" är en fråga på länsnivå'))
            else:
                problems += _unknown_answers(f"{where}.values", ind.applies_if.values, allowed)
    return problems


def _reference(
    where: str, key: str, ind: IndicatorFields, by_key: dict[str, Located], problems: list[Problem]
) -> Located | None:
    if key == ind.key:
        problems.append(Problem(where, "en fråga kan inte hänvisa till sig själv"))
        return None
    found = by_key.get(key)
    if found is None:
        problems.append(Problem(where, f'"{key}" finns inte bland frågorna i filen'))
    return found


def _answer_keys(ind: IndicatorFields) -> list[str] | None:
    """The answers a yes/no or choice indicator can have; None for other kinds."""
    if ind.kind is IndicatorKind.YES_NO:
        return list(YES_NO_KEYS)
    if ind.kind is IndicatorKind.CHOICE:
        return [o.key for o in ind.options or []]
    return None


def _unknown_answers(where: str, keys: list[str], allowed: list[str]) -> list[Problem]:
    listed = ", ".join(f'"{k}"' for k in allowed)
    return [
        Problem(f"{where}[{index}]", f'"{key}" är inget av svarsalternativen ({listed})')
        for index, key in enumerate(keys)
        if key not in allowed
    ]


def _scope(path: str) -> str:
    return "round" if path.startswith("round_indicators") else "party"
