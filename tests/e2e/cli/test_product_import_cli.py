"""`spacetime products import FILE` over a real SQLite file: the same use case and job as the API."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.entrypoints.cli.main import app
from tests.support.in_runner import in_runner_memory
from tests.support.jobs.jobs_app import job_settings

if TYPE_CHECKING:
    from pathlib import Path

CSV = 'sku,name,description,category,price,stock\nCLI-1,Chair,,home,49.90,3\nCLI-2,=1+1,"a, b",books,0,0\n'


@pytest.fixture
def container(tmp_path: Path) -> RootContainer:
    settings = job_settings(tmp_path)
    settings.jobs = JobSettings(
        worker_id="cli-import", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5
    )
    settings.imports = ImportSettings(staging=tmp_path / "imports")
    settings.memory = in_runner_memory(tmp_path / "spill")
    return build_container(settings)


def _run(container: RootContainer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), obj=container)
    return result.exit_code, result.stdout, result.stderr


def _products(container: RootContainer) -> dict[str, tuple[str, str, int, int]]:
    with container.database.engine().connect() as connection:
        rows = connection.execute(text("SELECT sku, name, description, price, stock FROM products"))
        return {sku: (name, description, price, stock) for sku, name, description, price, stock in rows}


def test_import_with_wait_runs_the_job_here(container: RootContainer, tmp_path: Path) -> None:
    upload = tmp_path / "products.csv"
    upload.write_text(CSV, encoding="utf-8")

    code, out, err = _run(container, "products", "import", str(upload), "--wait", "--poll-seconds", "0.05")

    assert code == 0, err
    job = container.jobs.get_job().execute(GetJobCommand(out.strip()))
    assert job.status.value == "succeeded"
    assert json.loads(job.result_ref or "") == {"inserted": 2, "updated": 0, "unchanged": 0}
    assert "succeeded" in err
    assert _products(container) == {"CLI-1": ("Chair", "", 4990, 3), "CLI-2": ("=1+1", "a, b", 0, 0)}
    assert list((tmp_path / "imports").iterdir()) == []


def test_ndjson_by_format_option_and_a_bad_line_exits_2_without_importing(
    container: RootContainer, tmp_path: Path
) -> None:
    upload = tmp_path / "products.txt"
    upload.write_text(
        '{"sku":"N-1","name":"Ok","category":"toys","price":"1.00","stock":1}\n'
        '{"sku":"N-2","name":"Bad","category":"toys","price":"1.00","stock":-1}\n',
        encoding="utf-8",
    )

    code, _, err = _run(container, "products", "import", str(upload), "--format", "ndjson")
    unknown_code, _, unknown_err = _run(container, "products", "import", str(upload))

    assert code == 2
    assert "line 2: stock must be between 0 and" in err
    assert _products(container) == {}
    assert (unknown_code, "--format" in unknown_err) == (2, True)
