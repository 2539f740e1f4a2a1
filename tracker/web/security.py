"""The security headers of every response, in one place.

- Content-Security-Policy: scripts, styles, images and forms from this site only; no frames (the app is never
  shown inside another site's page: clickjacking), no plugins, no <base> rewriting. The templates have no inline
  script or style, and the charts are SVG files of our own.
- X-Content-Type-Options nosniff: a file is what its type says (an uploaded or exported file never turns into a
  script); X-Frame-Options DENY for browsers that predate frame-ancestors.
- Referrer-Policy same-origin: a page's address (a sign-in link's token, a report's id) never leaves in the
  Referer header of a link to another site.
- Cache-Control no-store on every page and download for a signed-in user (reports, reviews, names and addresses
  are personal data: never kept by a shared computer's browser or a proxy). Static files stay cacheable, and so
  do the dashboard's chart images (aggregated figures, no personal data: private, and a day when the address
  names the data version), so that a dashboard does not draw its 29 charts again on every visit.
- Strict-Transport-Security when HSTS_SECONDS is set (production behind TLS).
"""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_login import current_user
from werkzeug.wrappers import Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")


TOKEN_PAGES = frozenset({"auth.use_link"})
"""Pages whose address holds a sign-in token: not even the page's own style sheet learns it (no-referrer)."""


def init_app(app: Flask) -> None:
    app.after_request(_headers)


def _headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer" if request.endpoint in TOKEN_PAGES else "same-origin")
    if seconds := int(current_app.config.get("HSTS_SECONDS") or 0):
        headers.setdefault("Strict-Transport-Security", f"max-age={seconds}; includeSubDomains")
    if request.endpoint != "static" and "Cache-Control" not in headers and current_user.is_authenticated:
        headers["Cache-Control"] = "no-store"  # a view that allows more (a download revalidated by its ETag) says so
    return response
