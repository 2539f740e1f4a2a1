"""The shape of an agreement data file (seed/data/*.toml), as strict pydantic models.

`parse_agreement` turns the parsed TOML into an `AgreementFile` or raises `AgreementDataError` with one
`Problem` per mistake, each naming its key path (`commitments[2].indicators[1].kind`) and saying in plain
Swedish what is wrong. The checks that look across the file (references, uniqueness) are in `seed.checks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from tracker.domain import IndicatorKind, PartyKind, TargetComparison, TargetScope


@dataclass(frozen=True)
class Problem:
    """One mistake in a data file: where (a key path) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class AgreementDataError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "får inte vara tom")
    return value


def _number(value: Any) -> Any:
    """TOML integers and floats become exact decimals (12.5 → Decimal('12.5')); anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("number_type", "ska vara ett tal, utan citattecken")
    return value if isinstance(value, Decimal) else Decimal(str(value))


KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Key = Annotated[str, StringConstraints(max_length=64, pattern=KEY_PATTERN)]
Text = Annotated[str, AfterValidator(_not_blank)]
Label = Annotated[str, StringConstraints(max_length=255), AfterValidator(_not_blank)]
ShortLabel = Annotated[str, StringConstraints(max_length=128), AfterValidator(_not_blank)]
Year = Annotated[int, Field(ge=1900, le=2200)]
# Stored as NUMERIC(18, 4): at most 14 digits before the decimal point and 4 after.
Number = Annotated[Decimal, BeforeValidator(_number), Field(max_digits=18, decimal_places=4)]
# Enums are written as their values in the file ("region"), so they alone are not strict.
Kind = Annotated[IndicatorKind, Strict(False)]
PartyKindValue = Annotated[PartyKind, Strict(False)]
Comparison = Annotated[TargetComparison, Strict(False)]
Scope = Annotated[TargetScope, Strict(False)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class AgreementSpec(_Spec):
    slug: Key
    name_sv: Label
    name_en: Label
    county: ShortLabel
    version: Annotated[str, StringConstraints(max_length=32), AfterValidator(_not_blank)]
    in_force_from_year: Year  # the agreement's first year (of its first version)
    in_force_to_year: Year | None = None  # its last year, when it is wound down
    version_from_year: Year | None = None  # the first year of this version (None: in_force_from_year)
    version_note_sv: Text | None = None  # what this version changed, for the outputs' "about" part
    version_note_en: Text | None = None
    description_sv: Text | None = None
    description_en: Text | None = None
    product_name_sv: ShortLabel | None = None  # the service's name in the header and the mails
    product_name_en: ShortLabel | None = None
    forum_name_sv: ShortLabel | None = None  # where the follow-up is presented, e.g. "Kommunalt forum"
    forum_name_en: ShortLabel | None = None
    organisation: Label | None = None  # who presents the deck (its title slide)


class StatusLevelSpec(_Spec):
    key: Key
    label_sv: ShortLabel
    label_en: ShortLabel
    is_applicable: bool = True
    is_done: bool = False
    valid_from_year: Year | None = None  # a revision's new step: from its first year
    valid_to_year: Year | None = None  # a step a revision drops: its last year


class PartySpec(_Spec):
    code: Annotated[str, StringConstraints(max_length=16, pattern=KEY_PATTERN)]
    name: Label
    kind: PartyKindValue


class OptionSpec(_Spec):
    key: Key
    label_sv: Label
    label_en: Label


class TargetSpec(_Spec):
    """What counts as reached: `value` for ge/le/eq, `options` (answer keys) for in."""

    comparison: Comparison
    value: Number | None = None
    options: list[Key] | None = None
    scope: Scope = TargetScope.PARTY  # "county": the county figure is compared with the target, not each answer


class SummarySpec(_Spec):
    """The indicator's own key figure sentence in the follow-up; `not_met_*` when a county target is missed."""

    sv: Text
    en: Text
    not_met_sv: Text | None = None
    not_met_en: Text | None = None


class TargetDueSpec(_Spec):
    """The target applies from `offset_years` after the year answered to `indicator`."""

    indicator: Key
    offset_years: Annotated[int, Field(ge=0, le=100)]


class AtMostSpec(_Spec):
    """The answer is a part of the answer to `indicator` and cannot be larger; `message_*` says so at the field
    ("Fler gasbilar än bilar: kontrollera siffrorna")."""

    indicator: Key
    message_sv: Text
    message_en: Text


class OverviewSpec(_Spec):
    """A deck slide naming every party with its answer, under this title."""

    title_sv: Label
    title_en: Label


class HistoryCheckSpec(_Spec):
    """How far an answer may move from the party's previous report before the party must confirm it with a
    comment (tracker.domain.plausibility); what is left out keeps the kind's default (shares: 40 percentage
    points; counts: ten times, from 10; quantities and sums: ten times, from 1). `enabled = false` turns it off."""

    enabled: bool = True
    max_points: Annotated[Number, Field(gt=0)] | None = None  # percent, ratio: percentage points
    max_factor: Annotated[Number, Field(gt=1)] | None = None  # count, quantity, sum: times higher or lower
    min_base: Annotated[Number, Field(ge=0)] | None = None  # count, quantity, sum: below it on both sides, no check


class ConditionSpec(_Spec):
    """Asked only when the answer to `indicator` is one of `values` (option keys, or yes/no)."""

    indicator: Key
    values: Annotated[list[Key], Field(min_length=1)]


class IndicatorFields(_Spec):
    key: Key
    kind: Kind
    label_sv: Text
    label_en: Text
    help_sv: Text | None = None
    help_en: Text | None = None
    unit: Annotated[str, StringConstraints(max_length=32), AfterValidator(_not_blank)] | None = None
    required: bool = True
    min: Number | None = None
    max: Number | None = None
    max_length: Annotated[int, Field(ge=1, le=100_000)] | None = None
    operands: list[Key] | None = None
    options: list[OptionSpec] | None = None
    target: TargetSpec | None = None
    target_due: TargetDueSpec | None = None
    at_most: AtMostSpec | None = None
    not_after_round_year: bool = False
    history_check: HistoryCheckSpec | None = None
    summary: SummarySpec | None = None
    valid_from_year: Year | None = None
    valid_to_year: Year | None = None
    continues: Key | None = None  # the question of an earlier version this one takes over (its key)


class IndicatorSpec(IndicatorFields):
    """A question each party answers under a commitment."""

    party_kinds: Annotated[list[PartyKindValue], Field(min_length=1)] | None = None
    applies_if: ConditionSpec | None = None
    overview: OverviewSpec | None = None


class RoundIndicatorSpec(IndicatorFields):
    """A county-level figure of a round, entered by the project leaders (no commitment, no party)."""


class CommitmentSpec(_Spec):
    number: Annotated[str, StringConstraints(max_length=16, pattern=KEY_PATTERN)]
    title_sv: Label
    title_en: Label
    text_sv: Text
    text_en: Text
    party_kinds: Annotated[list[PartyKindValue], Field(min_length=1)]
    valid_from_year: Year | None = None
    valid_to_year: Year | None = None
    continues: Annotated[str, StringConstraints(max_length=16, pattern=KEY_PATTERN)] | None = None
    indicators: list[IndicatorSpec] = []


class AgreementFile(_Spec):
    agreement: AgreementSpec
    status_levels: Annotated[list[StatusLevelSpec], Field(min_length=1)]
    parties: list[PartySpec] = []
    commitments: Annotated[list[CommitmentSpec], Field(min_length=1)]
    round_indicators: list[RoundIndicatorSpec] = []

    def all_indicators(self) -> Iterator[tuple[str, IndicatorFields, CommitmentSpec | None]]:
        """Every indicator in file order, with its key path and its commitment (None: round level)."""
        for c_index, commitment in enumerate(self.commitments):
            for i_index, indicator in enumerate(commitment.indicators):
                yield f"commitments[{c_index}].indicators[{i_index}]", indicator, commitment
        for r_index, figure in enumerate(self.round_indicators):
            yield f"round_indicators[{r_index}]", figure, None


def parse_agreement(raw: dict[str, Any]) -> AgreementFile:
    """The validated file, or AgreementDataError listing every mistake pydantic found."""
    try:
        return AgreementFile.model_validate(raw)
    except ValidationError as error:
        raise AgreementDataError(
            [Problem(key_path(e["loc"]), _plain_message(e)) for e in error.errors(include_url=False)]
        ) from None


def key_path(loc: tuple[int | str, ...]) -> str:
    """('commitments', 2, 'indicators', 1, 'kind') → 'commitments[2].indicators[1].kind'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif str(part).isidentifier():
            path += f".{part}" if path else str(part)
        else:  # a key TOML allows but Python does not, such as "pris-kr"
            path += f'["{part}"]'
    return path


_MESSAGES = {
    "missing": "saknas, men måste anges",
    "extra_forbidden": "är ingen känd nyckel här (stavfel?)",
    "int_type": "ska vara ett heltal, utan citattecken",
    "int_from_float": "ska vara ett heltal",
    "string_type": "ska vara en text inom citattecken",
    "bool_type": "ska vara true eller false",
    "list_type": "ska vara en lista, [ … ]",
    "model_type": "ska vara en tabell, { … } eller [rubrik]",
    "model_attributes_type": "ska vara en tabell, { … } eller [rubrik]",
    "enum": "ska vara ett av {expected}",
    "greater_than_equal": "ska vara minst {ge}",
    "less_than_equal": "får vara högst {le}",
    "string_too_long": "är för lång (högst {max_length} tecken)",
    "too_short": "ska ha minst {min_length} element",
    "string_pattern_mismatch": "får bara innehålla bokstäver a–z, siffror, punkt, understreck och bindestreck",
    "decimal_max_places": "får ha högst {decimal_places} decimaler",
    "decimal_max_digits": "är för stort (högst {max_digits} siffror)",
    "decimal_whole_digits": "är för stort (högst {whole_digits} siffror före decimaltecknet)",
}


def _plain_message(error: Any) -> str:
    template = _MESSAGES.get(error["type"])
    context = {k: str(v).replace("'", '"') for k, v in (error.get("ctx") or {}).items()}
    message = template.format(**context) if template else error["msg"]
    if error["type"] in ("missing", "extra_forbidden") or isinstance(error.get("input"), dict | list):
        return message
    return f"{message} (står nu: {_toml_value(error.get('input'))})"


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}…"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
