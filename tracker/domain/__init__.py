"""What an agreement and a report ARE. Imports no Flask and no WTForms (an architecture test checks it)."""

from tracker.domain.agreement import (
    Agreement,
    Commitment,
    Indicator,
    IndicatorKind,
    IndicatorOption,
    IndicatorScope,
    PartyKind,
    StatusLevel,
    TargetComparison,
    TargetScope,
    localized,
)
from tracker.domain.audit import AuditEvent
from tracker.domain.base import Base
from tracker.domain.changes import DataChange
from tracker.domain.consultation import Consultation, ConsultationAnswer, Decision
from tracker.domain.imports import ImportKind, PendingImport
from tracker.domain.mail import MailKind, MailTemplate, SentMail
from tracker.domain.membership import Membership, agreement_parties
from tracker.domain.party import Language, Party, Role, SubmissionNotice, User, user_parties
from tracker.domain.reporting import (
    Answer,
    AnswerComment,
    CommitmentStatus,
    CopyMark,
    ReportingRound,
    RoundState,
    RoundValue,
    Submission,
    SubmissionState,
)
from tracker.domain.sign_in import SignInToken
from tracker.domain.station import Station
from tracker.domain.version import AgreementVersion, version_in

__all__ = [
    "Agreement",
    "AgreementVersion",
    "Answer",
    "AnswerComment",
    "AuditEvent",
    "Base",
    "Commitment",
    "CommitmentStatus",
    "Consultation",
    "ConsultationAnswer",
    "CopyMark",
    "DataChange",
    "Decision",
    "ImportKind",
    "Indicator",
    "IndicatorKind",
    "IndicatorOption",
    "IndicatorScope",
    "Language",
    "MailKind",
    "MailTemplate",
    "Membership",
    "Party",
    "PartyKind",
    "PendingImport",
    "ReportingRound",
    "Role",
    "RoundState",
    "RoundValue",
    "SentMail",
    "SignInToken",
    "Station",
    "StatusLevel",
    "Submission",
    "SubmissionNotice",
    "SubmissionState",
    "TargetComparison",
    "TargetScope",
    "User",
    "agreement_parties",
    "localized",
    "user_parties",
    "version_in",
]
