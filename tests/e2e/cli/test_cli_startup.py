"""`spacetime --help`, `--version` and every command's `--help` load only typer and the command
definitions: no container, no database driver, no web server, no machine learning, no settings.

Each command module declares its options at module level and imports what it runs inside the command
(docs/cli.md). Checked in a fresh interpreter, since this test run has imported everything already:
it walks every command of the real `spacetime` app, runs its `--help` (and `--version` and the bare
command), and reports which modules each one added to `sys.modules`. The environment holds a setting
that cannot be read, so a command that did build a container would exit 7 instead of 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, TypedDict

import pytest

if TYPE_CHECKING:
    from pathlib import Path

PROCESS_SECONDS = 120
MARKER = "STARTUP-MODULES:"

# Neither the packages nor anything under them may be imported to print help or the version.
HEAVY_PACKAGES = (
    "alembic",
    "celery",
    "dependency_injector",
    "fastapi",
    "jwt",
    "kombu",
    "numpy",
    "opentelemetry",
    "orjson",
    "pandas",
    "psycopg",
    "pydantic_settings",
    "redis",
    "scipy",
    "skops",
    "sklearn",
    "sqlalchemy",
    "starlette",
    "structlog",
    "uvicorn",
    "spacetime_service.adapters",
    "spacetime_service.bootstrap",
    "spacetime_service.entrypoints.http",
    "spacetime_service.entrypoints.worker",
)
# typer itself coerces the values of its options through pydantic once a subcommand is reached (its
# own `--install-completion` included), so pydantic is refused only where no subcommand is.
TYPER_COERCION = "pydantic"

# Runs in the fresh interpreter: every invocation's new modules and exit code, as one JSON line.
PROBE = f"""
import json, sys
import typer
from typer.main import get_command
from spacetime_service.entrypoints.cli.main import app

def paths(command, prefix=()):
    yield prefix
    for name, sub in sorted(getattr(command, "commands", {{}}).items()):
        yield from paths(sub, (*prefix, name))

report = []
seen = set(sys.modules)
report.append({{"args": ["<import>"], "code": 0, "new": sorted(seen)}})
for args in [["--version"], *([*path, "--help"] for path in paths(get_command(app)))]:
    try:
        app(args=args, prog_name="spacetime")
        code = 0
    except SystemExit as ended:
        code = ended.code or 0
    now = set(sys.modules)
    report.append({{"args": args, "code": code, "new": sorted(now - seen)}})
    seen = now
print("{MARKER}" + json.dumps(report))
"""


class Invocation(TypedDict):
    args: list[str]
    code: int
    new: list[str]


def _heavy(modules: list[str], packages: tuple[str, ...] = HEAVY_PACKAGES) -> list[str]:
    return [module for module in modules if any(module == p or module.startswith(f"{p}.") for p in packages)]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Invocation]:
    """Each invocation (`<import>` for importing the CLI) by its arguments, in the order they ran."""
    # An empty directory (no .env of the checkout) and a setting that cannot be read: building a
    # container here would end the command with exit code 7.
    directory = tmp_path_factory.mktemp("startup")
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPACETIME_")}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{directory / 'absent' / 'no.db'}",
            "SPACETIME_MEMORY_LIMIT": "lots",
            "COLUMNS": "100",
        }
    )
    finished = subprocess.run(
        [sys.executable, "-c", PROBE],
        check=False,
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=PROCESS_SECONDS,
    )
    assert finished.returncode == 0, finished.stderr
    (line,) = [line for line in finished.stdout.splitlines() if line.startswith(MARKER)]
    invocations: list[Invocation] = json.loads(line.removeprefix(MARKER))
    return {" ".join(invocation["args"]): invocation for invocation in invocations}


def test_every_command_is_reached(report: dict[str, Invocation]) -> None:
    for expected in ("--version", "--help", "serve --help", "products export --help", "ml train --help"):
        assert expected in report


def test_importing_the_cli_loads_only_typer_and_the_commands(report: dict[str, Invocation]) -> None:
    imported = report["<import>"]["new"]
    assert _heavy(imported, (*HEAVY_PACKAGES, TYPER_COERCION)) == []
    assert "typer" in imported


def test_help_and_version_load_nothing_heavy_and_build_no_container(report: dict[str, Invocation]) -> None:
    ran = {args: invocation for args, invocation in report.items() if args != "<import>"}
    heavy = {args: _heavy(invocation["new"]) for args, invocation in ran.items()}
    assert {args: modules for args, modules in heavy.items() if modules} == {}
    # With a container built, the unreadable setting would have ended the command with exit code 7.
    assert {args: invocation["code"] for args, invocation in ran.items() if invocation["code"] != 0} == {}


@pytest.mark.parametrize("args", ["--version", "--help"])
def test_the_top_level_options_load_not_even_pydantic(report: dict[str, Invocation], args: str) -> None:
    assert _heavy(report[args]["new"], (TYPER_COERCION,)) == []


def test_the_version_loads_no_help_formatting(report: dict[str, Invocation]) -> None:
    assert _heavy(report["--version"]["new"], ("rich",)) == []


def test_a_command_that_runs_still_builds_its_container(tmp_path: Path) -> None:
    """The other side: the heavy imports moved into the commands, and a command that needs the
    database still reads the settings (here: refuses the unreadable one with exit code 7)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPACETIME_")}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}", "SPACETIME_MEMORY_LIMIT": "lots"})
    finished = subprocess.run(
        [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", "jobs", "list"],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=PROCESS_SECONDS,
    )
    assert finished.returncode == 7, finished.stderr
    assert "SPACETIME_MEMORY_LIMIT" in finished.stderr
