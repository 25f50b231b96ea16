"""The Dockerfile builds in one stage and runs from another, as a user that is not root, with a health
check, and without migrating on start (docker-compose.yml's `migrate` service does that once)."""

from __future__ import annotations

from pathlib import Path

DOCKERFILE = (Path(__file__).resolve().parents[3] / "Dockerfile").read_text()


def _instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) of each line, with continued lines joined."""
    joined = DOCKERFILE.replace("\\\n", " ")
    lines = [
        line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction, arguments in _instructions():
        if instruction == "FROM":
            stages.append([])
        stages[-1].append((instruction, arguments))
    return stages


def test_the_image_that_runs_is_built_from_another_stage_without_build_tools() -> None:
    build, runtime = _stages()
    assert any("uv sync" in arguments for instruction, arguments in build if instruction == "RUN")
    assert any(instruction == "COPY" and "--from=build" in arguments for instruction, arguments in runtime)
    runtime_text = " ".join(arguments for _, arguments in runtime)
    for tool in ("uv", "pip install", "gcc", "build-essential"):
        assert f" {tool} " not in f" {runtime_text} ", tool


def test_it_runs_as_a_user_that_is_not_root() -> None:
    runtime = _stages()[-1]
    users = [arguments for instruction, arguments in runtime if instruction == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}


def test_it_checks_health_and_does_not_migrate_on_start() -> None:
    runtime = dict(_stages()[-1])
    assert "/healthz" in runtime["HEALTHCHECK"]
    assert "migrate" not in runtime["CMD"]
    assert "gunicorn" in runtime["CMD"]
