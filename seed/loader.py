"""Loading agreement data files (seed/data/*.toml) into the database, safely and repeatably.

    report = load_agreement_file(session, path)   # flushes, never commits
    print(report.summary())

Everything is checked before anything is written: a broken file raises `SeedError`, naming the file, the
key path and what is wrong, and leaves the session untouched. Loading the same file twice changes nothing.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from seed.checks import cross_check
from seed.frozen import check_against_database
from seed.schema import AgreementDataError, AgreementFile, Problem, parse_agreement
from seed.writer import AgreementWriter, LoadReport

__all__ = [
    "DATA_DIR",
    "LoadReport",
    "SeedError",
    "default_agreement_files",
    "load_agreement_file",
    "read_agreement_file",
]

DATA_DIR = Path(__file__).resolve().parent / "data"


class SeedError(Exception):
    """A data file that cannot be loaded. `problems` lists every mistake found, each with its key path."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = [f"  - {problem}" for problem in problems]
        count = "ett fel" if len(problems) == 1 else f"{len(problems)} fel"
        super().__init__(f"{path}: {count}, ingenting har sparats:\n" + "\n".join(lines))


def default_agreement_files() -> list[Path]:
    """The agreement files shipped in seed/data, in name order."""
    return sorted(DATA_DIR.glob("*.toml"))


def load_agreement_file(session: Session, path: Path, correction: str | None = None) -> LoadReport:
    """Create or update the agreement described by `path`; rows missing from the file are kept. What closed years
    showed is refused (seed.frozen), unless `correction` gives the reason for correcting it (kept in the audit)."""
    path = Path(path)
    data = read_agreement_file(path)
    if correction is not None and not correction.strip():
        raise SeedError(path, [Problem("", "en rättelse behöver ett skäl (--correction \"…\")")])
    problems = check_against_database(session, data, correction)
    if problems:
        raise SeedError(path, [_with_names(data.model_dump(), p) for p in problems])
    return AgreementWriter(session, data, correction.strip() if correction else None).write(path.name)


def read_agreement_file(path: Path) -> AgreementFile:
    """The file's content, fully checked, without touching the database."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise SeedError(path, [Problem("", f"filen går inte att läsa ({error.strerror})")]) from None
    except UnicodeDecodeError:
        raise SeedError(path, [Problem("", "filen är inte sparad som UTF-8")]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SeedError(path, [_syntax_problem(error)]) from None
    try:
        data = parse_agreement(raw)
    except AgreementDataError as error:
        raise SeedError(path, [_with_names(raw, p) for p in error.problems]) from None
    problems = cross_check(data)
    if problems:
        raise SeedError(path, [_with_names(raw, p) for p in problems])
    return data


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _syntax_problem(error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    found = _POSITION.search(message)
    where = f"rad {found[1]}, kolumn {found[2]}" if found else ""
    return Problem(where, f"TOML-syntaxfel: {_POSITION.sub('', message)}")


_ITEM = re.compile(r"^(commitments|round_indicators)\[(\d+)\](?:\.indicators\[(\d+)\])?")


def _with_names(raw: dict[str, Any], problem: Problem) -> Problem:
    """Adds the commitment number and indicator key to a path, so that the place is easy to find."""
    found = _ITEM.match(problem.path)
    if not found:
        return problem
    section, first, second = found[1], int(found[2]), found[3]
    names = []
    item = _item(raw.get(section), first)
    if section == "commitments":
        if item.get("number"):
            names.append(f"åtagande {item['number']}")
        item = _item(item.get("indicators"), int(second)) if second is not None else {}
    if item.get("key"):
        names.append(f"fråga {item['key']}")
    if not names:
        return problem
    return Problem(f"{problem.path} ({', '.join(str(n) for n in names)})", problem.message)


def _item(items: Any, index: int) -> dict[str, Any]:
    if isinstance(items, list) and index < len(items) and isinstance(item := items[index], dict):
        return {str(key): value for key, value in item.items()}
    return {}
