"""The `spacetime ml` commands drive the same use cases as the API: train with --wait, read the
registry, point an alias, predict and extract, with exit codes for refusals."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import orjson
import pytest
from typer.testing import CliRunner

from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.entrypoints.cli.ml import ml_app
from tests.support.in_runner import in_runner_memory
from tests.support.seed import seed

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ml-cli') / 'service.db'}"
    seed(url, product_count=200, order_count=6_000)
    return url


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ml-cli-models")


def _run(database_url: str, models: Path, *args: str, stdin: bytes | None = None) -> Any:
    settings = Settings(
        database=DatabaseSettings.model_validate({"DATABASE_URL": database_url}),
        jobs=JobSettings(worker_id="cli-test", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5),
        ml=MlSettings(model_storage=models),
        memory=in_runner_memory(models.parent / "spill"),
    )
    container = RootContainer(settings=settings)
    return CliRunner().invoke(ml_app, list(args), obj=container, input=stdin)


@pytest.fixture(scope="module")
def trained(database_url: str, models: Path) -> str:
    result = _run(
        database_url,
        models,
        "train",
        "order_returned",
        "--epochs",
        "2",
        "--chunk-rows",
        "1000",
        "--alias",
        "production",
        "--wait",
        "--poll-seconds",
        "0.05",
    )
    assert result.exit_code == 0, result.output
    model_id: str = result.stdout.splitlines()[0]
    return model_id


def test_train_waits_for_a_ready_model_that_the_registry_lists(
    database_url: str, models: Path, trained: str
) -> None:
    listed = _run(database_url, models, "models", "--json")
    shown = _run(database_url, models, "show", trained)

    assert listed.exit_code == 0, listed.output
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [trained]
    document = json.loads(shown.stdout)
    assert (document["status"], document["aliases"]) == ("ready", ["production"])
    assert len(document["epoch_metrics"]) == 2


def test_predict_answers_stored_records_by_alias(database_url: str, models: Path, trained: str) -> None:
    result = _run(
        database_url,
        models,
        "predict",
        "--task",
        "order_returned",
        "--alias",
        "production",
        "--min-id",
        "5",
        "--max-id",
        "9",
    )

    assert result.exit_code == 0, result.output
    assert [orjson.loads(line)["id"] for line in result.stdout.splitlines()] == [5, 6, 7, 8, 9]


def test_predict_refuses_a_bad_record_with_exit_code_2(database_url: str, models: Path, trained: str) -> None:
    result = _run(database_url, models, "predict", "--model-id", trained, stdin=b'{"quantity": "two"}\n')

    assert result.exit_code == 2
    assert result.stderr.startswith("error: line 1: ")


def test_a_bad_record_after_output_began_exits_2_naming_its_line(
    database_url: str, models: Path, trained: str
) -> None:
    good = {
        "quantity": 2,
        "unit_price": 10.5,
        "product_price": 12.0,
        "category": "books",
        "created_at": "2025-01-02T10:00:00Z",
    }
    records = [good, good, {**good, "quantity": "two"}]
    body = b"".join(
        orjson.dumps({**record, "created_at": "2025-01-02T10:00:00Z"}) + b"\n" for record in records
    )

    result = _run(database_url, models, "predict", "--model-id", trained, "--chunk-rows", "2", stdin=body)

    assert result.exit_code == 2
    assert result.stderr.startswith("error: line 3: ")
    assert orjson.loads(result.stdout.splitlines()[-1])["error"]["line"] == 3


def test_extract_writes_csv_with_a_header(database_url: str, models: Path) -> None:
    result = _run(database_url, models, "extract", "order_quantity", "--format", "csv", "--max-id", "3")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("line,id,unit_price,discount,product_price,category=automotive")
    assert len(lines) == 4


def test_an_unknown_model_exits_with_3_and_an_alias_to_it_with_3(database_url: str, models: Path) -> None:
    shown = _run(database_url, models, "status", "no-such-model")
    aliased = _run(database_url, models, "alias", "order_returned", "production", "no-such-model")

    assert (shown.exit_code, aliased.exit_code) == (3, 3)
