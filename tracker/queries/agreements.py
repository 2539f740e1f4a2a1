"""Agreements and their commitments, as the start page shows them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from tracker.domain.agreement import Agreement, Commitment, localized


@dataclass(frozen=True)
class CommitmentSummary:
    """One commitment in the reader's language."""

    number: str
    title: str
    text: str
    party_kinds: tuple[str, ...]


@dataclass(frozen=True)
class AgreementSummary:
    """One agreement in the reader's language, with its commitments in their order."""

    slug: str
    name: str
    description: str | None
    version: str
    in_force_from_year: int
    in_force_to_year: int | None
    commitments: tuple[CommitmentSummary, ...]


def agreements_newest_first() -> Select[Agreement]:
    """Every agreement, the one in force from the latest year first, commitments loaded with it."""
    return (
        select(Agreement)
        .options(selectinload(Agreement.commitments))
        .order_by(Agreement.in_force_from_year.desc(), Agreement.id.desc())
    )


def agreement_summaries(session: Session, locale: str) -> list[AgreementSummary]:
    """The agreements of `agreements_newest_first()`, with names and texts in `locale`."""
    agreements = session.scalars(agreements_newest_first()).all()
    return [_agreement_summary(agreement, locale) for agreement in agreements]


def _agreement_summary(agreement: Agreement, locale: str) -> AgreementSummary:
    return AgreementSummary(
        slug=agreement.slug,
        name=localized(agreement, "name", locale),
        description=localized(agreement, "description", locale) or None,
        version=agreement.version,
        in_force_from_year=agreement.in_force_from_year,
        in_force_to_year=agreement.in_force_to_year,
        commitments=tuple(_commitment_summary(commitment, locale) for commitment in agreement.commitments),
    )


def _commitment_summary(commitment: Commitment, locale: str) -> CommitmentSummary:
    return CommitmentSummary(
        number=commitment.number,
        title=localized(commitment, "title", locale),
        text=localized(commitment, "text", locale),
        party_kinds=tuple(commitment.party_kinds or ()),
    )
