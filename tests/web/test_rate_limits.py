"""The limits on signing in and asking for links (tracker.web.limits), switched on as in production: wrong
passwords for one account are stopped with 429 and the page says to wait; so are link requests for one address
(no more mails go out); other people are not hindered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine
from werkzeug.test import TestResponse

from tracker.app import create_app
from tracker.database import Database
from tracker.web.limits import LINK_PER_EMAIL, SIGN_IN_PER_ACCOUNT


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def limited(engine: Engine, connection: Connection) -> Iterator[Flask]:
    database = Database(engine.url.render_as_string(hide_password=False))
    database.bind(connection, join_transaction_mode="create_savepoint")
    app = create_app({"TESTING": True, "DATABASE": database, "SECRET_KEY": "test", "SERVER_NAME": "localhost",
                      "MAIL_SERVER": None, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    yield app
    database.dispose()


def send(client: FlaskClient, path: str, data: dict[str, str]) -> TestResponse:
    page = client.get(path).get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    return client.post(path, data={**data, "csrf_token": token})


def post(client: FlaskClient, path: str, data: dict[str, str]) -> int:
    return send(client, path, data).status_code


def allowed(limit: str) -> int:
    return int(limit.split()[0])


def test_guessing_a_password_is_stopped(limited: Flask) -> None:
    client = limited.test_client()
    wrong = {"email": "projektledare@exempel.se", "password": "fel"}
    statuses = [post(client, "/logga-in", wrong) for _ in range(allowed(SIGN_IN_PER_ACCOUNT) + 1)]
    assert set(statuses[:-1]) == {200} and statuses[-1] == 429
    page = send(client, "/logga-in", wrong)
    assert page.status_code == 429 and "För många försök" in page.get_data(as_text=True)
    assert "Vänta 1 minut och försök igen." in page.get_data(as_text=True)  # the first limit: 5 a minute
    assert 0 < int(page.headers["Retry-After"]) <= 60
    assert post(client, "/logga-in", {"email": "admin@exempel.se", "password": "demo"}) == 303  # someone else
    owner = limited.test_client()  # the account's owner, elsewhere
    owner.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert post(owner, "/logga-in", {"email": "projektledare@exempel.se", "password": "demo"}) == 303


def test_asking_for_links_to_one_address_is_stopped(limited: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    client = limited.test_client()
    ask = {"email": "kontakt.jonkoping@exempel.se"}
    statuses = [post(client, "/logga-in/lank", ask) for _ in range(allowed(LINK_PER_EMAIL) + 2)]
    assert statuses[allowed(LINK_PER_EMAIL):] == [429, 429]
    assert capsys.readouterr().out.count("/logga-in/lank/") == allowed(LINK_PER_EMAIL)  # no more mails


def test_building_files_is_limited_per_user(limited: Flask) -> None:
    """An account that downloads (or uploads) files again and again is stopped; other users are not."""
    limited.config["FILES_PER_USER"] = "3 per hour"
    leader, other = limited.test_client(), limited.test_client()
    assert post(leader, "/logga-in", {"email": "projektledare@exempel.se", "password": "demo"}) == 303
    assert post(other, "/logga-in", {"email": "admin@exempel.se", "password": "demo"}) == 303
    files = ["/uppfoljning/2024/sammanstallning.xlsx", "/uppfoljning/2024/uppfoljning.pptx",
             "/projektledare/excel/tidigare-ar/mall.xlsx"]
    assert [leader.get(path).status_code for path in files] == [200, 200, 200]
    over = leader.get("/uppfoljning/2024/sammanstallning.xlsx")
    assert over.status_code == 429 and "För många försök" in over.get_data(as_text=True)
    assert other.get("/uppfoljning/2024/sammanstallning.xlsx").status_code == 200
    assert leader.get("/uppfoljning/2024").status_code == 200  # the pages are not limited


def test_signing_in_and_out_often_is_never_stopped(limited: Flask) -> None:
    """Only refused attempts count: a leader who signs in more often than the limit allows is let in each time,
    and the wrong passwords before a right one still count."""
    client = limited.test_client()
    right = {"email": "projektledare@exempel.se", "password": "demo"}
    for _ in range(allowed(SIGN_IN_PER_ACCOUNT) + 2):
        assert post(client, "/logga-in", right) == 303
        assert post(client, "/logga-ut", {}) == 303
    wrong = {**right, "password": "fel"}
    statuses = [post(client, "/logga-in", wrong) for _ in range(allowed(SIGN_IN_PER_ACCOUNT) + 1)]
    assert set(statuses[:-1]) == {200} and statuses[-1] == 429
    assert post(client, "/logga-in", right) == 429  # over the limit, even with the right password
