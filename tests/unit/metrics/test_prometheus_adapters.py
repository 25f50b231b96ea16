"""The Prometheus adapters behind the metrics ports, read back from the registry they write to, and the
scrape-time collectors over the job census and the spill directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest

from spacetime_service.adapters.prometheus.breaker_metrics import PrometheusBreakerMetrics
from spacetime_service.adapters.prometheus.cache_metrics import PrometheusCacheMetrics
from spacetime_service.adapters.prometheus.job_census_collector import JobCensusCollector
from spacetime_service.adapters.prometheus.job_metrics import PrometheusJobMetrics
from spacetime_service.adapters.prometheus.spill_collector import SpillCollector
from spacetime_service.adapters.spacetime.directory_spill_usage import DirectorySpillUsage
from spacetime_service.application.jobs.unmeasured import UnmeasuredJobs
from spacetime_service.application.ports.breaker_metrics import BreakerMetrics
from spacetime_service.application.ports.cache_metrics import CacheMetrics
from spacetime_service.application.ports.job_census import JobTally, RunningJob
from spacetime_service.application.ports.job_metrics import JobMetrics
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.jobs.progress import Progress
from tests.fakes.metrics import RecordingBreakerMetrics, RecordingCacheMetrics, RecordingJobMetrics
from tests.support.scrapes import Scrape

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime
    from pathlib import Path

    from prometheus_client.registry import Collector

KIND = "adapter_test_kind"


def _value(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


def _scrape(collector: Collector) -> Scrape:
    registry = CollectorRegistry()
    registry.register(collector)
    return Scrape(generate_latest(registry).decode())


def test_every_recorder_is_its_port() -> None:
    for job_metrics in (PrometheusJobMetrics(), RecordingJobMetrics(), UnmeasuredJobs()):
        assert isinstance(job_metrics, JobMetrics)
    for cache_metrics in (PrometheusCacheMetrics(), RecordingCacheMetrics()):
        assert isinstance(cache_metrics, CacheMetrics)
    for breaker_metrics in (PrometheusBreakerMetrics(), RecordingBreakerMetrics()):
        assert isinstance(breaker_metrics, BreakerMetrics)


def test_job_figures_reach_the_registry() -> None:
    kind, done = {"kind": KIND}, {"kind": KIND, "outcome": "succeeded"}
    before = {
        name: _value(name, labels)
        for name, labels in (
            ("spacetime_jobs_submitted_total", kind),
            ("spacetime_job_processed_rows_total", kind),
            ("spacetime_job_processed_bytes_total", kind),
            ("spacetime_job_chunk_duration_seconds_count", kind),
            ("spacetime_job_duration_seconds_sum", done),
            ("spacetime_job_retries_total", kind),
        )
    }
    metrics = PrometheusJobMetrics()
    metrics.job_submitted(KIND)
    metrics.chunk_committed(KIND, 0.5, rows=7, bytes_processed=300)
    metrics.job_finished(KIND, "succeeded", 12.0)
    metrics.job_retried(KIND)
    assert _value("spacetime_jobs_submitted_total", kind) - before["spacetime_jobs_submitted_total"] == 1
    assert (
        _value("spacetime_job_processed_rows_total", kind) - before["spacetime_job_processed_rows_total"] == 7
    )
    moved_bytes = (
        _value("spacetime_job_processed_bytes_total", kind) - before["spacetime_job_processed_bytes_total"]
    )
    assert moved_bytes == 300
    moved_chunks = (
        _value("spacetime_job_chunk_duration_seconds_count", kind)
        - before["spacetime_job_chunk_duration_seconds_count"]
    )
    assert moved_chunks == 1
    assert (
        _value("spacetime_job_duration_seconds_sum", done) - before["spacetime_job_duration_seconds_sum"]
        == 12.0
    )
    assert _value("spacetime_job_retries_total", kind) - before["spacetime_job_retries_total"] == 1


class _Census:
    def __init__(self, tallies: Sequence[JobTally], running: Sequence[RunningJob]) -> None:
        self._tallies = tallies
        self._running = running

    def tallies(self, now: datetime) -> Sequence[JobTally]:  # noqa: ARG002 - fixed figures
        return self._tallies

    def running(self, limit: int) -> Sequence[RunningJob]:
        return self._running[:limit]


class _UnreadableCensus:
    def tallies(self, now: datetime) -> Sequence[JobTally]:  # noqa: ARG002 - it fails first
        raise Unavailable("the database is unavailable or busy; retry later")

    def running(self, limit: int) -> Sequence[RunningJob]:  # noqa: ARG002 - it fails first
        raise Unavailable("the database is unavailable or busy; retry later")


def test_the_census_collector_reports_tallies_and_known_progress_only() -> None:
    census = _Census(
        [JobTally("report", queued=2, running=1, expired_leases=1)],
        [RunningJob("a", "train_model", Progress(30, 120, "rows")), RunningJob("b", "report", Progress(3))],
    )
    scrape = _scrape(JobCensusCollector(census))
    assert scrape.value("spacetime_jobs_queued", {"kind": "report"}) == 2
    assert scrape.value("spacetime_jobs_running", {"kind": "report"}) == 1
    assert scrape.value("spacetime_jobs_lease_expired", {"kind": "report"}) == 1
    assert scrape.samples("spacetime_job_progress_ratio") == [({"job_id": "a", "kind": "train_model"}, 0.25)]


def test_an_unreadable_census_leaves_its_gauges_out_instead_of_failing_the_scrape() -> None:
    scrape = _scrape(JobCensusCollector(_UnreadableCensus()))
    assert "spacetime_jobs_queued" not in scrape.text


def test_the_spill_collector_counts_the_files_on_disk(tmp_path: Path) -> None:
    (tmp_path / "op-1").mkdir()
    (tmp_path / "op-1" / "run-0").write_bytes(b"x" * 100)
    (tmp_path / "run-1").write_bytes(b"x" * 20)
    scrape = _scrape(SpillCollector(DirectorySpillUsage(tmp_path)))
    assert scrape.value("spacetime_spill_files") == 2
    assert scrape.value("spacetime_spill_bytes") == 120
