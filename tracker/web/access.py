"""The gate of the pages that belong to a user group (the forum's dashboard, the project leaders' pages,
administration): `permissions.may_use_role_pages`, answered as the web does. The reporting routes, which
belong to one submission, add their own gate on `permissions.decide` (tracker/web/reporting/access.py)."""

from __future__ import annotations

from flask import abort, current_app
from flask_login import current_user

from tracker.domain import Role, Submission, User
from tracker.domain.permissions import Action, Outcome, decide, may_use_role_pages
from tracker.web.agreement import request_agreement_or_none


def signed_in_user() -> User | None:
    """The signed-in user, None for an anonymous visitor."""
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return user if isinstance(user, User) else None


def _agreement_id() -> int | None:
    agreement = request_agreement_or_none()
    return agreement.id if agreement is not None else None


def require_role_pages(role: Role) -> User:
    """The signed-in user if they may use `role`'s pages of the request's agreement; otherwise redirect to sign-in
    (and back) or 403."""
    user = signed_in_user()
    decision = may_use_role_pages(user, role, agreement_id=_agreement_id() if user is not None else None)
    if decision.outcome is Outcome.SIGN_IN or user is None:
        abort(current_app.login_manager.unauthorized())  # type: ignore[attr-defined]  # set by Flask-Login
    if not decision:
        abort(403)
    return user


def may(role: Role) -> bool:
    """Whether the signed-in user may use `role`'s pages (which links and buttons to show)."""
    user = signed_in_user()
    return bool(may_use_role_pages(user, role, agreement_id=_agreement_id() if user is not None else None))


def require_signed_in() -> User:
    """The signed-in user (any role: the pages of one's own account); otherwise redirect to sign-in and back."""
    user = signed_in_user()
    if user is None or not may_use_role_pages(user, *Role):
        abort(current_app.login_manager.unauthorized())  # type: ignore[attr-defined]  # set by Flask-Login
    return user


def require_leaders_report(user: User, submission: Submission | None) -> Submission:
    """A report a project leader's page opens by its id: 404 when there is none, 403 when it is of an agreement
    the leader does not work with (`permissions.decide`)."""
    if submission is None:
        abort(404)
    if decide(user, Action.VIEW, submission).outcome is Outcome.FORBIDDEN:
        abort(403)
    return submission
