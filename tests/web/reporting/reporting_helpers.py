"""Helpers of the reporting tests: the demo's users, finding a report, a signed-in browser that posts forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from seed.demo import DEMO_PASSWORD
from tracker.domain import AuditEvent, Party, ReportingRound, Submission

CONTACT = "kontakt.jonkoping@exempel.se"  # Jönköpings kommun (0680)
REGION_CONTACT = "kontakt.region@exempel.se"  # Region Jönköpings län (06)
LEADER = "projektledare@exempel.se"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_VERSION = re.compile(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"')


def user_email(event: AuditEvent) -> str | None:
    """The email of the user who made the change; None for a system actor (the seed, the CLI)."""
    return event.user.email if event.user is not None else None


def submission_id(session: Session, party_code: str, year: int) -> int:
    return session.scalars(
        select(Submission.id).join(Submission.round).join(Submission.party)
        .where(Party.code == party_code, ReportingRound.year == year)
    ).one()


@dataclass
class Reporter:
    """A browser of one signed-in user: pages are fetched, and forms posted with the page's CSRF token and
    (for the report's forms) the version the page was opened at, as a browser posts them."""

    client: FlaskClient

    def login(self, email: str = CONTACT, password: str = DEMO_PASSWORD) -> Reporter:
        """Sign in on this client (for a second browser; the first one uses the `auth` fixture)."""
        page = self.client.get("/logga-in").get_data(as_text=True)
        response = self.client.post("/logga-in", data={
            "email": email, "password": password, "csrf_token": csrf(page)})
        assert response.status_code == 303, "the demo user could not sign in"
        return self

    def open(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)

    def post(self, path: str, data: dict[str, str], *, page: str | None = None, form_path: str | None = None
             ) -> TestResponse:
        """POST `data` with the token (and version, if the page has one) of `page`, or of the page at
        `form_path` (default: `path`) fetched now."""
        html = page if page is not None else self.open(form_path or path)
        fields = {"csrf_token": csrf(html)}
        if (version := version_in(html)) is not None:
            fields["version"] = version
        return self.client.post(path, data={**fields, **data})


def csrf(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def version_in(html: str) -> str | None:
    match = _VERSION.search(html)
    return (match.group(1) or match.group(2)) if match else None


class _FormReader(HTMLParser):
    """The fields a browser would post from the form with id `form_id`: inputs, checked radios, textareas."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = found.get("id") == self.form_id
        elif self.inside and tag == "input" and "name" in found:
            if found.get("type") in ("radio", "checkbox") and "checked" not in found:
                return
            self.fields[found["name"]] = found.get("value", "")
        elif self.inside and tag == "textarea":
            self._textarea = found.get("name")
            self.fields[self._textarea or ""] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str = "report-form") -> dict[str, str]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return {name: value.removeprefix("\r\n").removeprefix("\n") for name, value in reader.fields.items()}


def copy_last_year(reporter: Reporter, sid: int) -> TestResponse:
    """Copy last year's answers as a contact does: from the page of what would be copied."""
    return reporter.post(f"/rapportera/{sid}/kopiera", {})


def confirm_commitment(reporter: Reporter, sid: int, number: str) -> TestResponse:
    """The commitment's "save and confirm" button, with the form as the page shows it."""
    url = f"/rapportera/{sid}/atagande/{number}"
    page = reporter.open(url)
    return reporter.client.post(url, data={**form_fields(page), "then": "confirm"})


def copy_and_confirm(reporter: Reporter, sid: int) -> None:
    """Copy last year's answers and confirm every commitment: the report is then as complete as last year's."""
    assert copy_last_year(reporter, sid).status_code == 303
    overview = reporter.open(f"/rapportera/{sid}")
    numbers = dict.fromkeys(re.findall(rf'href="/rapportera/{sid}/atagande/([^"#?]+)"', overview))
    assert numbers, "no commitment on the overview"
    for number in numbers:
        response = confirm_commitment(reporter, sid, number)
        assert response.status_code == 303, (number, response.status_code)
