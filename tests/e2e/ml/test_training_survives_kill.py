"""A training job survives SIGKILL of the API process: the restarted server resumes it from its last
checkpoint, and the model it ends with equals, array for array, a model trained without interruption."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import numpy as np
import pytest

from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from tests.support.ml.training_helpers import learnt_arrays
from tests.support.seed import seed
from tests.support.uvicorn_server import UvicornServer
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ORDERS = 200_000
PRODUCTS = 3_000
WAIT_SECONDS = 400.0
CHUNK_ROWS, CHECKPOINT_EVERY = 2_000, 5
TRAINING = {
    "task": "order_returned",
    "features": [
        "quantity",
        "unit_price",
        "discount",
        "product_price",
        "category",
        "created_at",
        "customer_id",
    ],
    "epochs": 3,
    "chunk_rows": CHUNK_ROWS,
    "checkpoint_every": CHECKPOINT_EVERY,
    "validation_fraction": 0.2,
    "seed": 11,
}


def _env(workdir: Path) -> dict[str, str]:
    return {
        "SPACETIME_MODEL_STORAGE": str(workdir / "models"),
        # A short lease, so that the restarted server takes the dead one's job over within seconds.
        "SPACETIME_LEASE_SECONDS": "4",
        "SPACETIME_HEARTBEAT_SECONDS": "1",
        "SPACETIME_POLL_SECONDS": "0.5",
        "SPACETIME_TRAINING_PROGRESS_SECONDS": "0.2",
    }


def _status(server: UvicornServer, model_id: str) -> dict[str, Any]:
    response = httpx.get(f"{server.base_url}/ml/models/{model_id}/status", timeout=10)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _train(server: UvicornServer) -> str:
    response = httpx.post(f"{server.base_url}/ml/train", json=TRAINING, timeout=30)
    assert response.status_code == 202, response.text
    model_id: str = response.json()["model_id"]
    assert response.headers["Location"] == f"/ml/models/{model_id}"
    return model_id


def _wait_for(
    server: UvicornServer, model_id: str, done: Any, seen: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    def arrived() -> dict[str, Any] | None:
        status = _status(server, model_id)
        if seen is not None:
            seen.append(status)
        return status if done(status) else None

    try:
        return wait_until(arrived, f"model {model_id} getting there", seconds=WAIT_SECONDS)
    except AssertionError:
        pytest.fail(
            f"model {model_id} did not get there: {_status(server, model_id)}\n{server.log()[-4000:]}"
        )


def _checkpointed(status: dict[str, Any]) -> bool:
    """The job recorded a checkpoint (its epoch is known only from one) and has rows left to read."""
    job = status["job"]
    assert job["status"] in {"queued", "running"}, status
    return status["epoch"] is not None and job["progress"]["done"] > 0


def _ready(status: dict[str, Any]) -> bool:
    assert status["status"] in {"training", "ready"}, status
    return bool(status["status"] == "ready" and status["job"]["status"] == "succeeded")


def test_a_killed_training_resumes_to_the_model_of_an_uninterrupted_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'service.db'}"
    seed(url, product_count=PRODUCTS, order_count=ORDERS)

    first = UvicornServer(url, tmp_path, _env(tmp_path))
    try:
        first.start()
        interrupted = _train(first)
        at_kill = _wait_for(first, interrupted, _checkpointed)
        first.kill()
    finally:
        first.stop()
    assert at_kill["job"]["progress"]["done"] < at_kill["job"]["progress"]["total"]

    after_restart: list[dict[str, Any]] = []
    second = UvicornServer(url, tmp_path, _env(tmp_path))
    try:
        second.start()
        resumed = _wait_for(second, interrupted, _ready, after_restart)
        uninterrupted = _train(second)
        reference = _wait_for(second, uninterrupted, _ready)
    finally:
        second.stop()

    assert resumed["job"]["attempt"] == 2
    # The second attempt went on from the last checkpoint (at most `checkpoint_every` chunks before the
    # last progress seen), never from the start.
    rows_per_checkpoint = CHUNK_ROWS * CHECKPOINT_EVERY
    second_attempt = [s["job"]["progress"]["done"] for s in after_restart if s["job"]["attempt"] == 2]
    assert second_attempt, "the second attempt was never seen running"
    assert min(second_attempt) >= at_kill["job"]["progress"]["done"] - rows_per_checkpoint
    assert reference["job"]["attempt"] == 1
    assert resumed["metrics"] == reference["metrics"]
    store = SkopsModelStore(tmp_path / "models")
    resumed_arrays, reference_arrays = learnt_arrays(store, interrupted), learnt_arrays(store, uninterrupted)
    assert resumed_arrays.keys() == reference_arrays.keys()
    assert {"coef_", "intercept_", "mean_", "var_"} <= resumed_arrays.keys()
    for name, value in reference_arrays.items():
        assert np.array_equal(resumed_arrays[name], value), name
