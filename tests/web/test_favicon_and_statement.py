"""The small things a public-sector user notices: the favicon (no 404 on every page), and the accessibility
statement with the day it was last reviewed, the address to report a problem to (a mail link; production does not
start without it) and the known problems that hold (the untagged PDF handout)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tracker.web.public import STATEMENT_REVIEWED
from tracker.wsgi import production_app


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_favicon_is_served_where_browsers_look_and_every_page_links_it(client: FlaskClient) -> None:
    icon = client.get("/favicon.ico")
    data = icon.get_data()
    icon.close()
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
    assert data[:4] == b"\x00\x00\x01\x00" and int.from_bytes(data[4:6], "little") == 3  # an ICO of three sizes
    assert len(data) < 10_000
    for page in ("/", "/logga-in", "/tillganglighet"):
        html = client.get(page).get_data(as_text=True)
        assert '<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">' in html
        assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    svg = client.get("/static/img/favicon.svg")
    root = ET.fromstring(svg.get_data())
    svg.close()
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 32 32"


def test_the_statement_says_when_it_was_reviewed_and_what_is_known_not_to_work(client: FlaskClient,
                                                                               app: Flask) -> None:
    app.config["CONTACT_EMAIL"] = "biogas@rjl.se"
    html = client.get("/tillganglighet").get_data(as_text=True)
    text = text_of(html)
    assert STATEMENT_REVIEWED.year == 2026 and STATEMENT_REVIEWED.month == 12
    assert f"Redogörelsen granskades senast den {STATEMENT_REVIEWED.day} december 2026." in text
    assert "PDF-utskriften med uppföljningens diagram är inte taggad" in text
    assert "Offlineformuläret i Excel och forumets bildspel är kontorsfiler." in text  # as before
    assert 'skriv till oss på <a href="mailto:biogas@rjl.se">biogas@rjl.se</a>' in html
    assert "CONTACT_EMAIL" not in text
    client.get("/sprak/en?next=/")
    english = client.get("/tillganglighet")
    assert f"The statement was last reviewed on {STATEMENT_REVIEWED.day} December 2026." in text_of(
        english.get_data(as_text=True))


def test_without_a_contact_address_development_says_so_plainly(client: FlaskClient, app: Flask) -> None:
    app.config["CONTACT_EMAIL"] = None
    text = text_of(client.get("/tillganglighet").get_data(as_text=True))
    assert "kontakta överenskommelsens projektledare" in text
    assert ("Ingen kontaktadress är angiven för den här installationen (inställningen CONTACT_EMAIL). En installation "
            "i drift startar inte utan en.") in text
    assert "mailto:" not in text


def test_production_does_not_start_without_the_contact_address(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://biogas.example.se")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    monkeypatch.setenv("CONTACT_EMAIL", "  ")
    with pytest.raises(SystemExit) as stopped:
        production_app()
    assert stopped.value.code == 3  # gunicorn's boot error (tracker.wsgi)
    message = capsys.readouterr().err
    assert "CONTACT_EMAIL: the address the accessibility statement (/tillganglighet) gives" in message
    assert "SECRET_KEY" not in message and "PUBLIC_BASE_URL" not in message
    monkeypatch.setenv("CONTACT_EMAIL", "biogas@rjl.se")
    assert production_app().config["CONTACT_EMAIL"] == "biogas@rjl.se"
