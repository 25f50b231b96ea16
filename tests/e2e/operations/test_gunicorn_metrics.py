"""Metrics under gunicorn with two workers (deploy/gunicorn.conf.py): whichever worker answers a scrape,
the counters are the whole server's, and the per-process gauges name live workers by pid."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.gunicorn_server import gunicorn_server
from tests.support.scrapes import Scrape

if TYPE_CHECKING:
    from pathlib import Path

REQUESTS = 24
NOT_FOUND = {"method": "GET", "route": "/products/{product_id}", "status": "404"}


def test_a_scrape_adds_up_every_worker_and_labels_process_gauges_by_pid(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gunicorn.db'}"
    upgrade_to_head(url)
    # A directory of the test's own (gunicorn makes one in the system's temp folder when none is named).
    multiproc_dir = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus")}
    with gunicorn_server(url, tmp_path, workers=2, env=multiproc_dir) as server:
        for product_id in range(REQUESTS):
            # A connection of its own each time, so that both workers take some of them.
            assert httpx.get(f"{server.base_url}/products/{product_id + 1}").status_code == 404
        workers = server.worker_pids()
        for _ in range(4):
            scrape = Scrape.of(f"{server.base_url}/metrics")
            assert scrape.value("spacetime_http_requests_total", NOT_FOUND) == REQUESTS
            memory = scrape.samples("spacetime_memory_used_bytes")
            pids = {int(labels["pid"]) for labels, _ in memory}
            assert pids
            assert pids <= workers
            # A worker that has measured nothing yet has no series, rather than a memory of 0.
            assert all(value > 0 for _, value in memory)
