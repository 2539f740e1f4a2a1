"""The package as it ships: a wheel built from the sources, installed in a fresh virtual environment, runs the
whole set-up and a reminder from a folder of its own. Every data file it reads must be in the wheel (agreement
files, mail templates, migrations, translations, templates, static files), and the instance folder (database,
secret key) is made in the working directory, not beside the installed package.

The new environment gets the third-party libraries from the project's .venv as a plain path (its .pth files,
among them the editable install of this project, are not run), so nothing is downloaded and the project itself
can only come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.mark.slow(reason="builds the wheel and runs migrate, seed, demo and a reminder from it in a fresh venv")
def test_the_wheel_installs_and_runs_the_set_up_and_a_reminder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "INSTANCE_PATH")}
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                 str(ROOT)], tmp_path, env)
    assert "project.license" not in built and "BuildBackendWarning" not in built, built  # pyproject.toml's current form
    [wheel] = wheels.glob("biogas_tracker-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), "the LICENSE is not in the wheel"
    for needed in ("seed/mail_templates.toml", "seed/data/biogas_jonkoping.toml", "tracker/migrations/alembic.ini",
                   "tracker/web/templates/base.html", "tracker/translations/sv/LC_MESSAGES/messages.mo",
                   "tracker/web/static/favicon.ico", "tracker/web/static/img/favicon.svg"):
        assert needed in names, f"{needed} is not in the wheel"

    target = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(target)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(target), "platbase": str(target)}))
    (site / "project_libraries.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    python = target / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], tmp_path,
        env)
    work = tmp_path / "work"
    work.mkdir()
    where = run([str(python), "-c", "import tracker, seed; print(tracker.__file__, seed.__file__)"], work, env)
    assert str(site) in where and str(ROOT) not in where, where
    tracker = str(target / "bin" / "tracker")
    run([tracker, "db", "upgrade"], work, env)
    run([tracker, "seed"], work, env)
    run([tracker, "demo", "--if-empty"], work, env)
    output = run([tracker, "remind", "--round", "2025", "--base-url", "http://127.0.0.1:5000"], work, env)
    assert "/logga-in/lank/" in output  # the mail, printed without MAIL_SERVER, with its sign-in link
    assert (work / "instance" / "tracker.db").exists() and (work / "instance" / "secret_key").exists()
    assert not (site / "instance").exists()


def test_the_project_metadata_is_in_its_current_form() -> None:
    """project.license as an SPDX expression with its file (PEP 639), on a setuptools that reads it: no deprecation
    warnings when pip builds or installs the project."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "LicenseRef-Proprietary"
    assert project["project"]["license-files"] == ["LICENSE"] and (ROOT / "LICENSE").is_file()
    [setuptools] = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    floor = tuple(int(part) for part in setuptools.split(">=")[1].split("."))
    assert floor >= (77, 0, 3)

