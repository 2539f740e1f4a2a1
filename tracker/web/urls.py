"""URL helpers shared by the blueprints."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def is_local_path(target: str | None) -> bool:
    """Whether `target` is a path on this site ("/", "/x/y?z=1"), safe to redirect to.

    Refused: absolute URLs, scheme-relative "//host", backslash tricks ("/\\host" is "//host" to some
    browsers) and control characters.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return False
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc)


def safe_next_path(target: str | None) -> str:
    """`target` if it is a path on this site, else the start page (no open redirect)."""
    return target if target is not None and is_local_path(target) else url_for("public.index")


# Where each role starts after signing in, by endpoint.
ROLE_HOME_ENDPOINTS = {
    "contact": "reporting.mine",
    "forum_member": "forum.latest",  # the follow-up of the latest closed round
    "project_leader": "leaders.overview",  # who has reported in the open round
    "admin": "leaders.overview",  # an admin runs the round too; Administration is one link away
}


def after_sign_in_path(role: str, target: str | None) -> str:
    """`target` if it is a local path, else the role's own start page (a contact: My reporting)."""
    if target is not None and is_local_path(target):
        return target
    endpoint = ROLE_HOME_ENDPOINTS.get(str(role))
    return url_for(endpoint) if endpoint is not None else url_for("public.index")
