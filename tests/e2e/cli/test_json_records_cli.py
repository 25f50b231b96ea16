"""`--json` on the commands that print a record: one JSON document on stdout, of the shape HTTP answers
with for that record (the job presenter's, the ML schemas'), while progress stays on stderr."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.entrypoints.cli.main import app
from spacetime_service.entrypoints.http.schemas.jobs import job_out
from spacetime_service.entrypoints.http.schemas.ml import TrainAcceptedOut, details_out, status_out
from tests.support.in_runner import in_runner_memory
from tests.support.jobs.jobs_app import job_settings
from tests.support.seed import seed

if TYPE_CHECKING:
    from pathlib import Path

WAIT = ("--wait", "--poll-seconds", "0.05")


@pytest.fixture
def container(tmp_path: Path) -> RootContainer:
    settings = job_settings(tmp_path)
    seed(settings.database.url, product_count=100, order_count=1200)
    settings.jobs = JobSettings(worker_id="cli-json", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5)
    settings.imports = ImportSettings(staging=tmp_path / "imports")
    settings.ml = MlSettings(model_storage=tmp_path / "models")
    settings.memory = in_runner_memory(tmp_path / "spill")
    return build_container(settings)


def _run(container: RootContainer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), obj=container)
    return result.exit_code, result.stdout, result.stderr


def test_an_import_waited_for_prints_the_ended_job_as_http_shows_it(
    container: RootContainer, tmp_path: Path
) -> None:
    upload = tmp_path / "products.csv"
    upload.write_text("sku,name,description,category,price,stock\nJ-1,Lamp,,home,12.50,2\n", encoding="utf-8")

    code, out, err = _run(container, "products", "import", str(upload), *WAIT, "--json")

    assert code == 0, err
    document = json.loads(out)
    job = container.jobs.get_job().execute(GetJobCommand(document["id"]))
    assert document == job_view(job) == job_out(job).model_dump(mode="json")
    assert (document["kind"], document["status"]) == ("product_import", "succeeded")
    assert json.loads(document["result_ref"]) == {"inserted": 1, "updated": 0, "unchanged": 0}
    assert f"product_import {job.id}:" in err


def test_jobs_show_and_cancel_print_one_line_of_json(container: RootContainer) -> None:
    _, submitted, _ = _run(
        container, "reports", "generate", "--from", "2025-01-01", "--to", "2025-01-02", "--json"
    )
    job_id = json.loads(submitted)["id"]

    shown_code, shown, _ = _run(container, "jobs", "show", job_id, "--json")
    cancelled_code, cancelled, _ = _run(container, "jobs", "cancel", job_id, "--json")

    assert (shown_code, cancelled_code) == (0, 0)
    assert shown.count("\n") == cancelled.count("\n") == 1
    assert json.loads(shown)["status"] == "queued"
    job = container.jobs.get_job().execute(GetJobCommand(job_id))
    assert json.loads(cancelled) == job_view(job)
    assert job.status.value == "cancelled"


def test_ml_train_show_and_status_print_the_shapes_http_answers_with(container: RootContainer) -> None:
    code, out, err = _run(container, "ml", "train", "order_returned", "--chunk-rows", "400", *WAIT, "--json")

    assert code == 0, err
    trained = json.loads(out)
    model_id = trained["model_id"]
    details = container.ml.get_model().execute(model_id)
    job = container.jobs.get_job().execute(GetJobCommand(trained["job"]["id"]))
    accepted = TrainAcceptedOut(model_id=model_id, model=details_out(details), job=job_out(job))
    assert trained == accepted.model_dump(mode="json")
    assert (trained["model"]["status"], trained["job"]["status"]) == ("ready", "succeeded")
    assert f"{job.kind} {job.id}:" in err

    _, shown, _ = _run(container, "ml", "show", model_id, "--json")
    _, status, _ = _run(container, "ml", "status", model_id, "--json")

    assert json.loads(shown) == details_out(details).model_dump(mode="json")
    model_status = container.ml.get_model_status().execute(model_id)
    assert json.loads(status) == status_out(model_status).model_dump(mode="json")

    _, aliased, _ = _run(container, "ml", "alias", "order_returned", "production", model_id, "--json")

    assert json.loads(aliased) == {"task": "order_returned", "name": "production", "model_id": model_id}


def test_keys_revoke_prints_the_revoked_record(container: RootContainer) -> None:
    _run(container, "keys", "create", "--owner", "etl")
    _, listed, _ = _run(container, "keys", "list", "--json")
    (key,) = json.loads(listed)

    code, out, err = _run(container, "keys", "revoke", key["id"], "--json")

    assert code == 0, err
    revoked = json.loads(out)
    assert (revoked["id"], revoked["owner"]) == (key["id"], "etl")
    assert revoked["revoked_at"] is not None
    assert set(revoked) == set(key)
