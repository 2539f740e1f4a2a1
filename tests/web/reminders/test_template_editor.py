"""The template editor: tokens listed per language, checked on save naming the field, the preview for a chosen
party in both languages (posting action=preview saves nothing), and the user's own settings page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, Language, MailTemplate, Party, SubmissionNotice, User
from tracker.domain.mail import MailKind

if TYPE_CHECKING:
    from tests.conftest import AuthActions

LEADER = "projektledare@exempel.se"
PATH = "/projektledare/paminnelser/mallar/invitation"
TEXTS = {"subject_sv": "Dags för {part}", "body_sv": "Hej {namn}! Sista dag {sista dag}. {länk} ({länkens giltighet})",
         "subject_en": "Time for {party}", "body_en": "Hello {name}! Deadline {deadline}. {link} ({link validity})"}


def test_the_editor_lists_the_tokens_of_each_language_and_previews_the_stored_texts_for_a_chosen_party(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.login(LEADER, "demo")
    html = client.get(f"{PATH}?part=0680").get_data(as_text=True)
    for token in ("{part}", "{länk}", "{sista dag}", "{party}", "{link}", "{deadline}"):
        assert f"<code>{token}</code>" in html
    assert "{kommentar}" not in html  # the comment belongs to the "sent back" mail
    assert "Förhandsgranskning: Jönköpings kommun" in html
    assert "Hej Jonas Kontaktsson!" in html and "Hello Jonas Kontaktsson," in html  # both languages
    assert "gäller i 7 dagar" in html and "valid for 7 days" in html
    assert "[en personlig inloggningslänk]" in html and "/logga-in/lank/" not in html
    assert 'src="/static/js/mail_template.js"' in html and "<script>" not in html  # CSP: no inline script


def test_preview_shows_the_typed_texts_and_saves_nothing(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    response = auth.post_form(PATH, {**TEXTS, "part": "0604", "action": "preview"}, form_path=PATH)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Dags för Aneby kommun" in html and "Time for Aneby kommun" in html
    assert "Hej [kontaktpersonens namn]!" in html  # Aneby has no contact
    assert "Hello [the contact&#39;s name]!" in html  # the stand-ins in the mail's language, not the page's
    session.expire_all()
    assert session.scalars(select(MailTemplate)).all() == []
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "mail_template.update")).all() == []


def test_save_refuses_a_link_in_the_subject_and_a_swedish_token_in_the_english_text_naming_the_field(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    refused = auth.post_form(PATH, {**TEXTS, "subject_sv": "Dags {länk}", "action": "save"}, form_path=PATH)
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Ämne (svenska): Kopplingsfältet {länk} kan inte användas i ämnesraden." in html
    assert 'href="#subject_sv"' in html and 'id="subject_sv-error"' in html
    refused = auth.post_form(PATH, {**TEXTS, "body_en": "Hello {namn}", "action": "save"}, form_path=PATH)
    assert "Text (engelska): Okänt kopplingsfält {namn}. Använd bara: {name}, {party}" in refused.get_data(as_text=True)
    refused = auth.post_form(PATH, {**TEXTS, "body_sv": "Hej %(party)s", "action": "save"}, form_path=PATH)
    assert "%(party)s skrivs nu {part}" in refused.get_data(as_text=True)
    refused = auth.post_form(PATH, {**TEXTS, "body_sv": "Hej {part", "action": "save"}, form_path=PATH)
    assert "En klammerparentes saknar sin motsvarighet" in refused.get_data(as_text=True)
    session.expire_all()
    assert session.scalars(select(MailTemplate)).all() == []
    saved = auth.post_form(PATH, {**TEXTS, "body_sv": "Hej {{ {part} }}", "action": "save"}, form_path=PATH)
    assert saved.status_code == 303
    template = session.scalars(select(MailTemplate).where(MailTemplate.kind == MailKind.INVITATION)).one()
    assert template.body_sv == "Hej {{ {part} }}"
    assert "Hej { Jönköpings kommun }" in client.get(f"{PATH}?part=0680").get_data(as_text=True)


def test_a_user_chooses_their_language_and_a_leader_the_digest_on_the_settings_page(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    assert client.get("/installningar").status_code == 302  # sign in first
    auth.login(LEADER, "demo")
    page = client.get("/installningar").get_data(as_text=True)
    assert "När en part lämnar in sin rapport" in page
    response = auth.post_form("/installningar", {"language": "en", "notice": "digest"})
    assert response.status_code == 303
    leader = session.scalars(select(User).where(User.email == LEADER)).one()
    session.refresh(leader)
    assert (leader.language, leader.submission_notice) == (Language.EN, SubmissionNotice.DIGEST)
    assert "Your settings are saved." in client.get("/installningar").get_data(as_text=True)  # pages in English
    events = session.scalars(select(AuditEvent.field).where(AuditEvent.entity_id == leader.id,
                                                            AuditEvent.action.like("user.%"))).all()
    assert {"language", "submission_notice"} <= set(events)
    bad = auth.post_form("/installningar", {"language": "fi", "notice": "digest"})
    assert bad.status_code == 400 and "Choose Swedish or English." in bad.get_data(as_text=True)


def test_a_contact_has_no_notice_choice(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login("kontakt.jonkoping@exempel.se", "demo")
    page = client.get("/installningar").get_data(as_text=True)
    assert "Språk i dina e-postmeddelanden" in page and "När en part lämnar in" not in page
    assert auth.post_form("/installningar", {"language": "en", "notice": "none"}).status_code == 303
    contact = session.scalars(select(User).where(User.email == "kontakt.jonkoping@exempel.se")).one()
    session.refresh(contact)
    assert contact.language is Language.EN and contact.submission_notice is SubmissionNotice.EACH


def test_the_registry_invitations_preview_starts_with_a_party_that_would_get_it(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    """The registry's mail goes to a party without a contact: its preview shows such a party first."""
    aneby = session.scalars(select(Party).where(Party.code == "0604")).one()
    aneby.registry_email = "registrator@aneby.se"
    session.flush()
    auth.login(LEADER, "demo")
    html = client.get("/projektledare/paminnelser/mallar/registry_invitation").get_data(as_text=True)
    assert "Förhandsgranskning: Aneby kommun" in html
    assert "Förhandsgranskning: Region Jönköpings län" not in html
