"""One commitment's page: its questions, status and comment; saving the draft without overwriting anyone.

Saving checks the version the page was opened at. If the report has changed since, the fields others changed
are compared with what the contact typed: a field the contact left as it was keeps the other person's value,
a field both changed is a conflict. With a conflict nothing is saved; the page shows, per field, the value now
stored (by whom, when) and the one typed, keeps the typed values and carries the new version, so that saving
again is a knowing choice. A save that races another one fails on the version (StaleDataError) and gets the
same conflict page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from forms.base import FormData
from forms.reporting import (
    COMMENT_FIELD,
    STATUS_FIELD,
    CommitmentForm,
    CurrentReport,
    comment_field_name,
    commitment_form,
    value_comment_key,
)
from tracker.domain import Commitment, StatusLevel, Submission, localized
from tracker.domain.applicability import (
    answer_values,
    applicable_commitments,
    applicable_questions,
    status_scale,
    unusual_answers,
)
from tracker.domain.copies import unconfirmed_copies
from tracker.domain.permissions import Action
from tracker.domain.values import format_value
from tracker.operations.answers import confirm_copies
from tracker.queries.commitment_page import commitment_page
from tracker.queries.history import changes_since, comment_field, readable_value, status_field
from tracker.queries.reporting import earlier_values, find_commitment, has_something_to_copy, previous_report
from tracker.queries.review import send_back_comment
from tracker.web import Page, db_session
from tracker.web.i18n import current_locale
from tracker.web.reporting import bp
from tracker.web.reporting.access import actor, load_report, locked_message, may, require
from tracker.web.reporting.saving import save_form
from tracker.web.transaction import Refused


@dataclass(frozen=True)
class Conflict:
    """One field both the contact and someone else changed: what is stored now, by whom, and what was typed."""

    anchor: str
    label: str
    stored: str
    changed_by: str | None
    changed_dt: datetime
    typed: str


@bp.route("/<int:submission_id>/atagande/<number>", methods=["GET", "POST"])
def commitment(submission_id: int, number: str) -> Page:
    submission = load_report(submission_id)
    require(submission, Action.VIEW)
    found = find_commitment(submission, number)
    if found is None:
        abort(404)
    if request.method == "GET":
        return render_commitment(submission, found, stored_form(submission, found))
    if not require(submission, Action.EDIT):
        flash(locked_message(submission), "error")
        return redirect(url_for("reporting.commitment", submission_id=submission.id, number=number), code=303)
    return save(submission, found)


def stored_form(submission: Submission, commitment: Commitment) -> CommitmentForm:
    """The form with what is stored."""
    status = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
    current = CurrentReport(
        values=answer_values(submission),
        status_key=status.status_level.key if status is not None and status.status_level is not None else None,
        comment=status.comment if status is not None else None,
        version=submission.version,
        value_comments={c.indicator_id: c.text for c in submission.answer_comments},
    )
    return _form(submission, commitment, current=current)


def _form(submission: Submission, commitment: Commitment, *, formdata: FormData | None = None,
          current: CurrentReport | None = None) -> CommitmentForm:
    return commitment_form(
        applicable_questions(submission, commitment), status_scale(submission),
        locale=current_locale(), gettext=gettext, formdata=formdata, current=current,
    )


def save(submission: Submission, commitment: Commitment) -> Page:
    session = db_session()
    form = _form(submission, commitment, formdata=request.form)
    form.validate()
    posted = form.posted_version()
    conflicts: list[Conflict] = []
    keep: set[str] = set()
    if posted != submission.version:
        conflicts, keep = find_conflicts(submission, commitment, form, posted or 0)
    if conflicts:
        form.version.data = str(submission.version)
        return render_commitment(submission, commitment, form, conflicts=conflicts), 409
    try:
        problems = save_form(session, submission, commitment, form, keep)
    except StaleDataError as error:  # another save of this report won the race since it was loaded above
        raise Refused(lambda: _raced(submission.id, commitment, posted or 0)) from error
    form.version.data = str(submission.version)
    if problems or form.has_errors():
        return render_commitment(submission, commitment, form, problems=problems, saved_rest=True)
    if keep:
        flash(gettext("Someone else changed %(count)s of these answers while you had the page open; their "
                      "answers were kept, yours were saved.", count=len(keep)), "info")
    confirm, then = _then(request.form.get("then"))
    if confirm and _confirm(session, submission, commitment):
        flash(gettext("The answers of commitment %(number)s are confirmed.", number=commitment.number), "success")
    if new_warnings := _new_warnings(submission, commitment):
        return render_commitment(submission, commitment, stored_form(submission, commitment), warned=new_warnings)
    if not confirm:
        flash(gettext("The draft has been saved."), "success")
    return redirect(_after_save(submission, commitment, then), code=303)


def _then(button: str | None) -> tuple[bool, str | None]:
    """The pressed button: whether it also confirms the copied answers, and where it leads ("next", "overview",
    "stay"). While a commitment has copies to check, its main button is "Confirm and go to …"
    ("confirm-next", "confirm-overview"); "confirm" confirms and stays."""
    if button == "confirm":
        return True, "stay"
    if button is not None and button.startswith("confirm-"):
        return True, button.removeprefix("confirm-")
    return False, button


def _confirm(session: Session, submission: Submission, commitment: Commitment) -> bool:
    """The contact's "the copied answers are right" for the commitment, after its form was saved (a change
    on the form already confirmed them). True when the commitment has no unconfirmed copies left."""
    try:
        confirm_copies(session, actor(), submission, commitment)
    except StaleDataError as error:
        raise Refused(lambda: _raced(submission.id, commitment, submission.version)) from error
    return unconfirmed_copies(submission, commitment) == 0


def _raced(submission_id: int, commitment: Commitment, posted: int) -> tuple[str, int]:
    """After the rollback: the page as the report is now, what was typed kept, the fields both changed shown."""
    fresh = load_report(submission_id)
    retry = _form(fresh, commitment, formdata=request.form)
    retry.validate()
    conflicts, _keep = find_conflicts(fresh, commitment, retry, posted)
    retry.version.data = str(fresh.version)
    return render_commitment(fresh, commitment, retry, conflicts=conflicts), 409


def _new_warnings(submission: Submission, commitment: Commitment) -> list[tuple[str, str]]:
    """(anchor, question) of the values on the page, as saved now, that are far from the party's earlier years
    and were not shown as such when the page was posted (their comment field was not on it): the contact stays
    on the page to see them, instead of going on."""
    questions = applicable_questions(submission, commitment)
    unusual = unusual_answers(submission, earlier_values(db_session(), submission))
    commented = {c.indicator_id for c in submission.answer_comments}
    locale = current_locale()
    return [(comment_field_name(i.key), localized(i, "label", locale)) for i in questions
            if i.id in unusual and i.id not in commented and comment_field_name(i.key) not in request.form]


def _after_save(submission: Submission, commitment: Commitment, then: str | None) -> str:
    page = find_commitment_after(submission, commitment) if then == "next" else None
    if then == "overview" or (then == "next" and page is None):
        return url_for("reporting.overview", submission_id=submission.id)
    return url_for("reporting.commitment", submission_id=submission.id, number=(page or commitment).number)


def find_commitment_after(submission: Submission, commitment: Commitment) -> Commitment | None:
    commitments = applicable_commitments(submission)
    index = commitments.index(commitment)
    return commitments[index + 1] if index + 1 < len(commitments) else None


def find_conflicts(
    submission: Submission, commitment: Commitment, form: CommitmentForm, version: int
) -> tuple[list[Conflict], set[str]]:
    """The fields of this page both changed since `version`, and those only others changed (kept as theirs)."""
    locale = current_locale()
    changes = changes_since(db_session(), submission.id, version)
    typed = form.typed_keys()
    levels = {level.key: level for level in status_scale(submission)}
    fields = {q.indicator.key: q.indicator.key for q in form.questions}
    fields |= {STATUS_FIELD: status_field(commitment.number), COMMENT_FIELD: comment_field(commitment.number)}
    value_comments = {value_comment_key(i.key): (i, f) for i, f in form.comment_fields()
                      if value_comment_key(i.key) in typed}
    fields |= {key: key for key in value_comments}
    conflicts, keep = [], set()
    for form_key, audit_key in fields.items():
        change = changes.get(audit_key)
        if change is None or typed[form_key] == change.current:
            continue
        if typed[form_key] == change.original:
            keep.add(form_key)
            continue
        if form_key in value_comments:
            indicator, form_field = value_comments[form_key]
            label = gettext("Comment on the value: %(question)s", question=localized(indicator, "label", locale))
            conflicts.append(Conflict(anchor=form_field.id, label=label, stored=change.current or "",
                                      changed_by=change.user_name or change.actor, changed_dt=change.changed_dt,
                                      typed=typed[form_key] or ""))
            continue
        form_field = form.field_for(form_key) if form_key not in (STATUS_FIELD, COMMENT_FIELD) else form[form_key]
        if form_key == STATUS_FIELD:
            label = gettext("Status of commitment %(number)s", number=commitment.number)
            stored = _level_label(levels, change.current, locale)
            shown = _level_label(levels, typed[form_key], locale)
        elif form_key == COMMENT_FIELD:
            label, stored, shown = gettext("Comment"), change.current or "", typed[form_key] or ""
        else:
            question = next(q for q in form.questions if q.indicator.key == form_key)
            label = str(form_field.label.text)
            stored = readable_value(question.indicator, change.current, locale) or ""
            value = form.values.get(question.indicator.id) if question.indicator.id in form.values else None
            shown = format_value(question.rules, value, locale) if question.indicator.id in form.values \
                else str(form_field.data or "")
        conflicts.append(Conflict(
            anchor=form_field.id, label=label, stored=stored, changed_by=change.user_name or change.actor,
            changed_dt=change.changed_dt, typed=shown,
        ))
    return conflicts, keep


def _level_label(levels: Mapping[str, StatusLevel], key: str | None, locale: str) -> str:
    level = levels.get(key or "")
    if level is None:
        return ""
    return level.label_en if locale.startswith("en") and level.label_en else level.label_sv


def render_commitment(
    submission: Submission, commitment: Commitment, form: CommitmentForm, *,
    conflicts: Sequence[Conflict] = (), problems: Sequence[tuple[str, str]] = (), saved_rest: bool = False,
    warned: Sequence[tuple[str, str]] = (),
) -> str:
    """The page; `warned`: (anchor, question) of the values just saved that are far from the earlier years."""
    session = db_session()
    previous = previous_report(session, submission)
    editable = may(submission, Action.EDIT)
    earlier = earlier_values(session, submission)
    return render_template(
        "reporting/commitment.html",
        submission=submission,
        page=commitment_page(submission, commitment, previous, current_locale(), earlier=earlier),
        form=form,
        editable=editable,
        locked_message=locked_message(submission),
        can_copy=has_something_to_copy(submission, previous) and editable,
        send_back_note=send_back_comment(db_session(), submission),
        on_behalf=editable and actor().on_behalf,
        previous=previous,
        conflicts=conflicts,
        problems=problems,
        saved_rest=saved_rest,
        warned=warned,
        is_example=submission.is_example,
    )
