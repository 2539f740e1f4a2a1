"""The dependency rules of DESIGN.md §3, checked on the source: a wrong arrow fails the build.

web → forms, reports → operations, queries → domain. domain imports no Flask and no WTForms;
forms and reports never import tracker.web (nor Flask: they never touch the request). Every Flask extension
(flask_wtf, flask_login, flask_babel, …) counts as Flask: `FLASK` matches `flask` and any `flask_*` module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FLASK = "flask*"  # Flask and every Flask extension: flask, flask.*, flask_wtf, flask_login, flask_babel, …

# package (as a path prefix) -> imported module prefixes it must not use
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "tracker/domain": (FLASK, "wtforms", "werkzeug",
                       "tracker.web", "tracker.operations", "tracker.queries", "tracker.app", "tracker.cli",
                       "forms", "reports", "seed"),
    "tracker/operations": (FLASK, "wtforms", "tracker.web", "tracker.app", "tracker.cli", "forms", "reports"),
    "tracker/queries": (FLASK, "wtforms", "tracker.web", "tracker.operations", "tracker.app", "tracker.cli",
                        "forms", "reports"),
    "forms": (FLASK, "tracker.web", "tracker.app", "tracker.cli", "reports"),
    "reports": (FLASK, "wtforms", "tracker.web", "tracker.app", "tracker.cli", "tracker.operations", "forms"),
    "seed": (FLASK, "tracker.web", "tracker.app", "forms", "reports"),
}


def is_forbidden(module: str, bad: str) -> bool:
    """`module` is `bad` or inside it; `FLASK` also matches the extensions (`flask_wtf.file`)."""
    if bad == FLASK:
        top = module.split(".")[0]
        return top == "flask" or top.startswith("flask_")
    return module == bad or module.startswith(bad + ".")


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module a file imports, relative imports resolved against its own package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def violations(root: Path, prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    problems = []
    for path in sorted((root / prefix).rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        package = ".".join(relative.parts[:-1])
        for module in sorted(imported_modules(path, package)):
            if any(is_forbidden(module, bad) for bad in forbidden):
                problems.append(f"{path.relative_to(root)} imports {module}")
    return problems


@pytest.mark.parametrize("prefix", sorted(FORBIDDEN))
def test_dependencies_point_one_way(prefix: str) -> None:
    assert (ROOT / prefix).is_dir(), f"{prefix} is missing"
    assert violations(ROOT, prefix, FORBIDDEN[prefix]) == []


def test_a_flask_extension_counts_as_flask(tmp_path: Path) -> None:
    bad = tmp_path / "forms"
    bad.mkdir(parents=True)
    (bad / "__init__.py").write_text("")
    (bad / "base.py").write_text("from flask_wtf import FlaskForm\nimport flask_login\nimport flasky_thing\n")
    assert violations(tmp_path, "forms", FORBIDDEN["forms"]) == [
        "forms/base.py imports flask_login",
        "forms/base.py imports flask_wtf",
        "forms/base.py imports flask_wtf.FlaskForm",
    ]


def test_the_check_catches_a_wrong_arrow(tmp_path: Path) -> None:
    bad = tmp_path / "tracker" / "domain"
    bad.mkdir(parents=True)
    (bad / "__init__.py").write_text("")
    (bad / "oops.py").write_text("from flask import request\nfrom ..web import views\nimport wtforms.fields\n")
    found = violations(tmp_path, "tracker/domain", FORBIDDEN["tracker/domain"])
    assert found == [
        "tracker/domain/oops.py imports flask",
        "tracker/domain/oops.py imports flask.request",
        "tracker/domain/oops.py imports tracker.web",
        "tracker/domain/oops.py imports tracker.web.views",
        "tracker/domain/oops.py imports wtforms.fields",
    ]
