"""Helpers of the reporting tests: the demo's users, finding a report, a signed-in browser that posts forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
