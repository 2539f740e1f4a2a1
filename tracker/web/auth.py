"""Signing in and out: email and password, one-time links by email, Flask-Login sessions, CSRF errors.

Routes (Swedish URLs, the users' language):
    GET/POST /logga-in                  email and password
    GET/POST /logga-ut                  GET asks, POST (with CSRF) signs out
    GET/POST /logga-in/lank             ask for a sign-in link by email
    GET/POST /logga-in/lank/<token>     GET shows who will be signed in, POST signs in

Following a link only shows a button; the POST behind it uses the link. Mail scanners (Microsoft
Defender's Safe Links and others, common in municipalities) open every link in a mail before the person
does, and a link used by a GET would already be spent when the contact clicks it.

Nothing here tells whether an address has an account: a wrong email, a wrong password and an inactive
user get the same message in the same time, and a link request always gets the same answer.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlsplit

from flask import Blueprint, Flask, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError

from forms.auth import SignInForm, SignInLinkForm
from tracker.domain import User
from tracker.domain.messages import N_
from tracker.mail import MailError
from tracker.operations.sign_in import (
    SignInMethod,
    authenticate,
    claim_sign_in_link,
    end_sessions,
    record_sign_in,
)
from tracker.operations.users import find_user
from tracker.web import Page, db_session
from tracker.web.i18n import SESSION_KEY as LOCALE_KEY
from tracker.web.limits import (
    LINK_PER_ADDRESS,
    LINK_PER_EMAIL,
    SIGN_IN_PER_ACCOUNT,
    SIGN_IN_PER_ADDRESS,
    account_at_address,
    email_asked_for,
    failed_sign_in,
    limiter,
)
from tracker.web.sign_in_links import LinkProblem, check_token, max_age, send_link
from tracker.web.urls import after_sign_in_path, is_local_path, safe_next_path

log = logging.getLogger(__name__)

bp = Blueprint("auth", __name__)

WRONG_CREDENTIALS = N_("Wrong email address or password.")



def _next_arg() -> str | None:
    """The `next` of the request when it is a local path, else None."""
    target = request.args.get("next")
    return target if is_local_path(target) else None


def _start_signed_in_session(user: User) -> None:
    """A fresh session for the user: only the language choice survives from before."""
    locale = session.get(LOCALE_KEY)
    session.clear()
    if locale is not None:
        session[LOCALE_KEY] = locale
    login_user(user, remember=False, fresh=True)
    # Not `session.permanent`: the cookie ends with the browser (shared computers), and Flask refuses a
    # session cookie written more than PERMANENT_SESSION_LIFETIME ago. Flask-Login's "strong" protection
    # only applies to non-permanent sessions.


@bp.route("/logga-in", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_PER_ADDRESS, methods=["POST"], deduct_when=failed_sign_in)
@limiter.limit(SIGN_IN_PER_ACCOUNT, methods=["POST"], key_func=account_at_address, deduct_when=failed_sign_in)
def sign_in() -> Page:
    next_path = _next_arg()
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next_path(next_path), code=303)
    form = SignInForm(request.form if request.method == "POST" else None, gettext=gettext)
    problems: list[tuple[str, str]] = []
    if request.method == "POST" and form.validate():
        database = db_session()
        user = authenticate(database, form.email.data or "", form.password.data or "")
        if user is not None:
            record_sign_in(database, user, SignInMethod.PASSWORD)  # committed by the request's boundary
            _start_signed_in_session(user)
            return redirect(after_sign_in_path(user.role, next_path), code=303)
        problems.append((form.email.id, gettext(WRONG_CREDENTIALS)))
    return render_template("auth/sign_in.html", form=form, problems=problems, next_path=next_path)


@bp.route("/logga-ut", methods=["GET", "POST"])
def sign_out() -> Page:
    if request.method == "GET":
        return render_template("auth/sign_out.html")
    if current_user.is_authenticated:
        end_sessions(db_session(), current_user._get_current_object())  # committed by the request's boundary
        logout_user()
        flash(gettext("You are signed out."), "success")
    return redirect(url_for("public.index"), code=303)


@bp.route("/logga-in/lank", methods=["GET", "POST"])
@limiter.limit(LINK_PER_ADDRESS, methods=["POST"])
@limiter.limit(LINK_PER_EMAIL, methods=["POST"], key_func=email_asked_for)
def request_link() -> Page:
    next_path = _next_arg()
    form = SignInLinkForm(request.form if request.method == "POST" else None, gettext=gettext)
    if request.method == "POST" and form.validate():
        email = form.email.data or ""
        user = find_user(db_session(), email)
        if user is not None and user.is_active:
            try:
                send_link(db_session(), user, next_path)
            except MailError:
                # The same answer as always (anything else would tell that the address exists); the log tells.
                log.exception("the sign-in link for user %s could not be mailed", user.id)
        minutes = max(1, max_age() // 60)
        return render_template("auth/link_sent.html", email=email, minutes=minutes, next_path=next_path)
    return render_template("auth/link_request.html", form=form, next_path=next_path)


@bp.route("/logga-in/lank/<token>", methods=["GET", "POST"])
def use_link(token: str) -> Page:
    database = db_session()
    check = check_token(database, token)
    if (
        check.problem is LinkProblem.USED
        and current_user.is_authenticated
        and current_user.id == check.user_id
    ):
        return redirect(url_for("public.index"), code=303)  # the same link clicked again after signing in
    if not check.ok or check.user is None:
        return render_template("auth/link_invalid.html", problem=check.problem), 400
    if request.method == "GET":
        return render_template("auth/link_confirm.html", user=check.user, token=token)
    if not claim_sign_in_link(database, check.user, check.stamp):
        return render_template("auth/link_invalid.html", problem=LinkProblem.USED), 400  # rolled back: a 400
    _start_signed_in_session(check.user)
    return redirect(after_sign_in_path(check.user.role, check.next_path), code=303)


def csrf_failed(_error: CSRFError) -> tuple[str, int]:
    """A form sent without a valid CSRF token: usually a page left open too long, or signed out meanwhile."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host:
        back: str | None = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    else:
        back = request.path if request.method == "POST" else None
    return render_template("errors/csrf.html", back_path=back if is_local_path(back) else None), 400


def load_user(user_id: str) -> User | None:
    """The signed-in user of a session ("<id>:<session_version>", User.get_id): only an active user whose
    sessions have not been ended since (by signing out anywhere). Anyone else is signed out."""
    number, _, version = user_id.partition(":")
    user = db_session().get(User, int(number)) if number.isdigit() and version.isdigit() else None
    if user is None or not user.is_active or user.session_version != int(version):
        for key in ("_user_id", "_fresh", "_id"):
            session.pop(key, None)
        return None
    return user


def browser_identifier() -> str:
    """What ties a session to its browser for Flask-Login's session protection: the browser's User-Agent.

    Flask-Login's default also hashes the IP address, which ends the session of a laptop that moves from
    the office network to a phone's between meetings, and with it what the contact was typing.
    """
    agent = request.headers.get("User-Agent", "")
    return hashlib.sha512(agent.encode("utf-8")).hexdigest()


def header_user() -> User | None:
    """The signed-in user for the page header, or None. On an error page after a database failure the
    user cannot be loaded: the header then shows no one rather than the error page failing too."""
    try:
        user = current_user._get_current_object()
    except Exception:
        log.warning("the signed-in user could not be loaded for the page header", exc_info=True)
        return None
    return user if isinstance(user, User) else None


def init_app(app: Flask) -> None:
    """Flask-Login with the user loader, the blueprint, the friendly CSRF error page."""
    login_manager = LoginManager(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = N_("Sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.localize_callback = gettext
    login_manager.session_protection = app.config.get("SESSION_PROTECTION", "strong")
    login_manager._session_identifier_generator = browser_identifier  # no public setter in Flask-Login 0.6
    login_manager.user_loader(load_user)
    app.register_blueprint(bp)
    app.register_error_handler(CSRFError, csrf_failed)
    app.context_processor(lambda: {"header_user": header_user})
