"""The deck download on the organisation's template: DECK_TEMPLATE names a .pptx/.potx in the instance folder; a
file that cannot be read gets a page that says so, never a traceback."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pptx import Presentation

from tests.reports.test_slide_layouts import organisation_template
from tracker.web.forum.deck_file import deck_builder

DECK = "/uppfoljning/2023/uppfoljning.pptx"


@pytest.fixture
def instance(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(app.config, "INSTANCE_FOLDER", tmp_path)
    return tmp_path


def test_the_deck_is_built_on_the_template_in_the_instance_folder(
    app: Flask, forum_client: FlaskClient, instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.app_context():
        assert deck_builder()[0] == "pptx"
        (instance / "region.pptx").write_bytes(organisation_template())
        monkeypatch.setitem(app.config, "DECK_TEMPLATE", "region.pptx")
        kind = deck_builder()[0]
        assert kind.startswith("pptx-")  # cached apart from the built-in look's deck, and anew with a new file
    response = forum_client.get(DECK)
    assert response.status_code == 200
    deck = Presentation(BytesIO(response.data))
    assert deck.slides[0].slide_layout.name == "Rubrik"  # the template's title layout, found by its name
    assert deck.slide_width == 9144000  # the template's page (4:3)


@pytest.mark.parametrize("content", [None, b"not a presentation"])
def test_a_template_that_cannot_be_read_gets_a_page_that_says_so(
    app: Flask, forum_client: FlaskClient, instance: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    if content is not None:
        (instance / "region.potx").write_bytes(content)
    monkeypatch.setitem(app.config, "DECK_TEMPLATE", "region.potx")
    response = forum_client.get(DECK)
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Presentationsmallen" in page and "region.potx" in page and "DECK_TEMPLATE" in page
    assert "Traceback" not in page
