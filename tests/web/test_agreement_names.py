"""What the service is called, the forum it reports to and who presents the deck come from the agreement's data
(`product_name_*`, `forum_name_*`, `organisation` in its data file), not from the templates or the code."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from pptx import Presentation
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.domain import Agreement

if TYPE_CHECKING:
    from tests.conftest import AuthActions


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def biogas(session: Session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()


def header_name(html: str) -> str:
    found = re.search(r'class="site-header__name"[^>]*>([^<]*)</a>', html)
    assert found is not None
    return found.group(1)


def test_the_header_and_the_title_say_the_agreements_name_for_the_service(client: FlaskClient,
                                                                           session: Session) -> None:
    html = client.get("/").get_data(as_text=True)
    assert header_name(html) == "Biogasuppföljning" and html.count("– Biogasuppföljning</title>") == 1
    agreement = biogas(session)
    agreement.product_name_sv, agreement.product_name_en = "Fossilfri uppföljning", "Fossil-free follow-up"
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert header_name(html) == "Fossilfri uppföljning" and "Fossilfri uppföljning: parternas årliga" in html
    client.get("/sprak/en?next=/")
    assert header_name(client.get("/").get_data(as_text=True)) == "Fossil-free follow-up"
    agreement.product_name_sv = agreement.product_name_en = None
    session.commit()
    assert header_name(client.get("/").get_data(as_text=True)) == "Biogas follow-up"  # the product's own words


def test_the_deck_is_offered_for_the_agreements_forum(client: FlaskClient, auth: AuthActions,
                                                      session: Session) -> None:
    auth.login("forum@exempel.se", "demo")
    assert "Presentationen för Kommunalt forum (PowerPoint)" in client.get("/uppfoljning/2023").get_data(as_text=True)
    biogas(session).forum_name_sv = "Länsforum"
    session.commit()
    assert "Presentationen för Länsforum (PowerPoint)" in client.get("/uppfoljning/2023").get_data(as_text=True)


def test_the_deck_is_presented_by_the_agreements_organisation(client: FlaskClient, auth: AuthActions,
                                                              session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")

    def title_slide_and_author() -> tuple[str, str]:
        """2022: a year without presenters, whose title slide names the organisation instead."""
        deck = Presentation(io.BytesIO(client.get("/uppfoljning/2022/uppfoljning.pptx").data))
        first = deck.slides[0]
        texts = " ".join(shape.text_frame.text for shape in first.shapes if shape.has_text_frame)
        return texts, deck.core_properties.author

    texts, author = title_slide_and_author()
    assert "Energikontor Norra Småland" in texts and author == "Energikontor Norra Småland"
    presenter = "Region Jönköpings län, Regional utveckling"
    biogas(session).organisation = presenter
    session.commit()
    texts, author = title_slide_and_author()
    assert presenter in texts and author == presenter
