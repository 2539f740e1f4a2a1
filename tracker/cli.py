"""The `tracker` command: `tracker db upgrade`, `tracker seed`, `tracker demo`, `tracker run`, …

Each command is an edge: it opens one session, calls operations/loaders (which only flush) and commits.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import FlaskGroup
from sqlalchemy.orm import Session

from tracker.app import create_app
from tracker.database import Database
from tracker.queries.resolver import AGREEMENT_HELP

if TYPE_CHECKING:
    from reports.data import FollowUp
    from tracker.domain import Agreement


@contextmanager
def command_session(write: bool = True) -> Iterator[Session]:
    """One session for one command: committed if the command succeeds, rolled back otherwise.

    A command is one unit of work, so the engine's connections are closed with the session. A command that
    only reads (`write=False`: the deck, the Excel summary) does not take SQLite's write lock.
    """
    database: Database = current_app.extensions["tracker.db"]
    session = database.session(write=write)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
        database.dispose()


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False, load_dotenv=False)
def cli() -> None:
    """Uppföljning av biogasöverenskommelsen / follow-up of the biogas agreement."""


@cli.group()
def db() -> None:
    """The database schema (Alembic migrations)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Bring the database to the newest schema (creates it when empty)."""
    from alembic import command

    from tracker.migrations import alembic_config

    url = current_app.config["DATABASE_URL"]
    command.upgrade(alembic_config(url), revision)
    click.echo(f"Database at {revision}: {_safe_url(url)}")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@cli.command("seed")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--correction", metavar="REASON",
              help="Allow changing what closed years were asked (a typo in a question), with this reason in the "
                   "audit trail. Without it such a change is refused: make a new question instead.")
def seed_command(files: tuple[Path, ...], correction: str | None) -> None:
    """Load the agreement data files (default: the files in seed/data). Safe to run again."""
    from seed.loader import SeedError, default_agreement_files, load_agreement_file

    paths = files or default_agreement_files()
    try:
        with command_session() as session:
            for path in paths:
                report = load_agreement_file(session, path, correction)
                click.echo(report.summary())
    except SeedError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


@cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no submissions yet.")
def demo_command(if_empty: bool) -> None:
    """Add the example answers 2019–2024 and one demo user per role (marked as example data)."""
    from seed.demo import load_demo

    with command_session() as session:
        report = load_demo(session, only_if_empty=if_empty)
    click.echo(report.summary())


@cli.command("export-excel")
@click.option("--year", type=int, required=True, help="The year followed up (the reporting round's year).")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="The .xlsx file to write.")
@click.option("--include-drafts", is_flag=True, help="Count drafts too (the summary is marked preliminary).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--agreement", "agreement_slug", default=None, help=AGREEMENT_HELP)
def export_excel_command(year: int, out: Path, include_drafts: bool, lang: str, agreement_slug: str | None) -> None:
    """Write the Excel summary of a year's follow-up (Sammanfattning, one sheet per commitment, Rådata …)."""
    from reports.excel import build_summary_workbook
    from tracker.domain.messages import N_, Message
    from tracker.i18n import gettext_for

    followup = _followup_or_exit(year, agreement_slug, include_drafts, lang)
    out.write_bytes(build_summary_workbook(followup, lang))
    done = followup.completeness
    click.echo(Message(N_("Wrote %(file)s: the follow-up for %(year)s with %(reported)s of %(expected)s reports."),
                       {"file": out, "year": year, "reported": done.reported, "expected": done.expected})
               .render(gettext_for(lang)))


def agreement_or_exit(session: Session, agreement_slug: str | None, lang: str) -> Agreement:
    """The agreement a command works on (tracker.queries.resolver: `--agreement`, else DEFAULT_AGREEMENT, else the
    first one); says why there is none and exits 1."""
    from tracker.i18n import gettext_for
    from tracker.queries.resolver import AgreementNotFoundError, find_agreement

    try:
        return find_agreement(session, agreement_slug, current_app.config.get("DEFAULT_AGREEMENT"))
    except AgreementNotFoundError as error:
        click.echo(error.message.render(gettext_for(lang)), err=True)
        sys.exit(1)


def _followup_or_exit(year: int, agreement_slug: str | None, include_drafts: bool, lang: str) -> FollowUp:
    """The aggregated follow-up of a year, as the Excel summary and the deck take it; a year without a round
    says so and exits 1."""
    from reports.data import build_followup
    from tracker.i18n import gettext_for
    from tracker.queries.followup import FollowUpNotFound, load_followup_inputs

    try:
        with command_session(write=False) as session:
            inputs = load_followup_inputs(session, year, agreement_slug, current_app.config.get("DEFAULT_AGREEMENT"))
    except FollowUpNotFound as error:
        click.echo(error.message.render(gettext_for(lang)), err=True)
        sys.exit(1)
    return build_followup(inputs, year, include_drafts=include_drafts)


@cli.command("slides")
@click.option("--year", type=int, required=True, help="The year followed up (the reporting round's year).")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="The .pptx file to write.")
@click.option("--include-drafts", is_flag=True, help="Count drafts too (every slide is marked preliminary).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--agreement", "agreement_slug", default=None, help=AGREEMENT_HELP)
@click.option("--organisation", default=None, envvar="REPORT_ORGANISATION",
              help="Who presents the deck, on the title slide (default: the agreement data's `organisation`; env "
                   "REPORT_ORGANISATION; \"\" leaves it out).")
@click.option("--template", "template", default=None,
              help="The organisation's .pptx/.potx to build the deck on, its layouts found by name: a file in the "
                   "instance folder or a path (default: the setting DECK_TEMPLATE; \"\" for the built-in look).")
def slides_command(year: int, out: Path, include_drafts: bool, lang: str, agreement_slug: str | None,
                   organisation: str | None, template: str | None) -> None:
    """Write the forum deck of a year's follow-up (16:9 PowerPoint, a native chart per commitment)."""
    from reports.slides import DeckTemplateError, build_deck
    from tracker.deck_template import template_path
    from tracker.domain.messages import N_, Message
    from tracker.i18n import gettext_for

    followup = _followup_or_exit(year, agreement_slug, include_drafts, lang)
    setting = (current_app.config.get("DECK_TEMPLATE") if template is None else template) or ""
    path = template_path(setting.strip(), Path(current_app.config["INSTANCE_FOLDER"])) if setting.strip() else None
    try:
        deck = build_deck(followup, lang, organisation, path)
    except DeckTemplateError as error:
        click.echo(error.message.render(gettext_for(lang)), err=True)
        sys.exit(1)
    out.write_bytes(deck)
    click.echo(Message(N_("Wrote %(file)s: the deck for %(year)s with %(slides)s slides."),
                       {"file": out, "year": year, "slides": _slide_count(deck)}).render(gettext_for(lang)))


@cli.command("import-history")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agreement", "agreement_slug", default=None, help=AGREEMENT_HELP)
@click.option("--write", is_flag=True, help="Write the values; without it the file is only checked and summarised.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def import_history_command(file: Path, agreement_slug: str | None, write: bool, lang: str) -> None:
    """Import the follow-ups of earlier years from a long-format workbook (party code, year, indicator, value,
    comment), as the project leaders' page does: every row checked first, nothing written if one is wrong."""

    from forms.excel_form.guards import UploadRefusedError
    from forms.excel_form.history import read_history
    from tracker.domain.messages import N_, Message
    from tracker.i18n import gettext_for
    from tracker.operations.audit import Actor
    from tracker.operations.history_import import HistoryCatalogue, write_history

    t = gettext_for(lang)
    with command_session() as session:
        catalogue = HistoryCatalogue.of(session, agreement_or_exit(session, agreement_slug, lang))
        try:
            result = read_history(file.read_bytes(), catalogue)
        except UploadRefusedError as error:
            click.echo(error.message.render(t), err=True)
            sys.exit(1)
        for problem in result.errors:
            click.echo(Message(N_("Row %(row)s: %(message)s"), {"row": problem.row,
                                                                "message": problem.message.render(t)}).render(t),
                       err=True)
        if result.errors:
            click.echo(Message(N_("Nothing was written: %(count)s rows have errors."),
                               {"count": len(result.errors)}).render(t), err=True)
            sys.exit(1)
        if not write:
            click.echo(Message(N_("The file is valid: %(count)s values. Run again with --write to write them."),
                               {"count": len(result.values)}).render(t))
            return
        changed = write_history(session, Actor.system("cli"), catalogue, result.values)
    click.echo(Message(N_("%(changed)s of %(count)s values written (the others were already stored)."),
                       {"changed": changed, "count": len(result.values)}).render(t))


def _slide_count(deck: bytes) -> int:
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(deck)) as package:
        return sum(1 for name in package.namelist() if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


@cli.command("schedule")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def schedule_command(lang: str) -> None:
    """Open and close the rounds whose opening or closing day has come (the web app does it too, once a minute;
    for a scheduler when ROUND_SCHEDULE_SECONDS=0)."""
    from tracker.domain import RoundState
    from tracker.domain.messages import N_
    from tracker.i18n import gettext_for
    from tracker.schedule import run_due

    gettext = gettext_for(lang)
    database: Database = current_app.extensions["tracker.db"]
    try:
        changes = run_due(database)
    finally:
        database.dispose()
    for change in changes:
        message = (N_("The round for %(year)s is open: the parties can report.") if change.state == RoundState.OPEN
                   else N_("The round for %(year)s is closed: its reports can no longer be changed."))
        click.echo(gettext(message) % {"year": change.year})
    if not changes:
        click.echo(gettext(N_("No round opens or closes today.")))


def _register_people_commands() -> None:
    from tracker.cli_backup import backup_command
    from tracker.cli_final import final_report_command
    from tracker.cli_people import remind_command, send_digest_command, send_mail_command, user_group

    cli.add_command(remind_command)
    cli.add_command(backup_command)
    cli.add_command(final_report_command)
    cli.add_command(send_mail_command)
    cli.add_command(send_digest_command)
    cli.add_command(user_group)
    import tracker.cli_users  # noqa: F401 - adds `user list` and `user set` to the group


_register_people_commands()


def main() -> None:
    cli(prog_name="tracker")
