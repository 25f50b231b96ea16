"""gunicorn's workers and their budgets fit the container: the plan as a pure function of the core
count, the configured count, the container's limit and whether the budget was set explicitly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spacetime_service.bootstrap.server_workers import (
    DEFAULT_MASTER_BYTES,
    DEFAULT_WORKER_MINIMUM_BYTES,
    WorkerPlan,
    plan_from_environment,
    plan_workers,
)
from spacetime_service.bootstrap.settings_errors import INVALID_SETTINGS_EXIT_CODE

MB = 10**6
MIB = 2**20
COMPOSE = Path(__file__).resolve().parents[3] / "docker-compose.yml"


def test_without_a_container_limit_it_runs_two_per_core_plus_one_and_keeps_the_budget() -> None:
    plan = plan_workers(
        cpu_count=4, configured_workers=None, container_bytes=None, memory_limit_explicit=False
    )
    assert plan == WorkerPlan(workers=9, memory_limit_bytes=None)


def test_a_configured_count_wins_when_the_container_holds_it() -> None:
    plan = plan_workers(
        cpu_count=8, configured_workers=3, container_bytes=4000 * MB, memory_limit_explicit=False
    )
    assert plan.workers == 3
    assert plan.memory_limit_bytes == (4000 * MB - DEFAULT_MASTER_BYTES) // 3


def test_the_container_limit_caps_the_count_at_the_minimum_per_worker() -> None:
    # docker-compose.yml's api: mem_limit 768m on a machine with 8 cores (17 wanted).
    plan = plan_workers(
        cpu_count=8, configured_workers=None, container_bytes=768 * MIB, memory_limit_explicit=False
    )
    available = 768 * MIB - DEFAULT_MASTER_BYTES
    assert plan.workers == available // DEFAULT_WORKER_MINIMUM_BYTES == 2
    assert plan.memory_limit_bytes == available // 2


def test_a_configured_count_is_capped_too() -> None:
    plan = plan_workers(
        cpu_count=2,
        configured_workers=10,
        container_bytes=1000 * MB,
        memory_limit_explicit=False,
        worker_minimum_bytes=300 * MB,
        master_bytes=100 * MB,
    )
    assert plan == WorkerPlan(workers=3, memory_limit_bytes=300 * MB)


@pytest.mark.parametrize("cpu_count", [1, 2, 16])
@pytest.mark.parametrize("container_mb", [300, 768, 2048, 16_000])
def test_the_budgets_and_the_master_share_fit_in_the_limit(cpu_count: int, container_mb: int) -> None:
    plan = plan_workers(
        cpu_count=cpu_count,
        configured_workers=None,
        container_bytes=container_mb * MB,
        memory_limit_explicit=False,
    )
    assert plan.memory_limit_bytes is not None
    assert plan.workers >= 1
    assert plan.workers * plan.memory_limit_bytes + DEFAULT_MASTER_BYTES <= container_mb * MB


def test_a_container_smaller_than_one_worker_still_runs_one() -> None:
    plan = plan_workers(
        cpu_count=4, configured_workers=None, container_bytes=100 * MB, memory_limit_explicit=False
    )
    assert plan == WorkerPlan(workers=1, memory_limit_bytes=50 * MB)


def test_an_explicit_budget_is_kept_while_the_count_is_still_capped() -> None:
    plan = plan_workers(
        cpu_count=8, configured_workers=None, container_bytes=1000 * MB, memory_limit_explicit=True
    )
    assert plan == WorkerPlan(workers=3, memory_limit_bytes=None)


def test_compose_leaves_the_api_budget_to_the_derivation() -> None:
    # An explicit SPACETIME_MEMORY_LIMIT would give every gunicorn worker the whole of it.
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert "SPACETIME_MEMORY_LIMIT" not in services["api"]["environment"]
    assert "mem_limit" in services["api"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [("GUNICORN_WORKERS", "many"), ("GUNICORN_WORKERS", "0"), ("GUNICORN_WORKER_MIN_MEMORY", "lots")],
)
def test_a_bad_gunicorn_variable_stops_the_master_with_one_line(
    variable: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit) as stopped:
        plan_from_environment()
    assert stopped.value.code == INVALID_SETTINGS_EXIT_CODE
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"spacetime: {variable}: ")
    assert line.endswith(f"(got {value!r})")
