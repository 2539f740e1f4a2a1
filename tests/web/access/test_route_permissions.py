"""Every route of the app, for every role and for the own party, another party and a closed round.

The table below says what each must answer. A route that is added to the app without a line here fails
`test_every_route_is_in_the_table`, so the table keeps covering the whole app as it grows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tracker.domain import AuditEvent, Party, ReportingRound, Submission

if TYPE_CHECKING:
    from tests.conftest import AuthActions

DEMO_PASSWORD = "demo"
ROLES = {
    "anonymous": None,
    "contact": "kontakt.jonkoping@exempel.se",  # reports for Jönköpings kommun (0680)
    "forum_member": "forum@exempel.se",
    "project_leader": "projektledare@exempel.se",
    "admin": "admin@exempel.se",
}
# The submission each case is about: Jönköping's in the open round 2025, Aneby's in the same round,
# and Jönköping's in the closed round 2024.
TARGETS = {"own": ("0680", 2025), "other": ("0604", 2025), "closed": ("0680", 2024)}


@dataclass(frozen=True)
class Route:
    method: str
    path: Callable[[int], str]  # submission id -> path
    data: dict[str, str] | None = None  # form data for POST (the CSRF token is added)
    per_submission: bool = True


SIGN_IN = 302  # anonymous: redirected to the sign-in page
SUBMISSION_ROUTES: dict[str, Route] = {
    "reporting.overview": Route("GET", lambda s: f"/rapportera/{s}"),
    "reporting.commitment": Route("GET", lambda s: f"/rapportera/{s}/atagande/II"),
    "reporting.commitment:POST": Route("POST", lambda s: f"/rapportera/{s}/atagande/II",
                                       {"then": "stay", "q_II_public_stations": "3"}),
    "reporting.history": Route("GET", lambda s: f"/rapportera/{s}/historik"),
    "reporting.copy_last_year:GET": Route("GET", lambda s: f"/rapportera/{s}/kopiera"),
    "reporting.copy_last_year": Route("POST", lambda s: f"/rapportera/{s}/kopiera"),
    "reporting.submit": Route("POST", lambda s: f"/rapportera/{s}/skicka-in"),
    "leaders.review": Route("GET", lambda s: f"/projektledare/granska/{s}"),
    # After reporting.submit above, a leader approves the own report; sending it back is then refused (303).
    "leaders.approve_report": Route("POST", lambda s: f"/projektledare/granska/{s}/godkann"),
    "leaders.send_back_report": Route("POST", lambda s: f"/projektledare/granska/{s}/skicka-tillbaka",
                                      {"comment": "Komplettera åtagande II."}),
}
OTHER_ROUTES: dict[str, Route] = {
    "public.index": Route("GET", lambda s: "/", per_submission=False),
    "public.accessibility": Route("GET", lambda s: "/tillganglighet", per_submission=False),
    "public.health": Route("GET", lambda s: "/halsa", per_submission=False),
    "public.favicon": Route("GET", lambda s: "/favicon.ico", per_submission=False),
    "static": Route("GET", lambda s: "/static/css/app.css", per_submission=False),
    "i18n.switch_language": Route("GET", lambda s: "/sprak/en?next=/", per_submission=False),
    "auth.sign_in": Route("GET", lambda s: "/logga-in", per_submission=False),
    "auth.request_link": Route("GET", lambda s: "/logga-in/lank", per_submission=False),
    "auth.use_link": Route("GET", lambda s: "/logga-in/lank/not-a-token", per_submission=False),
    "reporting.mine": Route("GET", lambda s: "/rapportera/", per_submission=False),
    "account.settings": Route("GET", lambda s: "/installningar", per_submission=False),
    "auth.sign_out": Route("GET", lambda s: "/logga-ut", per_submission=False),
    "forum.latest": Route("GET", lambda s: "/uppfoljning", per_submission=False),
    "forum.dashboard": Route("GET", lambda s: "/uppfoljning/2023", per_submission=False),
    "forum.trend": Route("GET", lambda s: "/uppfoljning/2023/trend/III.cars_gas_share", per_submission=False),
    "forum.chart": Route("GET", lambda s: "/uppfoljning/2023/diagram/status-II.svg", per_submission=False),
    "forum.handout": Route("GET", lambda s: "/uppfoljning/2023/handout.pdf", per_submission=False),
    "forum.deck": Route("GET", lambda s: "/uppfoljning/2023/uppfoljning.pptx", per_submission=False),
    "forum.summary": Route("GET", lambda s: "/uppfoljning/2023/sammanstallning.xlsx", per_submission=False),
    "forum.final_deck": Route("GET", lambda s: "/uppfoljning/2023/slutrapport.pptx", per_submission=False),
    "forum.final_workbook": Route("GET", lambda s: "/uppfoljning/2023/slutrapport.xlsx", per_submission=False),
    "reminders.index": Route("GET", lambda s: "/projektledare/paminnelser", per_submission=False),
    "reminders.round_page": Route("GET", lambda s: "/projektledare/paminnelser/2025", per_submission=False),
    "reminders.send": Route("POST", lambda s: "/projektledare/paminnelser/2025",
                            {"typ": "reminder", "sent_before": "0"}, per_submission=False),
    "reminders.edit_template": Route("GET", lambda s: "/projektledare/paminnelser/mallar/reminder",
                                     per_submission=False),
    "admin.index": Route("GET", lambda s: "/admin", per_submission=False),
    "admin.users": Route("GET", lambda s: "/admin/anvandare", per_submission=False),
    "admin.user": Route("GET", lambda s: "/admin/anvandare/3", per_submission=False),
    "admin.user_active": Route("POST", lambda s: "/admin/anvandare/3/aktiv", {"active": "1"}, per_submission=False),
    "admin.parties": Route("GET", lambda s: "/admin/parter", per_submission=False),
    "admin.party": Route("POST", lambda s: "/admin/parter/1", {"active": "1"}, per_submission=False),
    "admin.membership": Route("GET", lambda s: "/admin/parter/1/medlemskap", per_submission=False),
    # The rounds and the overview, in this order for a leader: create 2026 (with dates, so it can be opened),
    # change 2025's dates, figures and news, open 2026, close 2025 and reopen it with a reason.
    "leaders.rounds": Route("GET", lambda s: "/projektledare/omgangar", per_submission=False),
    "leaders.create_round": Route("POST", lambda s: "/projektledare/omgangar",
                                  {"year": "2026", "opens_on": "2027-11-01", "deadline_on": "2028-01-31"},
                                  per_submission=False),
    "leaders.round": Route("GET", lambda s: "/projektledare/omgangar/2025", per_submission=False),
    "leaders.round_dates": Route("POST", lambda s: "/projektledare/omgangar/2025/datum",
                                 {"opens_on": "2026-11-01", "deadline_on": "2027-02-15"}, per_submission=False),
    "leaders.round_figures": Route("POST", lambda s: "/projektledare/omgangar/2025/lansiffror",
                                   {"q_county_biogas_production_gwh": "91,5", "q_county_public_stations": "19"},
                                   per_submission=False),
    "leaders.round_news": Route("POST", lambda s: "/projektledare/omgangar/2025/nyheter",
                                {"news_sv": "Ny tankstation i Eksjö", "news_en": ""}, per_submission=False),
    "leaders.add_party_report": Route("POST", lambda s: "/projektledare/omgangar/2025/parter/1",
                                      per_submission=False),  # it has its report: refused, back to the round
    "leaders.presentation": Route("GET", lambda s: "/projektledare/omgangar/2024/forum", per_submission=False),
    "leaders.save_presentation": Route("POST", lambda s: "/projektledare/omgangar/2024/forum",
                                       {"conclusions_sv": "Målet är nått", "presenter_1_name": "Anna Andersson"},
                                       per_submission=False),
    "leaders.open_round": Route("POST", lambda s: "/projektledare/omgangar/2026/oppna", {"tidigt": "1"},
                                per_submission=False),  # before its opening day: confirmed
    "leaders.close_round": Route("POST", lambda s: "/projektledare/omgangar/2025/stang", per_submission=False),
    "leaders.reopen_round": Route("POST", lambda s: "/projektledare/omgangar/2025/oppna-igen",
                                  {"reason": "Eksjö rättar sitt svar."}, per_submission=False),
    "leaders.overview": Route("GET", lambda s: "/projektledare/oversikt?ar=2025", per_submission=False),
    # The offline Excel form: an upload without a file is a form error (400); no such preview token is 404.
    "leaders.excel_index": Route("GET", lambda s: "/projektledare/excel", per_submission=False),
    "leaders.excel_download": Route("GET", lambda s: f"/projektledare/excel/{s}.xlsx", per_submission=False),
    "leaders.excel_upload": Route("POST", lambda s: f"/projektledare/excel/{s}", per_submission=False),
    "leaders.excel_preview": Route("GET", lambda s: "/projektledare/excel/forhandsgranska/ingen", per_submission=False),
    "leaders.excel_confirm": Route("POST", lambda s: "/projektledare/excel/forhandsgranska/ingen",
                                   per_submission=False),
    "leaders.history_index": Route("GET", lambda s: "/projektledare/excel/tidigare-ar", per_submission=False),
    "leaders.history_template": Route("GET", lambda s: "/projektledare/excel/tidigare-ar/mall.xlsx",
                                      per_submission=False),
    "leaders.history_upload": Route("POST", lambda s: "/projektledare/excel/tidigare-ar", per_submission=False),
    "leaders.history_preview": Route("GET", lambda s: "/projektledare/excel/tidigare-ar/ingen", per_submission=False),
    "leaders.history_confirm": Route("POST", lambda s: "/projektledare/excel/tidigare-ar/ingen", per_submission=False),
    # The station register (the demo's first station is id 1).
    "leaders.stations": Route("GET", lambda s: "/projektledare/stationer", per_submission=False),
    "leaders.new_station": Route("GET", lambda s: "/projektledare/stationer/ny", per_submission=False),
    "leaders.station": Route("GET", lambda s: "/projektledare/stationer/1", per_submission=False),
    "leaders.stations_csv": Route("GET", lambda s: "/projektledare/stationer.csv", per_submission=False),
    # The demo's consultation (id 1): Jönköping's decision (party 8, the contact's own, no file attached) and
    # Aneby's (party 2); closed and opened again in this order.
    "consultations.index": Route("GET", lambda s: "/samrad", per_submission=False),
    "consultations.show": Route("GET", lambda s: "/samrad/1", per_submission=False),
    "consultations.answer": Route("GET", lambda s: "/samrad/1/part/8", per_submission=False),
    "consultations.answer:other": Route("GET", lambda s: "/samrad/1/part/2", per_submission=False),
    "consultations.attachment": Route("GET", lambda s: "/samrad/1/part/8/beslut", per_submission=False),
    "consultations.deck": Route("GET", lambda s: "/samrad/1/samrad.pptx", per_submission=False),
    "consultations.workbook": Route("GET", lambda s: "/samrad/1/samrad.xlsx", per_submission=False),
    "consultations.close": Route("POST", lambda s: "/samrad/1/stang", per_submission=False),
    "consultations.reopen": Route("POST", lambda s: "/samrad/1/oppna", per_submission=False),
}
# The forum's dashboard (and its files) is for forum members, project leaders and admins; the Excel summary with
# every party's answers only for project leaders and admins. /uppfoljning redirects to the latest closed year.
FORUM_PAGES = {"anonymous": SIGN_IN, "contact": 403, "forum_member": 200, "project_leader": 200, "admin": 200}
LEADER_PAGES = {**FORUM_PAGES, "forum_member": 403}
ADMIN_PAGES = {**LEADER_PAGES, "project_leader": 403}  # administration: admins only
ROUNDS_AND_OVERVIEW = {"leaders.rounds", "leaders.create_round", "leaders.round", "leaders.round_dates",
                       "leaders.round_figures", "leaders.round_news", "leaders.open_round", "leaders.close_round",
                       "leaders.reopen_round", "leaders.overview", "leaders.presentation",
                       "leaders.save_presentation", "leaders.add_party_report", "leaders.stations",
                       "leaders.new_station", "leaders.station", "leaders.stations_csv"}
LEADERS_REDIRECT = {**LEADER_PAGES, "project_leader": 303, "admin": 303}
CONSULTATION_ROUTES = {  # the decisions are the party's contacts' and the leaders'; the summary the forum's too
    "consultations.index": LEADER_PAGES, "consultations.show": LEADER_PAGES,
    "consultations.answer": {**LEADER_PAGES, "contact": 200},
    "consultations.answer:other": LEADER_PAGES,
    "consultations.attachment": {**LEADER_PAGES, "contact": 404, "project_leader": 404, "admin": 404},  # none
    "consultations.deck": FORUM_PAGES, "consultations.workbook": LEADER_PAGES,
    "consultations.close": LEADERS_REDIRECT, "consultations.reopen": LEADERS_REDIRECT,
}
OFFLINE_FORM = {"leaders.excel_index": 200, "leaders.excel_download": 200, "leaders.excel_upload": 400,
                "leaders.excel_preview": 404, "leaders.excel_confirm": 404, "leaders.history_index": 200,
                "leaders.history_template": 200, "leaders.history_upload": 400, "leaders.history_preview": 404,
                "leaders.history_confirm": 404}  # what a project leader or admin gets

# A closed round is locked: a POST is answered with a redirect to the read-only report and changes nothing
# (checked below). The POSTs run in table order: after copying last year's answers the report holds every answer,
# but the copies are not confirmed yet, so submitting it is refused with the list of what is missing (200). The
# page of what copying would do is read-only; for a locked report it redirects to the report (303).
READ = {"own": 200, "other": 403, "closed": 200}
WRITE = {"own": 303, "other": 403, "closed": 303}
LEADER_READ = {"own": 200, "other": 200, "closed": 200}
LEADER_WRITE = {"own": 303, "other": 303, "closed": 303}
FORBIDDEN = {"own": 403, "other": 403, "closed": 403}


def expected(name: str, role: str, target: str) -> int:
    """What `role` must get from route `name` for `target`: the access rules of the product, as a table."""
    endpoint = name.split(":")[0]
    if name in OTHER_ROUTES:
        if endpoint == "i18n.switch_language":
            return 303
        if endpoint == "auth.use_link":
            return 400  # a broken link: a page offering a new one
        if endpoint == "account.settings":  # one's own settings: every signed-in user
            return SIGN_IN if role == "anonymous" else 200
        if endpoint == "reporting.mine":  # the contacts' page (admins may open every page)
            return {"anonymous": SIGN_IN, "contact": 200, "admin": 200}.get(role, 403)
        if endpoint.startswith("consultations."):
            return CONSULTATION_ROUTES[name][role]
        if endpoint.startswith("forum."):
            want = (LEADER_PAGES if endpoint == "forum.summary" else FORUM_PAGES)[role]
            return 303 if endpoint == "forum.latest" and want == 200 else want
        if endpoint in OFFLINE_FORM:  # project leaders and admins
            want = LEADER_PAGES[role]
            return OFFLINE_FORM[endpoint] if want == 200 else want
        if endpoint in ROUNDS_AND_OVERVIEW:  # project leaders and admins; a change answers with a redirect
            want = LEADER_PAGES[role]
            return 303 if want == 200 and OTHER_ROUTES[name].method == "POST" else want
        if endpoint.startswith(("reminders.", "admin.")):  # reminders: leaders; administration: admins
            want = (ADMIN_PAGES if endpoint.startswith("admin.") else LEADER_PAGES)[role]
            redirects = OTHER_ROUTES[name].method == "POST" or endpoint == "admin.index"
            return 303 if want == 200 and redirects else want
        if endpoint == "auth.sign_in" and role != "anonymous":
            return 303  # already signed in: on to the start page
        return 200
    if role == "anonymous":
        return SIGN_IN
    is_write = SUBMISSION_ROUTES[name].method == "POST"
    if endpoint.startswith("leaders."):  # the leaders' pages of a report (review): leaders and admins, any party
        if role not in ("project_leader", "admin"):
            return FORBIDDEN[target]
        return (LEADER_WRITE if is_write else LEADER_READ)[target]
    if role == "contact":
        want = (WRITE if is_write else READ)[target]
    elif role in ("project_leader", "admin"):
        want = (LEADER_WRITE if is_write else LEADER_READ)[target]
    else:
        return FORBIDDEN[target]
    if name == "reporting.copy_last_year:GET" and want == 200 and target == "closed":
        return 303
    if endpoint == "reporting.submit" and want == 303 and target != "closed":
        return 200
    return want


def submission_id(session: Session, code: str, year: int) -> int:
    return session.scalars(
        select(Submission.id).join(Party).join(ReportingRound).where(Party.code == code, ReportingRound.year == year)
    ).one()


def test_every_route_is_in_the_table(app: Flask) -> None:
    table = {name.split(":")[0] for name in (*SUBMISSION_ROUTES, *OTHER_ROUTES)}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - table == set(), "new routes need a line in the access table"
    assert table - endpoints == set(), "the table names routes the app no longer has"


# "own" requests every route of the app, the Excel, deck and PDF downloads among them.
OWN_IS_SLOW = pytest.mark.slow(reason="the own party's case requests every route, building every download")


@pytest.mark.parametrize("target", [pytest.param(t, marks=OWN_IS_SLOW) if t == "own" else t for t in sorted(TARGETS)])
@pytest.mark.parametrize("role", list(ROLES))
def test_each_route_answers_each_role_as_the_rules_say(
    client: FlaskClient, auth: AuthActions, session: Session, role: str, target: str
) -> None:
    email = ROLES[role]
    if email is not None:
        assert auth.login(email, DEMO_PASSWORD).status_code == 303
    sid = submission_id(session, *TARGETS[target])
    changes_before = audit_events_of(session, sid)
    routes = dict(SUBMISSION_ROUTES)
    if target == "own":
        routes |= OTHER_ROUTES
    mismatches: list[str] = []
    for name, route in routes.items():
        path = route.path(sid)
        if route.method == "GET":
            response = client.get(path)
        else:
            token = auth.csrf_token("/logga-in" if email is None else "/")  # the sign-in or sign-out form
            submission = session.get(Submission, sid)
            assert submission is not None
            version = str(submission.version)  # as the page the user saw carries it
            response = client.post(path, data={**(route.data or {}), "csrf_token": token, "version": version})
            session.expire_all()
        mismatches.extend(f"{route.method} {path}: {problem}" for problem in header_problems(
            response, signed_in=email is not None, cacheable=name in KEPT_BY_BROWSERS,
            referrer="no-referrer" if name == "auth.use_link" else "same-origin"))
        response.close()
        want = expected(name, role, target)
        if response.status_code != want:
            mismatches.append(f"{route.method} {path}: {response.status_code}, expected {want}")
        if response.status_code == SIGN_IN and want == SIGN_IN:
            assert "/logga-in" in response.headers["Location"]
    assert mismatches == [], "\n".join(mismatches)
    if target != "own" and role not in ("project_leader", "admin"):
        assert audit_events_of(session, sid) == changes_before, "a refused request changed the report"
    if target == "closed":
        assert audit_events_of(session, sid) == changes_before, "a report of a closed round was changed"


KEPT_BY_BROWSERS = {"static", "public.favicon", "forum.chart"}
"""What a browser may keep for a signed-in user: the style sheets and icons, and the charts (aggregated figures)."""


def header_problems(response: TestResponse, *, signed_in: bool, cacheable: bool, referrer: str) -> list[str]:
    """What is missing of the security headers (tracker.web.security) on a response of any route: the content
    policy without inline script or style, no framing, nosniff, the referrer policy (none at all on the sign-in
    link's page, whose address holds the token), and for a signed-in user never stored."""
    headers, problems = response.headers, []
    policy = headers.get("Content-Security-Policy", "")
    if "frame-ancestors 'none'" not in policy or "'unsafe-inline'" in policy or "script-src 'self'" not in policy:
        problems.append(f"content policy {policy!r}")
    for name, value in (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                        ("Referrer-Policy", referrer)):
        if headers.get(name) != value:
            problems.append(f"{name} {headers.get(name)!r}")
    cache = headers.get("Cache-Control", "")
    if signed_in and not cacheable and "no-store" not in cache:
        problems.append(f"Cache-Control {cache!r} for a signed-in user")
    return problems


def audit_events_of(session: Session, sid: int) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.submission_id == sid)) or 0
