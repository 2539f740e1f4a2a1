"""The web app's languages: Flask-Babel, the locale of a request, and the language switch.

How the locale is chosen: the language the user picked with the switch (kept in the session cookie),
otherwise Swedish. The browser's Accept-Language is deliberately NOT consulted: Swedish is the
language of the service (språklagen 2009:600, 10 §), many public servants run an English-language
browser or operating system without wanting an English service, and a page that looks the same for
everyone keeps shared links, screenshots and support calls unambiguous. English is one click away on
every page.
"""

from __future__ import annotations

from babel import Locale
from flask import Blueprint, Flask, abort, current_app, redirect, request, session, url_for
from flask_babel import Babel, get_locale
from werkzeug.wrappers import Response

from tracker.i18n import DEFAULT_LOCALE, LOCALES, TRANSLATIONS_DIR
from tracker.web.security import TOKEN_PAGES
from tracker.web.urls import safe_next_path

SESSION_KEY = "locale"

bp = Blueprint("i18n", __name__)


def available_locales() -> tuple[str, ...]:
    return tuple(current_app.config.get("LANGUAGES") or LOCALES)


def select_locale() -> str:
    """The request's locale: the user's choice stored in the session, else the default (Swedish)."""
    chosen = session.get(SESSION_KEY)
    if isinstance(chosen, str) and chosen in available_locales():
        return chosen
    return str(current_app.config.get("BABEL_DEFAULT_LOCALE") or DEFAULT_LOCALE)


def current_locale() -> str:
    """The locale of the current request as a language code ("sv", "en"), for `<html lang>` and the data."""
    locale = get_locale()
    return str(locale) if locale is not None else DEFAULT_LOCALE


def language_name(code: str) -> str:
    """The language's own name ("Svenska", "English"): a language is offered in itself, never translated."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@bp.get("/sprak/<code>")
def switch_language(code: str) -> Response:
    """Switch language: a plain link per language, GET /sprak/en?next=/current/page.

    A link rather than a POST form: it works without JavaScript, with the keyboard and from any page
    without a form on it, and screen readers announce it as what it is. It only changes a display
    preference in the user's own session, so it needs no CSRF token: the worst a forged link can do is
    show the site in the other language, which the same switch undoes. `next` must be a local path.
    """
    if code not in available_locales():
        abort(404)
    session[SESSION_KEY] = code
    return redirect(safe_next_path(request.args.get("next")), code=303)


def switch_url(code: str) -> str:
    """The switch link for `code` that brings the user back to the page they are on. On a page whose address
    holds a sign-in token, the link is that page with `?sprak=<code>` (`language_asked_for`): a token never goes
    into another address's `next=`, where logs and the language switch's own redirect would carry it."""
    if request.endpoint in TOKEN_PAGES and request.view_args is not None:
        return url_for(request.endpoint, **request.view_args, sprak=code)
    here = request.full_path.rstrip("?")
    return url_for("i18n.switch_language", code=code, next=here)


def language_asked_for() -> None:
    """On a token page: `?sprak=<code>` switches the language as the switch link does elsewhere."""
    code = request.args.get("sprak")
    if code in available_locales():
        session[SESSION_KEY] = code


def init_app(app: Flask) -> None:
    """Flask-Babel with the catalogues in tracker/translations, Swedish by default, and the switch."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("LANGUAGES", LOCALES)
    Babel(
        app,
        default_locale=DEFAULT_LOCALE,
        default_translation_directories=str(TRANSLATIONS_DIR),
        locale_selector=select_locale,
    )
    app.register_blueprint(bp)

    @app.before_request
    def _language_on_token_pages() -> None:
        if request.endpoint in TOKEN_PAGES:
            language_asked_for()

    @app.context_processor
    def _i18n_helpers() -> dict[str, object]:
        return {
            "current_locale": current_locale,
            "available_locales": available_locales,
            "language_name": language_name,
            "switch_url": switch_url,
        }
