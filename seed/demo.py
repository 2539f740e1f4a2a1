"""Example data for trying the app: reports 2019–2024 from all 14 parties, an open round 2025, demo users.

`load_demo` writes everything through the operations, so `values.parse` validates every example value and
the audit trail names the actor "demo". Every round, submission and user it makes has `is_example` set.
It flushes and never commits (the `tracker demo` command does). What the parties answer is in
`seed.demo_answers`; this module turns it into rounds, reports and review decisions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from seed.demo_answers import COUNTY_PRODUCTION_GWH, NEWS_SV, YEARS, county_stations, report_for, seeded_rng
from seed.demo_consultation import add_consultation
from seed.demo_presentation import PRESENTATIONS
from seed.demo_stations import add_stations
from tracker.domain import (
    Agreement,
    Answer,
    CommitmentStatus,
    ReportingRound,
    Role,
    RoundState,
    Submission,
    SubmissionState,
    User,
)
from tracker.domain.messages import N_, Message
from tracker.i18n import gettext_for
from tracker.operations.answers import set_answers, set_commitment_statuses
from tracker.operations.audit import Actor
from tracker.operations.presentation import set_round_presentation
from tracker.operations.rounds import create_round, ensure_submission, set_round_state, set_round_value
from tracker.operations.submitting import set_submission_state
from tracker.operations.users import create_user

AGREEMENT_SLUG = "biogas-jonkoping"
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented password of the example users
ACTOR = Actor.system("demo")


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role
    party_code: str | None = None


DEMO_USERS = (
    DemoUser("admin@exempel.se", "Ada Exempelsson", Role.ADMIN),
    DemoUser("projektledare@exempel.se", "Petra Projektsson", Role.PROJECT_LEADER),
    DemoUser("kontakt.jonkoping@exempel.se", "Jonas Kontaktsson", Role.CONTACT, "0680"),
    DemoUser("kontakt.region@exempel.se", "Regina Regionsson", Role.CONTACT, "06"),
    DemoUser("forum@exempel.se", "Folke Forumsson", Role.FORUM_MEMBER),
)
OPEN_ROUND_YEAR, OPEN_ROUND_OPENS, OPEN_ROUND_DEADLINE = 2025, date(2026, 11, 1), date(2027, 1, 31)
# The latest closed round is still being reviewed: two reports wait for approval, one was sent back.
STILL_OPEN_2024 = {"0617": SubmissionState.SUBMITTED, "0684": SubmissionState.SUBMITTED,
                   "0643": SubmissionState.RETURNED}
RETURN_COMMENT = "Antalet personbilar verkar omfatta alla fordon – kontrollera åtagande III och skicka in igen."

ROLE_LABELS = {
    Role.ADMIN: N_("administrator"),
    Role.PROJECT_LEADER: N_("project leader"),
    Role.CONTACT: N_("contact person for %(party)s"),
    Role.FORUM_MEMBER: N_("member of Kommunalt forum"),
}


@dataclass
class DemoReport:
    """What `load_demo` did, and the demo logins (whether added now or before)."""

    rounds: int = 0
    submissions: int = 0
    answers: int = 0
    statuses: int = 0
    users: int = 0
    skipped: Message | None = None
    logins: list[tuple[str, Message]] = field(default_factory=list)  # (email, role) of existing demo users

    def summary(self, gettext: Callable[[str], str] | None = None) -> str:
        """A few lines for the person who ran `tracker demo` (Swedish unless another gettext is given)."""
        gettext = gettext or gettext_for("sv")
        if self.skipped is not None:
            lines = [self.skipped.render(gettext)]
        else:
            lines = [
                Message(N_("Example data added (marked as example): %(rounds)s reporting rounds, %(submissions)s "
                           "reports, %(answers)s answers, %(statuses)s commitment statuses, %(users)s users."),
                        {"rounds": self.rounds, "submissions": self.submissions, "answers": self.answers,
                         "statuses": self.statuses, "users": self.users}).render(gettext),
                Message(N_("The round for %(year)s is open for reporting until %(deadline)s."),
                        {"year": OPEN_ROUND_YEAR, "deadline": OPEN_ROUND_DEADLINE.isoformat()}).render(gettext),
            ]
        if self.logins:
            lines.append(Message(N_("Demo logins (password: %(password)s):"), {"password": DEMO_PASSWORD})
                         .render(gettext))
            lines.extend(f"  {email} / {DEMO_PASSWORD} — {role.render(gettext)}" for email, role in self.logins)
        return "\n".join(lines)


def load_demo(session: Session, only_if_empty: bool = False) -> DemoReport:
    """Add the example data unless it is there already; with `only_if_empty`, only into a database without reports.

    Loads the agreement data files first when the biogas agreement is missing.
    """
    report = DemoReport()
    if session.scalar(select(Submission.id).where(Submission.is_example).limit(1)) is not None:
        report.skipped = Message(N_("The example data is already in the database; nothing was added."))
    elif only_if_empty and session.scalar(select(Submission.id).limit(1)) is not None:
        report.skipped = Message(N_("The database already has reports, so no example data was added (--if-empty)."))
    else:
        agreement = _agreement(session)
        years = [*YEARS, OPEN_ROUND_YEAR]
        real = session.scalars(
            select(ReportingRound.year).where(ReportingRound.agreement_id == agreement.id,
                                              ReportingRound.year.in_(years), ~ReportingRound.is_example)
        ).all()
        if real:
            report.skipped = Message(
                N_("The database already has reporting rounds for %(years)s, so no example data was added."),
                {"years": ", ".join(str(y) for y in sorted(real))},
            )
        else:
            _load(session, agreement, report)
    report.logins = _logins(session)
    return report


def _agreement(session: Session) -> Agreement:
    query = select(Agreement).where(Agreement.slug == AGREEMENT_SLUG)
    agreement = session.scalar(query)
    if agreement is None:
        from seed.loader import default_agreement_files, load_agreement_file

        for path in default_agreement_files():
            load_agreement_file(session, path)
        agreement = session.scalars(query).one()
    return agreement


def _load(session: Session, agreement: Agreement, report: DemoReport) -> None:
    report.users = _add_users(session, agreement)
    figures = {indicator.key: indicator for indicator in agreement.indicators}
    for year in YEARS:
        reporting_round = _round(session, agreement, year, date(year + 1, 1, 15), date(year + 1, 3, 31),
                                 news_sv=NEWS_SV.get(year))
        for party in agreement.parties:
            _report(session, agreement, ensure_submission(session, reporting_round, party, is_example=True), report)
        set_round_value(session, ACTOR, reporting_round, figures["county.biogas_production_gwh"],
                        COUNTY_PRODUCTION_GWH[year])
        set_round_value(session, ACTOR, reporting_round, figures["county.public_stations"], str(county_stations(year)))
        if year in PRESENTATIONS:
            set_round_presentation(session, ACTOR, reporting_round, PRESENTATIONS[year])
        set_round_state(session, ACTOR, reporting_round, RoundState.CLOSED)
        report.rounds += 1
        report.submissions += len(agreement.parties)
    open_round = _round(session, agreement, OPEN_ROUND_YEAR, OPEN_ROUND_OPENS, OPEN_ROUND_DEADLINE)
    for party in agreement.parties:
        ensure_submission(session, open_round, party, is_example=True)
    report.rounds += 1
    report.submissions += len(agreement.parties)
    add_consultation(session, ACTOR, agreement)
    add_stations(session, ACTOR, agreement)


def _round(
    session: Session, agreement: Agreement, year: int, opens_on: date, deadline_on: date, news_sv: str | None = None
) -> ReportingRound:
    """The example round for `year`, opened (reports can only be written into an open round)."""
    existing = session.scalar(
        select(ReportingRound).where(ReportingRound.agreement_id == agreement.id, ReportingRound.year == year)
    )
    if existing is not None:  # left by an earlier, interrupted demo load (an example round, checked above)
        set_round_state(session, ACTOR, existing, RoundState.OPEN)
        return existing
    return create_round(session, ACTOR, agreement, year, opens_on, deadline_on, RoundState.OPEN,
                        is_example=True, news_sv=news_sv)


def _report(session: Session, agreement: Agreement, submission: Submission, report: DemoReport) -> None:
    """Fill in one party's report as its contact would, then submit it and have it reviewed."""
    year, code = submission.round.year, submission.party.code
    example = report_for(code, year)
    known = {indicator.key for indicator in agreement.indicators}
    if unknown := set(example.answers) - known:
        raise LookupError(f"demo answers for indicators the agreement does not have: {sorted(unknown)}")
    entries = [(indicator, raw) for indicator in agreement.indicators  # in the form's order: VI.own_production
               if (raw := example.answers.get(indicator.key)) is not None and not indicator.kind.is_derived]
    if refused := set_answers(session, ACTOR, submission, entries, skip_unasked=True):
        raise next(iter(refused.values()))
    report.answers += len(submission.answers)
    levels = {level.key: level for level in agreement.status_levels}
    statuses = [(commitment, levels[example.statuses[commitment.number][0]], example.statuses[commitment.number][1])
                for commitment in agreement.commitments
                if commitment.applies_to(submission.party.kind) and commitment.number in example.statuses]
    set_commitment_statuses(session, ACTOR, submission, statuses)
    report.statuses += len(statuses)
    rng = seeded_rng(f"demo-review-{code}-{year}")
    submitted = datetime(year + 1, 2, 1, 8, tzinfo=UTC) + timedelta(days=rng.randint(0, 50),
                                                                    minutes=rng.randint(0, 480))
    set_submission_state(session, ACTOR, submission, SubmissionState.SUBMITTED, at=submitted)
    final = STILL_OPEN_2024.get(code, SubmissionState.APPROVED) if year == 2024 else SubmissionState.APPROVED
    reviewed = submitted + timedelta(days=rng.randint(2, 21), minutes=rng.randint(0, 300))
    if final is SubmissionState.APPROVED:
        set_submission_state(session, ACTOR, submission, final, at=reviewed)
    elif final is SubmissionState.RETURNED:
        set_submission_state(session, ACTOR, submission, final, comment=RETURN_COMMENT, at=reviewed)


def _add_users(session: Session, agreement: Agreement) -> int:
    parties = {party.code: party for party in agreement.parties}
    added = 0
    for demo in DEMO_USERS:
        if session.scalar(select(User.id).where(User.email == demo.email)) is None:
            create_user(session, ACTOR, email=demo.email, name=demo.name, role=demo.role, password=DEMO_PASSWORD,
                        parties=[parties[demo.party_code]] if demo.party_code else (), is_example=True)
            added += 1
    return added


def _logins(session: Session) -> list[tuple[str, Message]]:
    users = {u.email: u for u in session.scalars(
        select(User).where(User.email.in_([d.email for d in DEMO_USERS]), User.is_example))}
    logins = []
    for demo in DEMO_USERS:
        if (user := users.get(demo.email)) is not None:
            party = ", ".join(p.name for p in user.parties)
            logins.append((demo.email, Message(ROLE_LABELS[user.role], {"party": party} if party else {})))
    return logins


def example_counts(session: Session) -> dict[str, int]:
    """How many example rows there are (the tests and the summary compare these)."""
    example_submissions = select(Submission.id).where(Submission.is_example)
    return {
        "rounds": session.scalar(select(func.count()).where(ReportingRound.is_example)) or 0,
        "submissions": session.scalar(select(func.count()).where(Submission.is_example)) or 0,
        "answers": session.scalar(select(func.count()).where(Answer.submission_id.in_(example_submissions))) or 0,
        "statuses": session.scalar(
            select(func.count()).where(CommitmentStatus.submission_id.in_(example_submissions))) or 0,
        "users": session.scalar(select(func.count()).where(User.is_example)) or 0,
    }
