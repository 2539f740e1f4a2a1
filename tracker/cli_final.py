"""`tracker final-report --out FILE`: the final report over the agreement's whole life (reports.final), as a deck
(FILE.pptx) or an Excel workbook (FILE.xlsx), up to the last round (or `--year`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.domain.messages import N_, Message
from tracker.i18n import gettext_for
from tracker.queries.resolver import AGREEMENT_HELP

SUFFIXES = (".pptx", ".xlsx")


@click.command("final-report")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="The file to write: .pptx for the deck, .xlsx for the workbook.")
@click.option("--year", type=int, default=None, help="The last year to include (default: the agreement's last round).")
@click.option("--include-drafts", is_flag=True, help="Count drafts too (the report is marked preliminary).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--agreement", "agreement_slug", default=None, help=AGREEMENT_HELP)
@click.option("--organisation", default=None, envvar="REPORT_ORGANISATION",
              help="Who presents the deck, on its title slide (default: the agreement data's `organisation`).")
@with_appcontext
def final_report_command(out: Path, year: int | None, include_drafts: bool, lang: str, agreement_slug: str | None,
                         organisation: str | None) -> None:
    """Write the final report: every year, every version, every commitment, target reached or not, the trend."""
    from reports.final import build_final_report
    from tracker.cli import agreement_or_exit, command_session
    from tracker.queries.followup import FollowUpNotFound, load_followup_inputs
    from tracker.queries.resolver import last_round_year

    t = gettext_for(lang)
    if out.suffix.lower() not in SUFFIXES:
        click.echo(t(N_("The file must end in .pptx (the deck) or .xlsx (the workbook): %(file)s")) % {"file": out},
                   err=True)
        sys.exit(1)
    try:
        with command_session(write=False) as session:
            agreement = agreement_or_exit(session, agreement_slug, lang)
            last = year if year is not None else last_round_year(session, agreement.id)
            if last is None:
                raise FollowUpNotFound(Message(N_("There is no reporting round yet.")))
            inputs = load_followup_inputs(session, last, agreement.slug, current_app.config.get("DEFAULT_AGREEMENT"))
    except FollowUpNotFound as error:
        click.echo(error.message.render(t), err=True)
        sys.exit(1)
    report = build_final_report(inputs, include_drafts)
    if out.suffix.lower() == ".pptx":
        from reports.final.slides import build_final_deck

        out.write_bytes(build_final_deck(report, lang, organisation))
    else:
        from reports.final.excel import build_final_workbook

        out.write_bytes(build_final_workbook(report, lang))
    click.echo(Message(N_("Wrote %(file)s: the final report %(first)s–%(last)s, %(commitments)s commitments."),
                       {"file": out, "first": report.first_year, "last": report.last_year,
                        "commitments": len(report.commitments)}).render(t))
