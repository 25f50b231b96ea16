"""The metrics server of a process without a web app: the scrape at /metrics, health at /healthz."""

from __future__ import annotations

import httpx
from prometheus_client import CONTENT_TYPE_LATEST

from spacetime_service.adapters.prometheus.metrics_server import MetricsServer


def test_it_serves_the_scrape_and_health_and_refuses_other_paths() -> None:
    server = MetricsServer(lambda: b"spacetime_up 1\n", "127.0.0.1", 0).start()
    try:
        base_url = f"http://127.0.0.1:{server.port}"
        scraped = httpx.get(f"{base_url}/metrics", timeout=10)
        assert (scraped.status_code, scraped.text) == (200, "spacetime_up 1\n")
        assert scraped.headers["content-type"] == CONTENT_TYPE_LATEST
        assert httpx.get(f"{base_url}/healthz", timeout=10).text == "ok\n"
        assert httpx.get(f"{base_url}/other", timeout=10).status_code == 404
    finally:
        server.stop()


def test_health_is_503_with_the_reasons_while_something_is_wrong() -> None:
    reasons = ["broker: the broker is unreachable"]
    server = MetricsServer(lambda: b"", "127.0.0.1", 0, lambda: reasons).start()
    try:
        response = httpx.get(f"http://127.0.0.1:{server.port}/healthz", timeout=10)
        assert (response.status_code, response.text) == (503, "broker: the broker is unreachable\n")
        reasons.clear()
        assert httpx.get(f"http://127.0.0.1:{server.port}/healthz", timeout=10).status_code == 200
    finally:
        server.stop()
