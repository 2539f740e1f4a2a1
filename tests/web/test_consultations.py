"""The consultation on the agreement's future, on the demo data (10 of the 14 parties have decided): a contact
records their party's decision with the decision attached, a leader sees who has answered and takes the summary,
nobody reads or changes another party's decision, and every mistake is a message at its field."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tracker.domain import AuditEvent, Party
from tracker.domain.consultation import Consultation, ConsultationAnswer, Decision

if TYPE_CHECKING:
    from tests.conftest import AuthActions

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def ids(session: Session, code: str) -> tuple[int, int]:
    consultation = session.scalars(select(Consultation)).one()
    party = session.scalars(select(Party).where(Party.code == code)).one()
    return consultation.id, party.id


def form_of(party_path: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {"decision": "revise", "decided_by": "Kommunstyrelsen", "decided_on": "2025-05-20",
                               "reference": "KS 2025/200", "comment": "", "version": ""}
    data.update(changes)
    return data


def post(client: FlaskClient, auth: AuthActions, path: str, data: dict[str, object]) -> TestResponse:
    token = auth.csrf_token(path)
    return client.post(path, data={**data, "csrf_token": token}, content_type="multipart/form-data")


def test_a_contact_records_the_decision_with_the_file(client: FlaskClient, auth: AuthActions,
                                                      session: Session) -> None:
    auth.login("kontakt.region@exempel.se", "demo")
    consultation_id, region = ids(session, "06")
    mine = client.get("/rapportera/").get_data(as_text=True)
    assert f"/samrad/{consultation_id}/part/{region}" in mine
    path = f"/samrad/{consultation_id}/part/{region}"
    page = client.get(path).get_data(as_text=True)
    assert 'value="Regionstyrelsen"' in page  # the demo's decision, to change
    existing = session.scalars(select(ConsultationAnswer).where(ConsultationAnswer.party_id == region)).one()
    saved = post(client, auth, path, form_of(path, decision="wind_down", decided_by="Regionfullmäktige",
                                             version=str(existing.version),
                                             attachment=(BytesIO(PDF), "../../protokoll\u202e.pdf")))
    assert saved.status_code == 303, saved.get_data(as_text=True)
    session.expire_all()
    answer = session.get(ConsultationAnswer, existing.id)
    assert answer is not None
    assert (answer.decision, answer.decided_by, answer.attachment_name) == (
        Decision.WIND_DOWN, "Regionfullmäktige", "protokoll_.pdf")
    fields = {e.field for e in session.scalars(select(AuditEvent).where(
        AuditEvent.entity == "consultation_answer", AuditEvent.entity_id == existing.id))}
    assert {"decision", "decided_by", "attachment"} <= fields
    download = client.get(path + "/beslut")
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf" and download.headers["X-Content-Type-Options"] == "nosniff"


def test_another_party_s_decision_is_not_the_contact_s(client: FlaskClient, auth: AuthActions,
                                                       session: Session) -> None:
    auth.login("kontakt.jonkoping@exempel.se", "demo")
    consultation_id, aneby = ids(session, "0604")
    path = f"/samrad/{consultation_id}/part/{aneby}"
    assert client.get(path).status_code == 403
    assert client.get(path + "/beslut").status_code == 403
    assert client.post(path, data={"decision": "continue"}).status_code in (400, 403)  # no token, no right
    assert client.get(f"/samrad/{consultation_id}").status_code == 403
    assert client.get(f"/samrad/{consultation_id}/samrad.xlsx").status_code == 403
    before = session.scalars(select(ConsultationAnswer).where(ConsultationAnswer.party_id == aneby)).one()
    assert before.decision is Decision.REVISE


@pytest.mark.parametrize(("changes", "message"), [
    ({"decision": ""}, "Välj partens beslut."),
    ({"decided_by": ""}, "Ange vilket organ som beslutade"),
    ({"decided_on": "2025-02-30"}, "Det datumet finns inte."),
    ({"decided_on": "2999-01-01"}, "Beslutsdagen kan inte vara efter i dag."),
    ({"decided_by": "Kommun\u202estyrelsen"}, "osynliga formateringstecken"),
    ({"attachment": (b"MZ\x90\x00 not a decision", "beslut.exe")}, "Bifoga beslutet som PDF"),
    ({"attachment": (b"PK\x03\x04 zipped", "beslut.zip")}, "Bifoga beslutet som PDF"),
])
def test_a_mistake_is_a_message_at_its_field_and_nothing_is_saved(
    client: FlaskClient, auth: AuthActions, session: Session, changes: dict[str, object], message: str
) -> None:
    auth.login("kontakt.jonkoping@exempel.se", "demo")
    consultation_id, jonkoping = ids(session, "0680")
    path = f"/samrad/{consultation_id}/part/{jonkoping}"
    existing = session.scalars(select(ConsultationAnswer).where(ConsultationAnswer.party_id == jonkoping)).one()
    file = changes.get("attachment")
    if isinstance(file, tuple):  # a new stream each run (a stream is read once): the parameters hold the bytes
        changes = {**changes, "attachment": (BytesIO(file[0]), file[1])}
    response = post(client, auth, path, form_of(path, version=str(existing.version), **changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    session.expire_all()
    again = session.get(ConsultationAnswer, existing.id)
    assert again is not None and (again.decided_by, again.version) == ("Kommunfullmäktige", existing.version)


def test_two_people_saving_the_same_decision_never_overwrite_each_other(client: FlaskClient, auth: AuthActions,
                                                                        session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    consultation_id, jonkoping = ids(session, "0680")
    path = f"/samrad/{consultation_id}/part/{jonkoping}"
    existing = session.scalars(select(ConsultationAnswer).where(ConsultationAnswer.party_id == jonkoping)).one()
    opened = str(existing.version)
    assert post(client, auth, path, form_of(path, version=opened)).status_code == 303
    late = post(client, auth, path, form_of(path, decided_by="Kommunstyrelsen AU", version=opened))
    assert late.status_code == 409
    assert "Någon annan har sparat beslutet för Jönköpings kommun" in late.get_data(as_text=True)
    session.expire_all()
    assert session.get(ConsultationAnswer, existing.id).decided_by == "Kommunstyrelsen"  # type: ignore[union-attr]


def test_the_leaders_see_who_has_answered_and_take_the_summary(client: FlaskClient, auth: AuthActions,
                                                               session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    consultation_id, _ = ids(session, "06")
    page = client.get(f"/samrad/{consultation_id}").get_data(as_text=True)
    assert "10 av 14 parter har svarat." in page
    assert "Eksjö kommun, Gislaveds kommun, Nässjö kommun, Sävsjö kommun" in page
    deck = Presentation(BytesIO(client.get(f"/samrad/{consultation_id}/samrad.pptx").data))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert "Parternas beslut: 10 av 14 har svarat" in texts
    assert any("Aneby kommun: Revidera överenskommelsen – Kommunstyrelsen, 2025-03-18, dnr KS 2025/31" in text
               for text in texts)
    book = load_workbook(BytesIO(client.get(f"/samrad/{consultation_id}/samrad.xlsx").data))
    rows = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert ["Revidera överenskommelsen", 6] in [row[:2] for row in rows]
    assert ["Eksjö kommun", "Har inte svarat än"] in [row[:2] for row in rows]


def test_a_closed_consultation_keeps_its_answers(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    consultation_id, eksjo = ids(session, "0662")
    show = f"/samrad/{consultation_id}"
    assert auth.post_form(f"{show}/stang", {}, form_path=show).status_code == 303
    path = f"{show}/part/{eksjo}"
    refused = post(client, auth, path, form_of(path))
    assert refused.status_code == 400 and "Samrådet är stängt" in refused.get_data(as_text=True)
    assert session.scalars(select(ConsultationAnswer).where(ConsultationAnswer.party_id == eksjo)).first() is None


def test_a_leader_starts_a_consultation_and_a_question_is_required(client: FlaskClient, auth: AuthActions,
                                                                   session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    empty = auth.post_form("/samrad", {"title_sv": "  "})
    assert empty.status_code == 400 and "Ge samrådet dess fråga." in empty.get_data(as_text=True)
    created = auth.post_form("/samrad", {"title_sv": "Förlänga överenskommelsen till 2030?",
                                         "deadline_on": "2027-06-30"})
    assert created.status_code == 303
    assert session.scalars(select(Consultation).order_by(Consultation.id.desc())).first().title_sv == (  # type: ignore[union-attr]
        "Förlänga överenskommelsen till 2030?")
