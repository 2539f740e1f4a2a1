"""The deck's builder for the download: on the organisation's template (the setting DECK_TEMPLATE, read here and
passed to reports.slides.build_deck as bytes) when there is one, and a page that says so when it cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext

from reports.data import FollowUp
from tracker.deck_template import read_deck_template
from tracker.domain.messages import Message

Builder = Callable[[FollowUp, str], bytes]


def deck_builder() -> tuple[str, Builder]:
    """The cache's name for the deck (with the template's fingerprint: a new template, new decks) and its
    builder. Raises reports.slides.DeckTemplateError when DECK_TEMPLATE names a file that is not there."""
    from reports.slides import build_deck

    found = read_deck_template(current_app.config.get("DECK_TEMPLATE"), Path(current_app.config["INSTANCE_FOLDER"]))
    if found is None:
        return "pptx", build_deck
    return f"pptx-{found.fingerprint}", partial(build_deck, template=found.data)


def template_error(message: Message) -> tuple[str, int]:
    """The page for a deck template that cannot be read: what is wrong, and who can fix it (a server setting)."""
    current_app.logger.error("DECK_TEMPLATE: %s", message.render(lambda text: text))
    return render_template("errors/500.html", message=message.render(gettext),
                           setting=current_app.config.get("DECK_TEMPLATE")), 500
