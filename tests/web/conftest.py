"""Fixtures of the web tests: a factory for agreements with commitments."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from sqlalchemy.orm import Session

from tracker.domain.agreement import Agreement, Commitment

CommitmentData = tuple[str, str, str, Sequence[str]]  # number, Swedish title, English title, party kinds

MakeAgreement = Callable[..., Agreement]


@pytest.fixture
def make_agreement(session: Session) -> MakeAgreement:
    """Returns a function that adds an agreement with commitments and flushes (rolled back after the test)."""

    def make(
        slug: str = "biogas-test",
        *,
        name_sv: str = "Överenskommelse om testgas",
        name_en: str = "Agreement on test gas",
        in_force_from_year: int = 2018,
        in_force_to_year: int | None = 2027,
        description_sv: str | None = "Parterna följer upp överenskommelsen varje år.",
        description_en: str | None = "The parties follow up the agreement every year.",
        commitments: Sequence[CommitmentData] = (),
    ) -> Agreement:
        agreement = Agreement(
            slug=slug, name_sv=name_sv, name_en=name_en, county="Testlän", version="1",
            in_force_from_year=in_force_from_year, in_force_to_year=in_force_to_year,
            description_sv=description_sv, description_en=description_en,
        )
        for position, (number, title_sv, title_en, kinds) in enumerate(commitments, start=1):
            agreement.commitments.append(Commitment(
                number=number, position=position, title_sv=title_sv, title_en=title_en,
                text_sv=f"Svensk text till åtagande {number}.", text_en=f"English text of commitment {number}.",
                party_kinds=list(kinds),
            ))
        session.add(agreement)
        session.flush()
        return agreement

    return make
