"""Names and formats the reporting pages share: the report's states, dates, the missing items of a report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from flask import url_for
from flask_babel import LazyString, format_date, format_datetime, gettext
from flask_babel import lazy_gettext as _l

from forms.reporting import STATUS_FIELD, comment_field_name, field_name
from tracker.domain import IndicatorKind, SubmissionState, localized
from tracker.domain.applicability import Missing
from tracker.i18n import LONG_DATE, LONG_DATE_TIME
from tracker.web.i18n import current_locale

STATE_LABELS: dict[str, LazyString] = {
    SubmissionState.NOT_STARTED: _l("Not started"),
    SubmissionState.DRAFT: _l("Draft"),
    SubmissionState.SUBMITTED: _l("Submitted"),
    SubmissionState.RETURNED: _l("Sent back for completion"),
    SubmissionState.APPROVED: _l("Approved"),
}
RADIO_KINDS = frozenset({IndicatorKind.YES_NO, IndicatorKind.CHOICE})


def state_label(state: str | None) -> str:
    return str(STATE_LABELS.get(state or "", state or ""))


def long_date(value: date | None) -> str:
    """ "31 januari 2027" (in the reader's language)."""
    return format_date(value, LONG_DATE) if value is not None else ""


def date_time(value: datetime | None) -> str:
    """ "12 januari 2026 10:15", in Swedish time."""
    return format_datetime(value, LONG_DATE_TIME) if value is not None else ""


def field_anchor(key: str | None, kind: IndicatorKind | None = None) -> str:
    """The id an error links to: the input, or the first option of a radio group (the status is one)."""
    if key is None:
        return f"{STATUS_FIELD}-0"
    name = field_name(key)
    return f"{name}-0" if kind in RADIO_KINDS else name


def missing_links(submission_id: int, missing: Sequence[Missing]) -> list[tuple[str, str]]:
    """(href, message) for the error summary of an incomplete report: one link to each missing field."""
    locale = current_locale()
    links = []
    for item in missing:
        number = item.commitment.number
        if item.copied and item.problem is not None:
            message = gettext("Commitment %(number)s: %(problem)s", number=number,
                              problem=item.problem.render(gettext))
            anchor = "copy-check"
        elif item.indicator is None:
            message = gettext("Commitment %(number)s: choose a status.", number=number)
            anchor = field_anchor(None)
        elif item.problem is not None:
            message = gettext("Commitment %(number)s: %(problem)s", number=number,
                              problem=item.problem.render(gettext))
            anchor = comment_field_name(item.indicator.key) if item.needs_comment \
                else field_anchor(item.indicator.key, item.indicator.kind)
        else:
            message = gettext("Commitment %(number)s: answer “%(question)s”.", number=number,
                              question=localized(item.indicator, "label", locale))
            anchor = field_anchor(item.indicator.key, item.indicator.kind)
        href = url_for("reporting.commitment", submission_id=submission_id, number=number, _anchor=anchor)
        links.append((href, message))
    return links


def template_helpers() -> dict[str, Callable[..., str]]:
    return {"state_label": state_label, "long_date": long_date, "date_time": date_time,
            "field_anchor": field_anchor, "field_name": field_name, "comment_field_name": comment_field_name}
