"""Every allow-listed parameter refuses an unknown value with a 422 naming it, and OpenAPI shows its
allow-list as an enum, so that clients and schema-driven tests see the same vocabulary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from spacetime_service.application.bulk_updates.handler import BULK_UPDATE_KIND
from spacetime_service.application.bulk_updates.request_json import OPERATION_TYPES
from spacetime_service.application.imports.handler import PRODUCT_IMPORT_KIND
from spacetime_service.application.reports.handler import REPORT_KIND
from spacetime_service.domain.bulk_updates import MAX_IDS
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.jobs.kinds import JobKind
from spacetime_service.domain.ml.tasks import TASKS
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND
from spacetime_service.domain.money import MAX_MONEY
from spacetime_service.domain.products import MAX_STOCK
from spacetime_service.domain.ranges import MAX_ID
from tests.support.jobs.jobs_app import JobsApp, job_settings, jobs_app
from tests.unit.http.test_problem_details import problem

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from fastapi.testclient import TestClient


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[JobsApp]:
    with jobs_app(job_settings(tmp_path)) as app:
        yield app


def test_the_job_kinds_are_the_kinds_the_handlers_run() -> None:
    assert set(JobKind) == {BULK_UPDATE_KIND, PRODUCT_IMPORT_KIND, REPORT_KIND, TRAIN_MODEL_KIND}


def test_an_unknown_job_kind_is_422_naming_kind(jobs: JobsApp) -> None:
    body = problem(jobs.client.get("/jobs?kind=report&kind=evil"), 422)
    assert [(e["name"], e["in"], e.get("index")) for e in body["errors"]] == [("kind", "query", 1)]
    assert jobs.client.get("/jobs?kind=report&kind=bulk_update").json()["items"] == []


def _parameter(client: TestClient, path: str, name: str, method: str = "get") -> dict[str, Any]:
    operation = client.get("/openapi.json").json()["paths"][path][method]
    schema: dict[str, Any] = next(p for p in operation["parameters"] if p["name"] == name)["schema"]
    return schema


@pytest.mark.parametrize(
    ("path", "name", "method"),
    [
        ("/products", "category", "get"),
        ("/products/stream", "category", "get"),
        ("/analytics/summary", "category", "get"),
    ],
)
def test_categories_are_an_enum_in_openapi(client: TestClient, path: str, name: str, method: str) -> None:
    assert _parameter(client, path, name, method)["items"]["enum"] == list(CATEGORIES)


def test_sorts_job_kinds_and_tasks_are_enums_in_openapi(client: TestClient) -> None:
    assert {"price", "-price", "id", "-id"} <= set(_parameter(client, "/products", "sort")["enum"])
    assert _parameter(client, "/orders", "sort")["enum"] == ["id", "-id", "created_at", "-created_at"]
    kinds = client.get("/openapi.json").json()["components"]["schemas"]["JobKind"]["enum"]
    assert kinds == [kind.value for kind in JobKind]
    assert _parameter(client, "/ml/models", "task")["enum"] == list(TASKS)
    assert _parameter(client, "/ml/features/extract", "task", "post")["enum"] == list(TASKS)


def test_the_bulk_update_body_shows_its_fields_allow_lists_and_bounds(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["BulkUpdateIn"]["properties"]
    target, operation = schema["filter"]["properties"], schema["operation"]["properties"]

    assert target["category"]["enum"] == list(CATEGORIES)
    assert target["ids"]["maxItems"] == MAX_IDS
    assert target["max_stock"]["maximum"] == MAX_STOCK
    assert str(MAX_ID) in target["min_id"]["description"]
    assert str(MAX_MONEY) in target["max_price"]["description"]
    assert operation["type"]["enum"] == list(OPERATION_TYPES)
