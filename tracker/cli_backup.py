"""`tracker backup FILE`: a consistent copy of the database while the app keeps serving.

SQLite: the online backup API of sqlite3 (pages copied under the database's own locks, so a save in progress is
either in the copy or not, never half); restore by stopping the app and putting the file in place of
instance/tracker.db. PostgreSQL: `pg_dump --format=custom` (it must be installed where the command runs);
restore with `pg_restore --clean --if-exists --no-owner -d <database> FILE`.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from tracker.domain.messages import N_
from tracker.i18n import gettext_for


def _fail(lang: str, msgid: str, **params: object) -> None:
    click.echo(gettext_for(lang)(msgid) % params, err=True)
    sys.exit(1)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@with_appcontext
def backup_command(file: Path, lang: str) -> None:
    """Write a backup of the database to FILE (SQLite: a database file; PostgreSQL: a pg_dump archive)."""
    url = make_url(current_app.config["DATABASE_URL"])
    if file.exists():
        _fail(lang, N_("%(file)s already exists: choose a new file name."), file=file)
    file.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            _fail(lang, N_("The database is in memory only: there is nothing to back up."))
        source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
        target = sqlite3.connect(file)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            _fail(lang, N_("pg_dump is not installed here (PostgreSQL's client tools are needed for a backup)."))
            return
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        # no shell; the arguments are the configured database and the operator's own file name
        done = subprocess.run([pg_dump, "--format=custom", "--file", str(file), plain],  # noqa: S603
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            file.unlink(missing_ok=True)
            click.echo(done.stderr.strip(), err=True)
            sys.exit(1)
    else:
        _fail(lang, N_("There is no backup for a %(backend)s database."), backend=url.get_backend_name())
    click.echo(gettext_for(lang)(N_("Backup written: %(file)s (%(size)s bytes)")) % {
        "file": file, "size": file.stat().st_size})
