"""Gauges of the job records read at scrape time, so every process that answers tells the same:
jobs queued, leased and with an expired lease by kind, and the progress of each leased job."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import structlog
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from spacetime_service.domain.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.job_census import JobCensus

# A bound on the per-job series: more leased jobs than this means a backlog, not a dashboard.
MAX_PROGRESS_SERIES = 100

_log = structlog.get_logger(__name__)


class JobCensusCollector(Collector):
    """A database that cannot be read leaves these gauges out of the scrape instead of failing it."""

    def __init__(self, census: JobCensus) -> None:
        self._census = census

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            tallies = self._census.tallies(datetime.now(UTC))
            running = self._census.running(MAX_PROGRESS_SERIES)
        except DomainError as error:
            _log.warning("metrics.job_census_failed", error=str(error))
            return
        queued = GaugeMetricFamily("spacetime_jobs_queued", "Jobs waiting for a runner", labels=("kind",))
        leased = GaugeMetricFamily(
            "spacetime_jobs_running", "Jobs a runner holds (running or cancelling)", labels=("kind",)
        )
        expired = GaugeMetricFamily(
            "spacetime_jobs_lease_expired",
            "Running jobs whose lease expired (their runner is gone); a runner will resume them",
            labels=("kind",),
        )
        for tally in tallies:
            queued.add_metric((tally.kind,), tally.queued)
            leased.add_metric((tally.kind,), tally.running)
            expired.add_metric((tally.kind,), tally.expired_leases)
        progress = GaugeMetricFamily(
            "spacetime_job_progress_ratio",
            "Share done of each running job with a known total (training runs count rows over all epochs)",
            labels=("job_id", "kind"),
        )
        for job in running:
            fraction = job.progress.fraction
            if fraction is not None:
                progress.add_metric((job.job_id, job.kind), fraction)
        yield from (queued, leased, expired, progress)
