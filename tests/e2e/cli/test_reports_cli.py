"""`spacetime reports generate|download` over a real SQLite file: the same use cases and job as
`POST /reports/generate` and `GET /reports/{id}/download`, run here with --wait."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.entrypoints.cli.main import app
from spacetime_service.entrypoints.http.app import create_app
from tests.support.access import api_key, bearer
from tests.support.in_runner import in_runner_memory
from tests.support.jobs.jobs_app import job_settings
from tests.support.seed import seed

if TYPE_CHECKING:
    from pathlib import Path

# The seeded orders are 30 s apart from 2025-01-01 00:00 UTC: 3000 of them span two days.
RANGE = ("--from", "2024-12-31", "--to", "2025-01-03")


@pytest.fixture
def container(tmp_path: Path) -> RootContainer:
    settings = job_settings(tmp_path)
    seed(settings.database.url, product_count=50, order_count=3000)
    settings.jobs = JobSettings(
        worker_id="cli-reports", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5
    )
    settings.memory = in_runner_memory(tmp_path / "spill")
    return build_container(settings)


def _run(container: RootContainer, *args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(app, list(args), obj=container)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_generate_waits_prints_the_job_as_json_and_download_gives_the_http_bytes(
    container: RootContainer, tmp_path: Path
) -> None:
    code, out, err = _run(
        container, "reports", "generate", *RANGE, "--wait", "--poll-seconds", "0.05", "--json"
    )

    assert code == 0, err
    document = json.loads(out)
    job = container.jobs.get_job().execute(GetJobCommand(document["id"]))
    assert document == job_view(job)
    assert (document["kind"], document["status"], document["owner"]) == ("report", "succeeded", "cli")
    assert document["progress"] == {"done": 4, "total": 4, "unit": "days", "percent": 100.0}
    # stderr is not a terminal here: plain progress lines, then the ended job's line.
    assert f"report {job.id}: 4/4 days (100%)  succeeded" in err
    assert "\x1b[" not in err

    target = tmp_path / "report.csv"
    to_file, _, file_err = _run(container, "reports", "download", job.id, "-o", str(target))
    to_stdout, streamed, _ = _run(container, "reports", "download", job.id)

    assert (to_file, to_stdout) == (0, 0), file_err
    with TestClient(create_app(container)) as client:
        key = api_key(container.database.engine(), "cli")
        served = client.get(f"/reports/{job.id}/download", headers=bearer(key))
    assert served.status_code == 200
    assert target.read_bytes() == streamed == served.content
    lines = streamed.decode().splitlines()
    assert lines[0].startswith("date,")
    assert [line.split(",")[0] for line in lines[1:]] == [
        "2024-12-31",
        "2025-01-01",
        "2025-01-02",
        "2025-01-03",
    ]


def test_generate_without_wait_prints_the_id_and_the_download_waits_for_success(
    container: RootContainer,
) -> None:
    code, out, _ = _run(
        container, "reports", "generate", *RANGE, "--kind", "product_sales", "--format", "ndjson"
    )
    report_id = out.decode().strip()
    refused, _, refused_err = _run(container, "reports", "download", report_id)
    missing, _, missing_err = _run(container, "reports", "download", "no-such-report")

    assert code == 0
    job = container.jobs.get_job().execute(GetJobCommand(report_id))
    assert (job.kind, job.status.value, job.request["kind"], job.request["format"]) == (
        "report",
        "queued",
        "product_sales",
        "ndjson",
    )
    assert (refused, "queued" in refused_err) == (4, True)
    assert (missing, "no job with id no-such-report" in missing_err) == (3, True)


def test_a_range_that_ends_before_it_starts_exits_2(container: RootContainer) -> None:
    code, out, err = _run(container, "reports", "generate", "--from", "2025-01-05", "--to", "2025-01-01")

    assert code == 2
    assert out == b""
    assert "error:" in err
