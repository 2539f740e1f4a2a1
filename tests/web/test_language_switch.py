"""The language switch: a link per language that brings the user back, never to another site."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "http://evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\r\nLocation: https://evil.example",
        "evil.example",
        "",
    ],
)
def test_the_switch_refuses_to_leave_the_site(client: FlaskClient, next_url: str) -> None:
    response = client.get("/sprak/en", query_string={"next": next_url})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_the_switch_returns_to_a_local_page_with_its_query(client: FlaskClient) -> None:
    response = client.get("/sprak/en", query_string={"next": "/rapporter?ar=2023"})
    assert response.headers["Location"] == "/rapporter?ar=2023"


def test_the_switch_without_next_goes_to_the_start_page(client: FlaskClient) -> None:
    assert client.get("/sprak/sv").headers["Location"] == "/"


def test_an_unknown_language_is_not_found(client: FlaskClient) -> None:
    assert client.get("/sprak/de").status_code == 404
    assert '<html lang="sv">' in client.get("/").get_data(as_text=True)


def test_a_tampered_session_value_falls_back_to_swedish(client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session["locale"] = "xx"
    assert '<html lang="sv">' in client.get("/").get_data(as_text=True)
