"""`spacetime worker` refuses to start unless the settings ask for the Celery runner."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.entrypoints.cli.worker import worker_command
from spacetime_service.entrypoints.worker.main import MISCONFIGURED, run_worker


@pytest.fixture
def in_process_container(tmp_path: object) -> RootContainer:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path}/unused.db"),
        jobs=JobSettings(job_runner="in_process", worker_id="worker-a"),
    )
    return build_container(settings)


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command("worker")(worker_command)
    return app


def test_a_worker_needs_the_celery_runner(
    in_process_container: RootContainer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_worker(in_process_container) == MISCONFIGURED
    assert "SPACETIME_JOB_RUNNER=celery" in capsys.readouterr().err


def test_the_worker_command_ends_with_the_workers_exit_code(in_process_container: RootContainer) -> None:
    result = CliRunner().invoke(_cli(), [], obj=in_process_container)

    assert result.exit_code == MISCONFIGURED
    assert "SPACETIME_JOB_RUNNER=celery" in result.output


def test_the_worker_command_knows_two_pools(in_process_container: RootContainer) -> None:
    result = CliRunner().invoke(_cli(), ["--pool", "prefork"], obj=in_process_container)

    assert result.exit_code == 2
    assert "'prefork' is not one of" in " ".join(result.output.split())
