from __future__ import annotations

from importlib.metadata import version

from typer.testing import CliRunner

from spacetime_service.entrypoints.cli.main import app


def test_version_prints_the_installed_distribution_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"spacetime {version('spacetime-service')}"


def test_version_needs_no_database_and_runs_no_command() -> None:
    result = CliRunner().invoke(app, ["--version", "serve"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
