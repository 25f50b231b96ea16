"""The analytics and system endpoints in process, over the fake store and a settable memory monitor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson
import pytest
from dependency_injector import providers
from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.memory_settings import MemorySettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.domain.memory import MemoryPressure
from spacetime_service.entrypoints.http.app import create_app
from tests.fakes.analytics import FakeOrderAnalytics
from tests.fakes.memory import FakeMemoryMonitor
from tests.support.analytics_datasets import tiny_history

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SPACETIME_BODY = {"group_by": ["category"], "metrics": ["orders", "revenue"], "engine": "spacetime"}


@pytest.fixture
def monitor() -> FakeMemoryMonitor:
    return FakeMemoryMonitor(limit_bytes=1_000_000_000)


@pytest.fixture
def container(tmp_path: Path, monitor: FakeMemoryMonitor) -> RootContainer:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        api=ApiSettings(cursor_secret=SecretStr("unit-test-secret"), max_streams_per_client=2),
        memory=MemorySettings(external_storage=tmp_path / "spill", sort_memory=4096),
    )
    container = build_container(settings)
    history = tiny_history()
    container.analytics.order_analytics.override(
        providers.Object(FakeOrderAnalytics(history.orders, history.products))
    )
    container.memory.monitor.override(providers.Object(monitor))
    return container


@pytest.fixture
def client(container: RootContainer) -> Iterator[TestClient]:
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield client


def test_summary_shows_money_as_text_and_says_when_it_was_cached(client: TestClient) -> None:
    first = client.get("/analytics/summary")
    second = client.get("/analytics/summary")
    assert first.status_code == 200, first.text
    assert first.json() == {
        "orders": 5,
        "units": 11,
        "revenue": "33.50",
        "unique_customers": 3,
        "return_rate": 0.2,
        "average_order_value": "11.17",
    }
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")


def test_summary_filters_by_days_and_category(client: TestClient) -> None:
    response = client.get("/analytics/summary?start_date=2025-04-01&end_date=2025-04-01&category=toys")
    assert response.json()["orders"] == 1
    refused = client.get("/analytics/summary?category=weapons")
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"


def test_trends_give_money_and_its_moving_average_as_text(client: TestClient) -> None:
    response = client.get("/analytics/trends?metric=revenue&interval=month&window=2")
    assert response.status_code == 200, response.text
    assert response.json()["points"] == [
        {"bucket": "2025-03-01", "value": "25.50", "moving_average": None},
        {"bucket": "2025-04-01", "value": "8.00", "moving_average": "16.75"},
    ]


@pytest.mark.parametrize("engine", ["database", "spacetime"])
def test_aggregate_streams_one_ndjson_line_per_group(client: TestClient, engine: str) -> None:
    body = {**SPACETIME_BODY, "engine": engine, "order_by": "-revenue", "filters": {"status": ["placed"]}}
    response = client.post("/analytics/aggregate", json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert [orjson.loads(line) for line in response.content.splitlines()] == [
        {"category": "books", "orders": 1, "revenue": "20.00"},
        {"category": "toys", "orders": 1, "revenue": "8.00"},
    ]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"group_by": ["name"]}, "group_by"),
        ({"metrics": ["price"]}, "metrics"),
        ({"group_by": ["day"], "order_by": "-revenue"}, "order_by"),
        ({"engine": "cluster"}, "engine"),
    ],
)
def test_aggregate_refuses_names_outside_the_allow_lists(
    client: TestClient, body: dict[str, object], name: str
) -> None:
    response = client.post("/analytics/aggregate", json=body)
    assert response.status_code == 422
    assert name in response.text


def test_spacetime_engine_gets_503_with_retry_after_while_memory_is_critical(
    client: TestClient, monitor: FakeMemoryMonitor
) -> None:
    monitor.set_pressure(MemoryPressure.CRITICAL)
    refused = client.post("/analytics/aggregate", json=SPACETIME_BODY)
    database = client.post("/analytics/aggregate", json={**SPACETIME_BODY, "engine": "database"})
    memory = client.get("/system/memory").json()
    monitor.set_pressure(MemoryPressure.HIGH)
    still_open = client.post("/analytics/aggregate", json=SPACETIME_BODY)
    monitor.set_pressure(MemoryPressure.ELEVATED)
    admitted = client.post("/analytics/aggregate", json=SPACETIME_BODY)

    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    assert database.status_code == 200
    assert (memory["pressure"], memory["breaker"]) == ("critical", "open")
    assert still_open.status_code == 503  # the breaker closes only below high
    assert admitted.status_code == 200


def test_system_memory_reports_the_snapshot_the_chunk_and_the_spill(
    client: TestClient, monitor: FakeMemoryMonitor
) -> None:
    monitor.set_used(300_000_000)
    body = client.get("/system/memory?sample_rows=1000000").json()
    assert body["used_bytes"] == 300_000_000
    assert body["limit_bytes"] == 1_000_000_000
    assert body["available_bytes"] == 700_000_000
    assert body["pressure"] == "normal"
    assert body["breaker"] == "closed"
    assert body["chunk"] == {"strategy": "sqrt_n", "sample_rows": 1_000_000, "rows_per_chunk": 1000}
    assert body["spill"] == {"directory_files": 0, "directory_bytes": 0}
    assert body["configured_limit_bytes"] == 512 * 10**6


def test_metrics_expose_memory_gauges_read_on_scrape(client: TestClient, monitor: FakeMemoryMonitor) -> None:
    monitor.set_pressure(MemoryPressure.HIGH)
    text = client.get("/metrics").text
    assert "spacetime_memory_pressure_level{" in text
    level = next(line for line in text.splitlines() if line.startswith("spacetime_memory_pressure_level{"))
    assert level.endswith(" 2.0")
    assert "spacetime_memory_limit_bytes{" in text


@pytest.mark.parametrize("path", ["/analytics/stream", "/analytics/realtime"])
def test_live_stream_sends_numbered_summary_events(client: TestClient, path: str) -> None:
    with client.stream("GET", f"{path}?interval_seconds=1&max_events=2") as response:
        assert response.status_code == 200
        assert response.headers["x-accel-buffering"] == "no"
        text = "".join(response.iter_text())
    assert "retry: 5000" in text
    assert "id: 1" in text
    assert "id: 2" in text
    assert text.count("event: summary") == 2


def test_live_stream_continues_the_numbering_after_last_event_id(client: TestClient) -> None:
    headers = {"Last-Event-ID": "41"}
    with client.stream("GET", "/analytics/stream?max_events=1", headers=headers) as response:
        text = "".join(response.iter_text())
    assert "id: 42" in text
