"""A real uvicorn server over a real SQLite file seeded with a small catalog, for the OpenAPI fuzz run: it
requires credentials, as a deployment does, and the run holds an API key with every scope. A few
entities are made through the API (a finished report, a trained model and its alias), so that the
operations on one entity answer with a body as well as with 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.domain.identity import Scope
from tests.support.access import api_key, bearer
from tests.support.seed import seed
from tests.support.uvicorn_server import UvicornServer
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

PRODUCTS = 60
ORDERS = 600
SERVER_ENV = {
    "SPACETIME_AUTH_REQUIRED": "true",
    "SPACETIME_CURSOR_SECRET": "fuzz-secret",
    # Enough streams for a fuzzer that cuts event streams and moves on before the server notices.
    "SPACETIME_MAX_STREAMS_PER_CLIENT": "16",
    # The in-process runner takes the fixture's report and training at once rather than at its next poll.
    "SPACETIME_POLL_SECONDS": "0.1",
}
OWNER = "fuzz"
ALIAS = "production"
TASK = "order_returned"


@dataclass(frozen=True)
class Service:
    server: UvicornServer
    credentials: dict[str, str]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    workdir = tmp_path_factory.mktemp("openapi-fuzz")
    url = f"sqlite:///{workdir / 'service.db'}"
    seed(url, product_count=PRODUCTS, order_count=ORDERS)
    engine = create_database_engine(url)
    try:
        key = api_key(engine, OWNER, frozenset(Scope))
    finally:
        engine.dispose()
    env = {
        **SERVER_ENV,
        "SPACETIME_MODEL_STORAGE": str(workdir / "models"),
        "SPACETIME_IMPORT_STAGING": str(workdir / "imports"),
        "SPACETIME_EXTERNAL_STORAGE": str(workdir / "spill"),
    }
    with UvicornServer(url, workdir, env) as server:
        yield Service(server, bearer(key))


@pytest.fixture(scope="module")
def known_path_parameters(service: Service) -> dict[str, Any]:
    """Path parameters that name entities which exist, by parameter name."""
    base_url, headers = service.server.base_url, service.credentials
    with httpx.Client(base_url=base_url, headers=headers, timeout=30.0) as client:
        report = _accepted(
            client.post(
                "/reports/generate",
                json={"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-03"},
            )
        )
        training = _accepted(client.post("/ml/train", json={"task": TASK, "epochs": 1, "chunk_rows": 100}))
        report_id, model_id = report["id"], training["model_id"]
        _wait_for(client, f"/jobs/{report_id}", "status", "succeeded")
        _wait_for(client, f"/ml/models/{model_id}/status", "status", "ready")
        aliased = client.put(f"/ml/aliases/{TASK}/{ALIAS}", json={"model_id": model_id})
        assert aliased.status_code == 200, aliased.text
    return {
        "job_id": report_id,
        "report_id": report_id,
        "model_id": model_id,
        "product_id": PRODUCTS // 2,
        "task": TASK,
        "name": ALIAS,
    }


def _accepted(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    return body


def _wait_for(client: httpx.Client, path: str, field: str, value: str) -> None:
    def reached() -> bool | None:
        body = client.get(path).json()
        assert body[field] != "failed", body
        return body[field] == value or None

    wait_until(reached, f"{path} {field} {value}", every=0.05)
