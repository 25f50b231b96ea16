"""Analytics through a real server: summaries, both engines, the live stream, memory and the breaker."""

from __future__ import annotations

import httpx
import orjson

from tests.e2e.analytics.conftest import ORDERS
from tests.support.waiting import eventually

BY_CUSTOMER = {
    "group_by": ["customer_id"],
    "metrics": ["orders", "units", "revenue", "avg_unit_price", "unique_customers"],
}


def test_summary_counts_every_order_and_caches(base_url: str) -> None:
    first = httpx.get(f"{base_url}/analytics/summary", timeout=30)
    second = httpx.get(f"{base_url}/analytics/summary", timeout=30)
    assert first.status_code == 200, first.text
    assert first.json()["orders"] == ORDERS
    assert first.json()["unique_customers"] == 1000
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")


def test_both_engines_stream_the_same_lines(base_url: str) -> None:
    database = httpx.post(f"{base_url}/analytics/aggregate", json=BY_CUSTOMER, timeout=60)
    spacetime = httpx.post(
        f"{base_url}/analytics/aggregate", json={**BY_CUSTOMER, "engine": "spacetime"}, timeout=60
    )
    assert database.status_code == spacetime.status_code == 200
    lines = database.content.splitlines()
    assert len(lines) == 1000
    assert sum(orjson.loads(line)["orders"] for line in lines) == ORDERS
    assert spacetime.content == database.content


def test_trends_by_week(base_url: str) -> None:
    response = httpx.get(f"{base_url}/analytics/trends?metric=orders&interval=week&window=2", timeout=30)
    points = response.json()["points"]
    assert sum(point["value"] for point in points) == ORDERS
    assert all(point["bucket"] for point in points)


def _status_of_another_stream(url: str) -> int:
    """Only the status: reading the body of an open-ended stream would never end."""
    with httpx.stream("GET", url, timeout=30) as response:
        return response.status_code


def test_live_stream_sends_events_and_frees_its_slot_when_the_client_leaves(base_url: str) -> None:
    url = f"{base_url}/analytics/stream?interval_seconds=1"
    with httpx.stream("GET", url, timeout=30) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["x-accel-buffering"] == "no"
        # Held in a name: dropping a half-read iterator would close the response early.
        texts = response.iter_text()
        seen = ""
        while "event: summary" not in seen:
            seen += next(texts)
        # one stream per client: a second one is refused while this one is open
        refused = _status_of_another_stream(url)
    assert "id: 1" in seen
    assert refused == 429
    # The server notices the disconnect (sse-starlette listens for it) and frees the slot.
    freed = eventually(lambda: _status_of_another_stream(f"{url}&max_events=1") == 200, seconds=30.0)
    assert freed, "the stream slot was never freed after the client left"


def test_system_memory_and_metrics(base_url: str) -> None:
    memory = httpx.get(f"{base_url}/system/memory", timeout=30).json()
    assert memory["limit_bytes"] <= memory["configured_limit_bytes"]
    assert memory["used_bytes"] > 0
    assert memory["chunk"]["rows_per_chunk"] == 1000
    metrics = httpx.get(f"{base_url}/metrics", timeout=30).text
    assert "spacetime_memory_used_bytes{" in metrics


def test_a_starved_server_refuses_the_spacetime_engine_with_503(starved_url: str) -> None:
    refused = httpx.post(
        f"{starved_url}/analytics/aggregate", json={**BY_CUSTOMER, "engine": "spacetime"}, timeout=30
    )
    database = httpx.post(f"{starved_url}/analytics/aggregate", json=BY_CUSTOMER, timeout=60)
    memory = httpx.get(f"{starved_url}/system/memory", timeout=30).json()
    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) > 0
    assert database.status_code == 200
    assert (memory["pressure"], memory["breaker"]) == ("critical", "open")
