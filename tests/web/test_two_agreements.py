"""A second agreement in the same database (another county's, with its own open round 2025) never takes the
first one's place: the leaders' pages, the reminders, the forum's follow-up and the commands stay on the default
agreement (tracker.queries.resolver), and DEFAULT_AGREEMENT chooses the other."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from seed.loader import load_agreement_file
from tracker.cli import cli
from tracker.domain import Agreement, ReportingRound, RoundState
from tracker.operations.audit import Actor
from tracker.operations.rounds import create_round, ensure_submission

if TYPE_CHECKING:
    from tests.conftest import AuthActions

OTHER = Path(__file__).resolve().parent.parent / "seed" / "data" / "other_agreement.toml"
OTHER_SLUG = "fossilfria-transporter-kronoberg"


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def other(session: Session) -> Agreement:
    """Kronoberg's agreement with an open round 2025 of its own (2 parties), loaded after the biogas one."""
    load_agreement_file(session, OTHER)
    agreement = session.scalars(select(Agreement).where(Agreement.slug == OTHER_SLUG)).one()
    round_ = create_round(session, Actor.system("test"), agreement, 2025, date(2026, 1, 1), date(2026, 3, 31),
                          RoundState.OPEN)
    for party in agreement.parties:
        ensure_submission(session, round_, party)
    session.commit()
    return agreement


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_the_leaders_pages_stay_on_the_first_agreement(other: Agreement, client: FlaskClient,
                                                       auth: AuthActions) -> None:
    auth.login("projektledare@exempel.se", "demo")
    overview = page(client, "/projektledare/oversikt")
    assert "Aneby kommun" in overview and "Växjö kommun" not in overview
    rounds = page(client, "/projektledare/omgangar")
    assert rounds.count('href="/projektledare/omgangar/2025"') >= 1 and "Växjö" not in rounds
    assert "31 januari 2027" in page(client, "/projektledare/omgangar/2025")  # the biogas round's deadline
    reminders = page(client, "/projektledare/paminnelser/2025")
    assert "Aneby kommun" in reminders and "Växjö kommun" not in reminders
    assert "Växjö kommun" not in page(client, "/projektledare/excel")


def test_closing_a_year_closes_the_first_agreements_round(other: Agreement, client: FlaskClient, auth: AuthActions,
                                                         session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    closed = auth.post_form("/projektledare/omgangar/2025/stang", {}, form_path="/projektledare/omgangar/2025")
    assert closed.status_code == 303
    session.expire_all()
    states = {agreement_id: state for agreement_id, state in session.execute(
        select(ReportingRound.agreement_id, ReportingRound.state).where(ReportingRound.year == 2025))}
    jonkoping = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    assert states == {jonkoping.id: RoundState.CLOSED, other.id: RoundState.OPEN}


def test_the_forum_follows_up_the_first_agreement(other: Agreement, client: FlaskClient, auth: AuthActions) -> None:
    auth.login("forum@exempel.se", "demo")
    start = client.get("/uppfoljning")
    assert start.status_code in (302, 303) and start.headers["Location"].endswith("/uppfoljning/2024")
    assert "Jönköpings län" in page(client, "/uppfoljning/2024")


def test_the_default_agreement_is_a_setting(other: Agreement, app: Flask, client: FlaskClient,
                                            auth: AuthActions) -> None:
    app.config["DEFAULT_AGREEMENT"] = OTHER_SLUG
    auth.login("projektledare@exempel.se", "demo")
    overview = page(client, "/projektledare/oversikt")
    assert "Växjö kommun" in overview and "Aneby kommun" not in overview


def test_the_reminder_command_stays_on_the_first_agreement_or_the_one_named(other: Agreement, app: Flask) -> None:
    runner = app.test_cli_runner()
    default = runner.invoke(cli, ["remind", "--round", "2025", "--dry-run"])
    assert default.exit_code == 0 and "Aneby kommun" in default.output and "Växjö" not in default.output
    named = runner.invoke(cli, ["remind", "--round", "2025", "--dry-run", "--agreement", OTHER_SLUG])
    assert named.exit_code == 0 and "Växjö kommun" in named.output and "Aneby" not in named.output
    unknown = runner.invoke(cli, ["remind", "--round", "2025", "--dry-run", "--agreement", "no-such"])
    assert unknown.exit_code == 1 and "Det finns ingen överenskommelse no-such" in unknown.output


def test_the_address_carries_the_other_agreement_and_every_link_keeps_it(other: Agreement, client: FlaskClient,
                                                                          auth: AuthActions, session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    overview = page(client, f"/projektledare/oversikt?avtal={OTHER_SLUG}")
    assert "Växjö kommun" in overview and "Aneby kommun" not in overview
    rounds = page(client, f"/projektledare/omgangar?avtal={OTHER_SLUG}")
    assert f'href="/projektledare/omgangar/2025?avtal={OTHER_SLUG}"' in rounds
    closed = auth.post_form(f"/projektledare/omgangar/2025/stang?avtal={OTHER_SLUG}", {},
                            form_path=f"/projektledare/omgangar/2025?avtal={OTHER_SLUG}")
    assert closed.status_code == 303 and closed.headers["Location"].endswith(f"?avtal={OTHER_SLUG}")
    session.expire_all()
    states = {agreement_id: state for agreement_id, state in session.execute(
        select(ReportingRound.agreement_id, ReportingRound.state).where(ReportingRound.year == 2025))}
    jonkoping = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    assert states == {jonkoping.id: RoundState.OPEN, other.id: RoundState.CLOSED}
    assert client.get("/projektledare/omgangar?avtal=no-such-agreement").status_code == 404


def test_the_header_offers_the_agreements_to_leaders_and_forum_members(other: Agreement, client: FlaskClient,
                                                                        auth: AuthActions) -> None:
    auth.login("projektledare@exempel.se", "demo")
    header = page(client, "/projektledare/omgangar")
    assert 'aria-current="true">Överenskommelse kring biogas i Jönköpings län</a>' in header
    assert f'href="/projektledare/omgangar?avtal={OTHER_SLUG}"' in header
    auth.logout()
    auth.login("forum@exempel.se", "demo")
    assert f'href="/uppfoljning?avtal={OTHER_SLUG}"' in page(client, "/uppfoljning/2024")
    auth.logout()
    auth.login("kontakt.jonkoping@exempel.se", "demo")
    assert 'class="agreement-switch"' not in page(client, "/rapportera/")  # a contact goes by their parties


def test_a_leader_of_one_agreement_sees_it_and_not_the_other(other: Agreement, client: FlaskClient, auth: AuthActions,
                                                             session: Session) -> None:
    from tracker.domain import Role, Submission, User
    from tracker.operations.users import create_user, set_agreement, set_password

    leader = create_user(session, Actor.system("test"), email="ledare@kronoberg.example", name="Kim Kronoberg",
                         role=Role.PROJECT_LEADER)
    set_password(session, Actor.system("test"), leader, "lösenord-för-test")
    set_agreement(session, Actor.system("test"), leader, other)
    session.commit()
    auth.login("ledare@kronoberg.example", "lösenord-för-test")
    overview = page(client, "/projektledare/oversikt")  # their own agreement, without asking for it
    assert "Växjö kommun" in overview and "Aneby kommun" not in overview
    assert "avtal=" not in overview  # no chooser: they work with one agreement
    assert client.get("/projektledare/oversikt?avtal=biogas-jonkoping").status_code == 403
    assert client.get("/uppfoljning/2024?avtal=biogas-jonkoping").status_code == 403
    jonkoping_report = session.scalars(select(Submission).join(ReportingRound).where(
        ReportingRound.agreement_id != other.id)).first()
    assert jonkoping_report is not None
    assert client.get(f"/projektledare/granska/{jonkoping_report.id}").status_code == 403
    assert session.get(User, leader.id) is not None


def test_the_admin_gives_a_forum_member_one_agreement(other: Agreement, client: FlaskClient, auth: AuthActions,
                                                      session: Session) -> None:
    from tracker.domain import User

    auth.login("admin@exempel.se", "demo")
    forum = session.scalars(select(User).where(User.email == "forum@exempel.se")).one()
    path = f"/admin/anvandare/{forum.id}"
    assert f'<option value="{OTHER_SLUG}">' in page(client, path)
    assert auth.post_form(path, {"role": "forum_member", "agreement": OTHER_SLUG}).status_code == 303
    session.expire_all()
    assert session.get(User, forum.id).agreement_id == other.id  # type: ignore[union-attr]
    refused = auth.post_form(path, {"role": "contact", "agreement": OTHER_SLUG})
    assert refused.status_code == 400 and "kontaktpersoner går efter sina parter" in refused.get_data(as_text=True)
    auth.logout()
    auth.login("forum@exempel.se", "demo")
    assert client.get("/uppfoljning/2024?avtal=biogas-jonkoping").status_code == 403


JONKOPING_NAMES = ("Aneby kommun", "Jönköpings kommun", "Region Jönköpings län")


@pytest.mark.slow(reason="opens every page and builds every file of both agreements")
def test_every_page_and_file_of_the_other_county_shows_its_own_and_nothing_of_the_first(
    other: Agreement, client: FlaskClient, auth: AuthActions, app: Flask, session: Session, tmp_path: Path
) -> None:
    from tracker.operations.rounds import close_round

    kronoberg_round = session.scalars(select(ReportingRound).where(ReportingRound.agreement_id == other.id)).one()
    close_round(session, Actor.system("test"), kronoberg_round)
    session.commit()
    auth.login("projektledare@exempel.se", "demo")
    query = f"?avtal={OTHER_SLUG}"
    for path in ("/projektledare/oversikt", "/projektledare/omgangar", "/projektledare/omgangar/2025",
                 "/projektledare/paminnelser", "/projektledare/excel", "/samrad", "/uppfoljning/2025"):
        html = page(client, path + query)
        assert not [name for name in JONKOPING_NAMES if name in html], path
        assert "Kronoberg" in html, path
    for path in ("/uppfoljning/2025/sammanstallning.xlsx", "/uppfoljning/2025/uppfoljning.pptx",
                 "/uppfoljning/2025/slutrapport.xlsx"):
        response = client.get(path + query)
        assert response.status_code == 200, path
    summary = load_workbook(BytesIO(client.get(f"/uppfoljning/2025/sammanstallning.xlsx{query}").data))
    cells = {str(cell.value) for sheet in summary for row in sheet.iter_rows() for cell in row if cell.value}
    assert "Växjö kommun" in cells and not cells & set(JONKOPING_NAMES)
    runner = app.test_cli_runner()
    for command in (["export-excel", "--year", "2025", "--out", str(tmp_path / "k.xlsx")],
                    ["slides", "--year", "2025", "--out", str(tmp_path / "k.pptx")],
                    ["final-report", "--out", str(tmp_path / "f.xlsx")]):
        done = runner.invoke(cli, [*command, "--agreement", OTHER_SLUG])
        assert done.exit_code == 0, (command, done.output)
    written = load_workbook(tmp_path / "k.xlsx")
    names = {str(cell.value) for sheet in written for row in sheet.iter_rows() for cell in row if cell.value}
    assert "Växjö kommun" in names and not names & set(JONKOPING_NAMES)
    final = {str(cell.value) for row in load_workbook(tmp_path / "f.xlsx")["Om"].iter_rows() for cell in row}
    assert "Kronobergs län" in final and "Jönköpings län" not in final
