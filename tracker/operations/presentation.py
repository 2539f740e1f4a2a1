"""The project leaders' texts of a round's follow-up for the forum: presenters, conclusions and verdict, the way
forward and the industry's reflections (tracker.domain.presentation).

`set_round_presentation` replaces them all at once, as the leaders' page edits them, and audits each change: one
event per changed text ("round.presentation", field "conclusions_sv" …), the presenters and the reflections as
one event each with their whole list before and after, written out as text. A closed round keeps these editable:
they are written once the reports are in, and they change no reported figure. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from sqlalchemy.orm import Session

from tracker.domain import ReportingRound
from tracker.domain.base import utcnow
from tracker.domain.free_text import checked_text
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.domain.presentation import (
    HEADLINE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    ROUND_TEXTS,
    Presentation,
    Presenter,
    Reflection,
    RoundPresenter,
    RoundReflection,
    Verdict,
    presentation_of,
)
from tracker.i18n import gettext_for
from tracker.operations.answers import OperationError, refused_text
from tracker.operations.audit import Actor, record

TEXT_MAX_LENGTH = 5000
MAX_PRESENTERS = 10
MAX_REFLECTIONS = 30
ACTION = "round.presentation"


def clean_text(text: str | None, max_length: int = TEXT_MAX_LENGTH) -> str | None:
    """A text of several lines, checked as all free text is (tracker.domain.free_text: control characters and
    invisible formatting refused, at most `max_length` characters), line ends as \\n, blank lines and trailing
    spaces dropped; None when nothing is left. A refusal is an OperationError with the rule's message."""
    lines = [line.rstrip() for line in _checked(text, max_length, one_line=False).split("\n")]
    return "\n".join(line for line in lines if line.strip()) or None


def clean_line(text: str | None, max_length: int = NAME_MAX_LENGTH) -> str | None:
    """A one-line text (a name, a title): a line break pasted into it becomes a space, runs of spaces one;
    otherwise checked as `clean_text`."""
    joined = (text or "").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return " ".join(_checked(joined, max_length, one_line=True).split()) or None


def _checked(text: str | None, max_length: int, *, one_line: bool) -> str:
    try:
        return checked_text(text, max_length, one_line=one_line)
    except InvalidValue as error:
        raise refused_text(error) from None


def _cleaned(presentation: Presentation) -> Presentation:
    presenters = tuple(
        Presenter(name, clean_line(p.title_sv), clean_line(p.title_en), clean_line(p.organisation))
        for p in presentation.presenters if (name := clean_line(p.name)) is not None)
    reflections = []
    for r in presentation.reflections:
        headline = clean_line(r.headline_sv, HEADLINE_MAX_LENGTH)
        if headline is None:
            continue
        reflections.append(Reflection(
            headline, clean_line(r.headline_en, HEADLINE_MAX_LENGTH), bool(r.is_quote), clean_text(r.points_sv),
            clean_text(r.points_en), clean_line(r.organisation), clean_line(r.role_sv), clean_line(r.role_en),
            bool(r.may_be_named), clean_text(r.proposal_sv), clean_text(r.proposal_en)))
    if len(presenters) > MAX_PRESENTERS or len(reflections) > MAX_REFLECTIONS:
        raise OperationError("too_many", N_("At most %(presenters)s presenters and %(reflections)s reflections."),
                             presenters=MAX_PRESENTERS, reflections=MAX_REFLECTIONS)
    texts = {name: clean_text(getattr(presentation, name)) for name in ROUND_TEXTS}
    verdict = Verdict(presentation.verdict) if presentation.verdict else None
    return Presentation(presenters=presenters, verdict=verdict, reflections=tuple(reflections), **texts)


def _presenters(items: Sequence[Presenter]) -> str | None:
    return "\n".join(item.described() for item in items) or None


def _reflections(items: Sequence[Reflection]) -> str | None:
    """In Swedish, as the texts themselves are (the Swedish ones are the required ones)."""
    not_named = gettext_for("sv")(N_("may not be named"))
    return "\n".join(item.described(not_named) for item in items) or None


def set_round_presentation(session: Session, actor: Actor, reporting_round: ReportingRound,
                           presentation: Presentation) -> bool:
    """Store `presentation` (cleaned: blank rows dropped; text that free_text refuses is refused, an
    OperationError, nothing stored) for the round; True when something changed."""
    new = _cleaned(presentation)
    old = presentation_of(reporting_round)
    changed = False
    entity = ("reporting_round", reporting_round.id)
    for name in ROUND_TEXTS:
        if getattr(old, name) != getattr(new, name):
            setattr(reporting_round, name, getattr(new, name))
            record(session, actor, ACTION, *entity, field=name, old=getattr(old, name), new=getattr(new, name))
            changed = True
    if old.verdict != new.verdict:
        reporting_round.verdict = new.verdict
        record(session, actor, ACTION, *entity, field="verdict", old=old.verdict and str(old.verdict),
               new=new.verdict and str(new.verdict))
        changed = True
    if old.presenters != new.presenters:
        reporting_round.presenters = [
            RoundPresenter(position=index, name=p.name, title_sv=p.title_sv, title_en=p.title_en,
                           organisation=p.organisation) for index, p in enumerate(new.presenters)]
        record(session, actor, ACTION, *entity, field="presenters", old=_presenters(old.presenters),
               new=_presenters(new.presenters))
        changed = True
    if old.reflections != new.reflections:
        reporting_round.reflections = [
            RoundReflection(position=index, **{f.name: getattr(r, f.name) for f in fields(Reflection)})
            for index, r in enumerate(new.reflections)]
        record(session, actor, ACTION, *entity, field="reflections", old=_reflections(old.reflections),
               new=_reflections(new.reflections))
        changed = True
    if changed:
        reporting_round.updated_dt = utcnow()  # the follow-up's data version: the deck shows these texts
    session.flush()
    return changed
