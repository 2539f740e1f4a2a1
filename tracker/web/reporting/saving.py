"""Saving a commitment's form into the draft: the valid answers, the comments on values, the status and the comment.

Invalid fields are left out (the page shows them with their message and what was typed); fields that others
changed while the contact left them untouched (`keep`) keep the others' values. The view commits.
"""

from __future__ import annotations

from collections.abc import Set

from flask_babel import gettext
from sqlalchemy.orm import Session

from forms.reporting import COMMENT_FIELD, STATUS_FIELD, CommitmentForm, value_comment_key
from tracker.domain import Commitment, Submission
from tracker.domain.applicability import answer_values, inconsistent_answers, indicator_applies, status_scale
from tracker.domain.messages import Message
from tracker.domain.values import InvalidValue
from tracker.operations.answers import OperationError, set_answer_comment, set_answers, set_commitment_status
from tracker.web.reporting.access import actor


def save_form(
    session: Session, submission: Submission, commitment: Commitment, form: CommitmentForm, keep: Set[str] = frozenset()
) -> list[tuple[str, str]]:
    """Store what is valid in `form` (already validated); returns (field id, message) of what was refused.

    Questions are saved in their order, so that an answer another question depends on is stored first; a
    question that no longer applies after that (VI.use once VI.own_production is "nej") is skipped, and the
    operations remove its stored answer.
    """
    who = actor()
    problems: list[tuple[str, str]] = []
    contradicting = _contradictions(submission, form, keep)
    entries, field_ids = [], {}
    for question, form_field in form.question_fields():
        indicator = question.indicator
        if indicator.id not in form.values or indicator.key in keep:
            continue
        if indicator.id in contradicting:  # not stored: it says something another answer contradicts
            problems.append((form_field.id, contradicting[indicator.id].render(gettext)))
            continue
        entries.append((indicator, form_field.data))
        field_ids[indicator.id] = form_field.id
    refused = set_answers(session, who, submission, entries, skip_unasked=True)  # one change of the report
    problems.extend((field_ids[i], error.message.render(gettext)) for i, error in refused.items())
    order = [form_field.id for _question, form_field in form.question_fields()]
    problems.sort(key=lambda problem: order.index(problem[0]))  # in the form's order
    for indicator, form_field in form.comment_fields():
        if indicator.id not in form.value_comments or value_comment_key(indicator.key) in keep:
            continue
        if form.value_comments[indicator.id] is not None and not indicator_applies(indicator, submission):
            continue
        try:
            set_answer_comment(session, who, submission, indicator, form.value_comments[indicator.id])
        except (InvalidValue, OperationError) as error:
            problems.append((form_field.id, error.message.render(gettext)))
    status_row = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
    level = status_row.status_level if status_row is not None else None
    comment = status_row.comment if status_row is not None else None
    if form.has_status and STATUS_FIELD not in keep:
        levels = {lv.key: lv for lv in status_scale(submission)}
        level = levels.get(form.status_key or "")
    if form.has_comment and COMMENT_FIELD not in keep:
        comment = form.comment_text
    try:
        set_commitment_status(session, who, submission, commitment, level, comment)
    except OperationError as error:
        problems.append((form[STATUS_FIELD].id, error.message.render(gettext)))
    return problems


def _contradictions(submission: Submission, form: CommitmentForm, keep: Set[str]) -> dict[int, Message]:
    """The form's answers that contradict another answer (values.inconsistencies), read with the report's other
    stored answers: gas cars typed larger than the cars, here or stored earlier."""
    values = dict(answer_values(submission))
    for question, _field in form.question_fields():
        indicator = question.indicator
        if indicator.id in form.values and indicator.key not in keep:
            if (value := form.values[indicator.id]) is None:
                values.pop(indicator.id, None)
            else:
                values[indicator.id] = value
    on_form = {question.indicator.id for question, _field in form.question_fields()}
    return {i: m for i, m in inconsistent_answers(submission, values).items() if i in on_form}
