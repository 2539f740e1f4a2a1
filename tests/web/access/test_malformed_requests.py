"""Requests no browser sends, found by the fuzzing in test_bad_input.py, pinned here as plain examples."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient

if TYPE_CHECKING:
    from tests.conftest import AuthActions, MakeUser


@pytest.mark.parametrize("path", ["/rapportera/2147483648", "/rapportera/99999999999999999999/historik",
                                  "/rapportera/2147483648/atagande/1"])
def test_an_id_larger_than_any_database_integer_is_no_page(client: FlaskClient, auth: AuthActions,
                                                           make_user: MakeUser, path: str) -> None:
    user = make_user(role="project_leader")
    auth.login(user.email)
    response = client.get(path)
    assert response.status_code == 404  # not a driver overflow (a 500 on PostgreSQL)


def test_a_multipart_part_without_a_name_is_a_bad_request(client: FlaskClient) -> None:
    body = (b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.se\r\n--b--\r\n")
    response = client.post("/logga-in", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 400
