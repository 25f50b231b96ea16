"""The service's figures as Prometheus scrapes them from a real server: they move when a job runs, the
result cache is asked, and a stream is served; the job gauges come from the job records; and every
name follows Prometheus's conventions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from tests.support.job_waiting import wait_for_end
from tests.support.jobs.job_records import JobDriver
from tests.support.scrapes import Scrape
from tests.support.seed import seed
from tests.support.uvicorn_server import live_server
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-03"}
# A kind no handler runs: its records stay where the test puts them, for the census to count.
IDLE_KIND = "census_probe"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    workdir = tmp_path_factory.mktemp("metrics")
    url = f"sqlite:///{workdir / 'metrics.db'}"
    seed(url, product_count=200, order_count=5_000)
    env = {"SPACETIME_POLL_SECONDS": "0.2", "SPACETIME_EXTERNAL_STORAGE": str(workdir / "spill")}
    with live_server(url, workdir, env) as base_url:
        yield base_url, url


def test_a_report_job_moves_the_job_figures(server: tuple[str, str]) -> None:
    base_url, _ = server
    kind = {"kind": "report"}
    done = {"kind": "report", "outcome": "succeeded"}
    before = Scrape.of(f"{base_url}/metrics")
    with httpx.Client(base_url=base_url, timeout=30) as client:
        submitted = client.post("/reports/generate", json=REPORT)
        assert submitted.status_code == 202, submitted.text
        assert wait_for_end(client, submitted.json()["id"])["status"] == "succeeded"
    after = Scrape.of(f"{base_url}/metrics")

    def moved(name: str, labels: dict[str, str]) -> float:
        return after.value(name, labels) - before.value(name, labels)

    assert moved("spacetime_jobs_submitted_total", kind) == 1
    assert moved("spacetime_jobs_finished_total", done) == 1
    assert moved("spacetime_job_duration_seconds_count", done) == 1
    assert moved("spacetime_job_chunk_duration_seconds_count", kind) >= 1
    assert moved("spacetime_job_processed_bytes_total", kind) > 0


def test_the_job_gauges_are_read_from_the_job_records(server: tuple[str, str]) -> None:
    base_url, database_url = server
    engine = create_database_engine(database_url)
    try:
        driver = JobDriver(SqlAlchemyJobRepository(engine))
        driver.create(kind=IDLE_KIND)
        running = driver.create_started(kind=IDLE_KIND)
        driver.progress(running, 25, 100)
    finally:
        engine.dispose()
    scrape = Scrape.of(f"{base_url}/metrics")
    assert scrape.value("spacetime_jobs_queued", {"kind": IDLE_KIND}) == 1
    assert scrape.value("spacetime_jobs_running", {"kind": IDLE_KIND}) == 1
    assert scrape.value("spacetime_jobs_lease_expired", {"kind": IDLE_KIND}) == 0
    assert scrape.value("spacetime_job_progress_ratio", {"job_id": running.id}) == 0.25


def test_cache_lookups_move_the_cache_figures_and_system_memory_shows_them(server: tuple[str, str]) -> None:
    base_url, _ = server
    before = Scrape.of(f"{base_url}/metrics")
    # The summary's cache key covers its filters: a range of its own misses first, then hits.
    params = {"start_date": "2025-01-02", "end_date": "2025-01-02"}
    first = httpx.get(f"{base_url}/analytics/summary", params=params, timeout=30)
    second = httpx.get(f"{base_url}/analytics/summary", params=params, timeout=30)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    after = Scrape.of(f"{base_url}/metrics")
    assert after.value("spacetime_cache_misses_total") - before.value("spacetime_cache_misses_total") == 1
    assert after.value("spacetime_cache_hits_total") - before.value("spacetime_cache_hits_total") == 1
    assert after.value("spacetime_cache_entries") >= 1
    memory = httpx.get(f"{base_url}/system/memory", timeout=30).json()
    assert memory["cache_stats"]["hits"] >= 1
    assert memory["cache_stats"]["misses"] >= 1
    assert memory["cache_stats"]["size"] >= 1
    assert memory["current_usage_mb"] == round(memory["used_bytes"] / 10**6, 1)
    assert memory["pressure_level"] == memory["pressure"]
    assert memory["external_files"] == memory["spill"]["directory_files"]
    assert {"peak_usage_mb", "available_mb"} <= memory.keys()


def test_a_stream_moves_the_stream_figures(server: tuple[str, str]) -> None:
    base_url, _ = server
    opened = {"outcome": "opened"}
    before = Scrape.of(f"{base_url}/metrics")
    response = httpx.get(f"{base_url}/products/stream", timeout=30)
    assert response.status_code == 200
    assert len(response.content.splitlines()) == 200

    def released() -> Scrape | None:
        # The slot is freed once the response has ended on the server, which may follow the last byte.
        scrape = Scrape.of(f"{base_url}/metrics")
        return scrape if scrape.value("spacetime_streams_open") == 0 else None

    after = wait_until(released, "the stream's slot being freed", seconds=30)
    assert (
        after.value("spacetime_stream_requests_total", opened)
        - before.value("spacetime_stream_requests_total", opened)
        == 1
    )
    assert (
        after.value("spacetime_processing_seconds_count") - before.value("spacetime_processing_seconds_count")
        == 1
    )


def test_scrapes_are_counted_under_their_own_route_and_unknown_paths_under_unmatched(
    server: tuple[str, str],
) -> None:
    base_url, _ = server
    assert httpx.get(f"{base_url}/no/such/path", timeout=10).status_code == 404
    Scrape.of(f"{base_url}/metrics")
    scrape = Scrape.of(f"{base_url}/metrics")
    assert scrape.value("spacetime_http_requests_total", {"route": "/metrics", "status": "200"}) >= 1
    assert scrape.value("spacetime_http_requests_total", {"route": "unmatched", "status": "404"}) >= 1


def test_memory_figures_carry_the_process_id(server: tuple[str, str]) -> None:
    base_url, _ = server
    scrape = Scrape.of(f"{base_url}/metrics")
    for name in (
        "spacetime_memory_usage_bytes",
        "spacetime_memory_used_bytes",
        "spacetime_memory_pressure_level",
    ):
        [(labels, value)] = scrape.samples(name)
        assert labels["pid"].isdigit()
        assert value >= 0
    assert scrape.value("spacetime_memory_usage_bytes") > 0


def test_names_follow_the_prometheus_conventions(server: tuple[str, str]) -> None:
    base_url, _ = server
    httpx.get(f"{base_url}/products/stream", timeout=30)
    families = {
        name: kind_and_samples
        for name, kind_and_samples in Scrape.of(f"{base_url}/metrics").families().items()
        # prometheus_client writes each counter's and histogram's creation time as a gauge of its own
        if name.startswith("spacetime_") and not name.endswith("_created")
    }
    assert len(families) >= 30
    for name, (kind, samples) in families.items():
        if kind == "counter":
            assert all(sample.endswith(("_total", "_created")) for sample in samples), name
        if kind == "histogram" or "duration" in name or "seconds" in name:
            assert name.endswith("_seconds"), name
        if "bytes" in name:
            assert name.endswith("_bytes"), name
        assert name == name.lower(), name
