"""Arbitrary form posts against every form endpoint: never a 5xx, never a value values.py would refuse.

The endpoints are read from the app's URL map, so a new form is fuzzed as soon as it exists; a URL argument
without a strategy here fails the test. Each example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound
from werkzeug.routing import Rule

from forms.reporting import field_name
from tracker.domain import Answer, Indicator, Party, ReportingRound, Submission, User
from tracker.domain.free_text import checked_text
from tracker.domain.values import ValueRules, from_columns, parse

if TYPE_CHECKING:
    from tests.conftest import AuthActions

pytestmark = pytest.mark.usefixtures("hypothesis_unicode_tables")  # st.text(): the tables built once per run

USERS = {"contact": "kontakt.jonkoping@exempel.se", "project_leader": "projektledare@exempel.se",
         "admin": "admin@exempel.se", "anonymous": None}
OWN_PARTY = "0680"

junk_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=200),
    st.sampled_from(["", " ", "12,5", "1.234,5", "-3", "1e9", "NaN", "=1+1", "ja", "nej", "yes", "upgraded",
                     "99999999999999999999", "\x00", "<script>", "' OR 1=1 --", "Ej aktuellt",
                     # what free_text refuses: overrides, zero-width, control characters, a header of its own
                     "Eksjö\u202ekommun", "Eks\u200bjö", "\ufeffNamn", "Rad\r\nBcc: alla@exempel.se", "\x1b[31mröd",
                     "２０３１", "0680\u200b"]),
    st.integers(min_value=0, max_value=100_000).map(lambda n: "x" * n),
)
any_id = st.one_of(st.integers(min_value=0, max_value=2**31), st.sampled_from([1, 2, 3, 50, 86, 92]))


def url_strategy(rule: Rule, submission_ids: Sequence[int]) -> st.SearchStrategy[str]:
    """A strategy for the URLs of `rule`: real ids (own and others' reports) mixed with junk."""
    arguments: dict[str, st.SearchStrategy[object]] = {}
    for name in rule.arguments:
        if name == "submission_id":
            arguments[name] = st.one_of(st.sampled_from(submission_ids), any_id)
        elif name == "number":
            arguments[name] = st.one_of(st.sampled_from(["I", "II", "III", "IV", "VI", "VIII", "IX"]), st.text(
                alphabet="IVXabc0-_", min_size=1, max_size=8))
        elif name in ("user_id", "party_id", "consultation_id", "station_id"):
            arguments[name] = any_id
        elif name == "year":
            arguments[name] = st.one_of(st.sampled_from([2023, 2024, 2025]), st.integers(min_value=0, max_value=9999))
        elif name in ("token", "kind"):
            arguments[name] = st.one_of(st.sampled_from(["reminder", "invitation", "returned"]),
                                        st.text(alphabet="abcXYZ-_.0123", min_size=1, max_size=60))
        else:
            pytest.fail(f"no strategy for the URL argument {name!r} of {rule.rule}: add one to {__file__}")

    def path(values: dict[str, object]) -> str:
        built = rule.build(values, append_unknown=False)
        assert built is not None, f"{rule.rule} cannot be built from {values}"
        return built[1]

    return st.fixed_dictionaries(arguments).map(path)


def every_stored_answer_is_valid(session: Session) -> None:
    """Every answer row in the database is a value values.py accepts for its indicator (read as plain columns:
    the check runs after every example)."""
    rules = {row.id: (row.key, ValueRules.of(row)) for row in session.scalars(select(Indicator))}
    rows = session.execute(select(Answer.indicator_id, Answer.value_number, Answer.value_text, Answer.value_bool))
    for indicator_id, number, text, flag in rows:
        key, indicator_rules = rules[indicator_id]
        value = from_columns(number, text, flag)
        assert value is not None, f"an empty answer row for {key}"
        raw = value.number if value.number is not None else value.text if value.text is not None else value.flag
        assert parse(indicator_rules, raw) == value, f"{key}: {raw!r} is stored but refused"


def every_stored_free_text_is_valid(session: Session) -> None:
    """Every name and text outside the answers is one free_text accepts: nothing it refuses got stored."""
    one_line = [*session.scalars(select(Party.name)), *session.scalars(select(User.name)),
                *session.scalars(select(User.email))]
    several = [text for text in session.scalars(select(ReportingRound.news_sv)) if text]
    for text in one_line:
        assert checked_text(text, 10_000, one_line=True) == text, f"{text!r} is stored but refused"
    for text in several:
        checked_text(text, 100_000)


def others_fingerprint(session: Session) -> list[tuple[int, int]]:
    rows = session.execute(
        select(Submission.id, Submission.version).join(Party).where(Party.code != OWN_PARTY).order_by(Submission.id)
    )
    return [(row[0], row[1]) for row in rows]


@pytest.mark.slow(reason="40 fuzzed POSTs through every POST route, each checked against the data (3–6 s)")
@pytest.mark.parametrize("role", list(USERS))
def test_arbitrary_posts_never_break_anything(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, connection: Connection, role: str
) -> None:
    post_rules = [rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())]
    assert post_rules
    submissions = session.execute(
        select(Submission.id).join(ReportingRound).where(ReportingRound.year.in_([2024, 2025]))
    ).scalars().all()
    indicators = session.scalars(select(Indicator.key)).all()
    field_names = st.one_of(st.sampled_from([field_name(key) for key in indicators]),
                            st.sampled_from(["status", "comment", "version", "then", "email", "password", "name",
                                             "role", "parties", "subject_sv", "body_sv", "typ", "reason",
                                             "code", "kind", "news_sv", "conclusions_sv", "presenter_1_name",
                                             "year", "opens_on", "deadline_on", "first_year", "last_year"]),
                            st.text(max_size=30))
    requests = st.tuples(
        st.sampled_from(post_rules).flatmap(lambda rule: url_strategy(rule, submissions)),
        st.dictionaries(field_names, junk_text, max_size=8),
        st.sampled_from(["valid", "missing", "wrong"]),
    )
    email = USERS[role]
    adapter = client.application.url_map.bind("localhost")

    def routes(path: str) -> bool:
        try:
            adapter.match(path, method="POST")
        except NotFound:
            return False
        return True

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(requests)
    def post(request: tuple[str, dict[str, str], str]) -> None:
        path, data, csrf = request
        if email is not None and auth.signed_in_user_id() is None:  # an earlier example signed out
            assert auth.login(email, "demo").status_code == 303
        token = auth.csrf_token("/logga-in" if email is None else "/")
        before = others_fingerprint(session)
        savepoint = connection.begin_nested()
        try:
            form = dict(data)
            if csrf == "valid":
                form["csrf_token"] = token
            elif csrf == "wrong":
                form["csrf_token"] = token[::-1]
            response = client.post(path, data=form)
            response.close()
            assert response.status_code < 500, f"POST {path} {form!r}: {response.status_code}"
            if csrf != "valid":  # refused for the token, unless the address is no page at all (an id too large)
                expected = 400 if routes(path) else 404
                assert response.status_code == expected, f"POST {path} without a valid token: {response.status_code}"
            session.expire_all()
            every_stored_answer_is_valid(session)
            every_stored_free_text_is_valid(session)
            if role == "contact":
                assert others_fingerprint(session) == before, f"POST {path} changed another party's report"
        finally:
            savepoint.rollback()
            session.expire_all()

    post()
