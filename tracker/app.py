"""The application factory. Blueprints are imported inside it, so importing `tracker` stays cheap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from tracker.config import Config
from tracker.database import Database

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def create_app(config: Config | Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static")
    base = Config()
    app.config.from_mapping(base.as_mapping())
    if isinstance(config, Config):
        app.config.from_mapping(config.as_mapping())
    elif config is not None:
        app.config.from_mapping(dict(config))

    if not app.config.get("PUBLIC_BASE_URL") and app.config.get("TRUSTED_HOSTS") is None:
        # Links in mail are then built from the request's Host header: only this machine's own names are
        # answered, so that no one can make the app mail a link to another site (production sets
        # PUBLIC_BASE_URL; a development server reached by another name sets TRUSTED_HOSTS).
        app.config["TRUSTED_HOSTS"] = list(LOCAL_HOSTS)
    database = app.config.get("DATABASE") or Database(app.config["DATABASE_URL"])
    app.extensions["tracker.db"] = database

    from tracker.web import init_web

    init_web(app)
    return app
