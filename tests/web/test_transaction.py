"""The request's boundary (tracker.web.transaction): a write request that answers below 400 commits once and then
runs its after-commit actions; GET, an error page or an exception rolls back; a refusal answers after the
rollback; stale data and refused operations become their pages. And no view commits or rolls back itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tracker.domain import Party
from tracker.domain.messages import N_
from tracker.operations.answers import OperationError
from tracker.web import db_session
from tracker.web.transaction import Refused, after_commit, in_transaction

WEB = Path(__file__).resolve().parents[2] / "tracker" / "web"


@pytest.fixture
def route(app: Flask) -> Callable[[Callable[[], Any], str], str]:
    """`route(view, method)`: the view served at a path of its own, inside the boundary; its path."""
    app.config["WTF_CSRF_ENABLED"] = False  # these requests test the boundary, not the CSRF check
    count = iter(range(1000))

    def add(view: Callable[[], Any], method: str = "POST") -> str:
        path = f"/_boundary/{next(count)}"
        app.add_url_rule(path, endpoint=path, view_func=in_transaction(view), methods=[method])
        return path

    return add


def rename(name: str) -> None:
    party = db_session().scalars(select(Party).where(Party.code == "T1")).one()
    party.name = name
    db_session().flush()


def name_now(session: Session) -> str:
    session.expire_all()
    return session.scalars(select(Party.name).where(Party.code == "T1")).one()


@pytest.fixture
def party(session: Session) -> Party:
    found = Party(code="T1", name="Före", kind="municipality")
    session.add(found)
    session.commit()
    return found


def test_a_write_that_succeeds_is_committed_and_its_side_effects_run_after(
        client: FlaskClient, route: Any, session: Session, party: Party) -> None:
    done: list[str] = []

    def view() -> tuple[str, int]:
        rename("Efter")
        after_commit(lambda: done.append(name_now(session)))
        return "ok", 303

    assert client.post(route(view)).status_code == 303
    assert name_now(session) == "Efter" and done == ["Efter"]  # the action saw the stored change


@pytest.mark.parametrize("status", [400, 409, 500])
def test_an_error_page_rolls_back_and_skips_the_side_effects(
        client: FlaskClient, route: Any, session: Session, party: Party, status: int) -> None:
    done: list[bool] = []

    def view() -> tuple[str, int]:
        rename("Efter")
        after_commit(lambda: done.append(True))
        return "fel", status

    assert client.post(route(view)).status_code == status
    assert name_now(session) == "Före" and done == []


def test_get_never_writes(client: FlaskClient, route: Any, session: Session, party: Party) -> None:
    def view() -> str:
        rename("Efter")
        return "ok"

    assert client.get(route(view, "GET")).status_code == 200
    assert name_now(session) == "Före"


def test_a_refusal_answers_after_the_rollback(client: FlaskClient, route: Any, session: Session,
                                              party: Party) -> None:
    def view() -> str:
        rename("Efter")
        raise Refused(lambda: (f"nu: {db_session().scalars(select(Party.name).where(Party.code == 'T1')).one()}",
                               400))

    response = client.post(route(view))
    assert (response.status_code, response.get_data(as_text=True)) == (400, "nu: Före")


def test_stale_data_and_refused_operations_become_their_pages(client: FlaskClient, route: Any, session: Session,
                                                               party: Party) -> None:
    def stale() -> str:
        rename("Efter")
        raise StaleDataError("someone else saved")

    def refused() -> str:
        rename("Efter")
        raise OperationError("closed", N_("The reporting round is not open."))

    stale_path, refused_path = route(stale), route(refused)  # both before the first request
    conflict = client.post(stale_path)
    assert conflict.status_code == 409 and "Ändrat av någon annan" in conflict.get_data(as_text=True)
    page = client.post(refused_path)
    assert page.status_code == 400 and "Rapporteringsomgången är inte öppen." in page.get_data(as_text=True)
    assert name_now(session) == "Före"


def test_no_view_commits_or_rolls_back_itself() -> None:
    offenders = [f"{path.relative_to(WEB)}:{number}" for path in WEB.rglob("*.py") if path.name != "transaction.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if re.search(r"\.(commit|rollback)\(\)", line)]
    assert offenders == []
