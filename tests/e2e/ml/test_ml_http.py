"""The ML endpoints in process: 202 with Location for training, the registry, aliases, and streamed
predictions whose bad lines are a 422 before the response starts and an error line after."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson
import pytest
from fastapi.testclient import TestClient

from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app
from tests.support.in_runner import in_runner_memory
from tests.support.seed import seed
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

NDJSON = {"content-type": "application/x-ndjson"}
RECORD = {"quantity": 2, "unit_price": 10.5, "product_price": 12.0, "category": "books"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    workdir = tmp_path_factory.mktemp("ml-http")
    url = f"sqlite:///{workdir / 'service.db'}"
    seed(url, product_count=200, order_count=6_000)
    settings = Settings(
        database=DatabaseSettings.model_validate({"DATABASE_URL": url}),
        jobs=JobSettings(worker_id="http-test", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5),
        ml=MlSettings(model_storage=workdir / "models", predict_chunk_rows=10),
        memory=in_runner_memory(workdir / "spill"),
    )
    with TestClient(create_app(RootContainer(settings=settings))) as client:
        yield client


def _ready(client: TestClient, model_id: str) -> dict[str, Any]:
    def trained() -> dict[str, Any] | None:
        status: dict[str, Any] = client.get(f"/ml/models/{model_id}/status").json()
        return status if status["status"] != "training" else None

    return wait_until(trained, f"the end of the training of model {model_id}", seconds=30.0, every=0.05)


@pytest.fixture(scope="module")
def model_id(client: TestClient) -> str:
    body = {"task": "order_returned", "features": ["quantity", "unit_price", "product_price", "category"]}
    response = client.post("/ml/train", json={**body, "epochs": 2, "chunk_rows": 1000, "alias": "production"})
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert response.headers["Location"] == f"/ml/models/{accepted['model_id']}"
    assert (accepted["model"]["status"], accepted["job"]["kind"]) == ("training", "train_model")
    assert _ready(client, accepted["model_id"])["status"] == "ready"
    model: str = accepted["model_id"]
    return model


def _lines(count: int, bad_line: int | None = None) -> bytes:
    records = [
        {**RECORD, "id": i} if i != bad_line else {**RECORD, "quantity": 0} for i in range(1, count + 1)
    ]
    return b"".join(
        orjson.dumps({**record, "created_at": "2025-01-02T10:00:00Z"}) + b"\n" for record in records
    )


def test_a_repeated_training_with_its_key_is_replayed(client: TestClient, model_id: str) -> None:
    body = {"task": "order_quantity", "epochs": 1, "chunk_rows": 1000}
    first = client.post("/ml/train", json=body, headers={"Idempotency-Key": "k-1"})
    again = client.post("/ml/train", json=body, headers={"Idempotency-Key": "k-1"})

    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["model_id"] == first.json()["model_id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    _ready(client, first.json()["model_id"])


def test_the_registry_shows_the_ready_model_with_metrics_and_alias(client: TestClient, model_id: str) -> None:
    listed = client.get("/ml/models", params={"task": "order_returned", "status": "ready"}).json()
    model = client.get(f"/ml/models/{model_id}").json()

    assert [item["id"] for item in listed["items"]] == [model_id]
    assert model["aliases"] == ["production"]
    assert len(model["epoch_metrics"]) == 2
    assert set(model["metrics"]) >= {"accuracy", "log_loss", "roc_auc"}


def test_unknown_tasks_and_features_are_422_naming_the_allowed_ones(client: TestClient) -> None:
    task = client.post("/ml/train", json={"task": "churn"})
    feature = client.post("/ml/train", json={"task": "order_returned", "features": ["status"]})

    assert task.status_code == feature.status_code == 422
    assert task.headers["content-type"] == "application/problem+json"
    assert "known: order_returned, order_quantity, product_segments" in task.json()["detail"]
    assert "allowed: quantity" in feature.json()["detail"]


def test_predictions_stream_back_for_an_ndjson_body(client: TestClient, model_id: str) -> None:
    response = client.post(
        "/ml/predict/batch", params={"model_id": model_id}, content=_lines(25), headers=NDJSON
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson"
    answers = [orjson.loads(line) for line in response.content.splitlines()]
    assert [(answer["line"], answer["id"]) for answer in answers] == [(i, i) for i in range(1, 26)]


def test_a_bad_line_in_the_first_chunk_is_a_422_naming_it(client: TestClient, model_id: str) -> None:
    response = client.post(
        "/ml/predict/batch",
        params={"task": "order_returned", "alias": "production"},
        content=_lines(25, 3),
        headers=NDJSON,
    )

    assert response.status_code == 422
    assert response.json()["detail"].startswith("line 3: quantity")


def test_a_bad_line_after_output_began_ends_the_stream_with_an_error_line(
    client: TestClient, model_id: str
) -> None:
    response = client.post(
        "/ml/predict/batch", params={"model_id": model_id}, content=_lines(25, 17), headers=NDJSON
    )

    assert response.status_code == 200
    lines = [orjson.loads(line) for line in response.content.splitlines()]
    assert [line["line"] for line in lines[:-1]] == list(range(1, 11))
    assert lines[-1]["error"]["line"] == 17


def test_a_query_predicts_stored_orders(client: TestClient, model_id: str) -> None:
    response = client.post(
        "/ml/predict/batch", params={"model_id": model_id}, json={"query": {"min_id": 3, "max_id": 7}}
    )

    assert response.status_code == 200, response.text
    assert [orjson.loads(line)["id"] for line in response.content.splitlines()] == [3, 4, 5, 6, 7]


def test_a_model_still_training_is_409_and_cannot_take_an_alias(client: TestClient, tmp_path: Path) -> None:
    body = {"task": "order_returned", "epochs": 50, "chunk_rows": 100, "seed": 99}
    training = client.post("/ml/train", json=body).json()["model_id"]

    predicted = client.post(
        "/ml/predict/batch", params={"model_id": training}, content=_lines(1), headers=NDJSON
    )
    aliased = client.put("/ml/aliases/order_returned/staging", json={"model_id": training})

    assert (predicted.status_code, aliased.status_code) == (409, 409)
    cancelled = client.post(f"/jobs/{training}/cancel")
    assert cancelled.status_code == 202, cancelled.text


def test_an_alias_moves_to_a_ready_model(client: TestClient, model_id: str) -> None:
    response = client.put("/ml/aliases/order_returned/staging", json={"model_id": model_id})

    assert response.status_code == 200
    assert response.json() == {"task": "order_returned", "name": "staging", "model_id": model_id}


def test_features_come_as_a_csv_download(client: TestClient) -> None:
    response = client.post(
        "/ml/features/extract",
        params={"task": "order_returned", "format": "csv"},
        json={"query": {"max_id": 4}},
    )

    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="features-order_returned.csv"'
    assert len(response.text.splitlines()) == 5
