"""What a scrape of a process shows, from the container's parts: the samples recorded as things happen
(every gunicorn worker's, in multiprocess mode), the process's memory refreshed now, the spill
directory, and, where asked, the job records' census.

The census is the database's figure, the same whichever process reads it, so only the API exposes it;
a worker's scrape would repeat it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.prometheus.exposition import exposition
from spacetime_service.adapters.prometheus.job_census_collector import JobCensusCollector
from spacetime_service.adapters.prometheus.metrics_server import MetricsServer
from spacetime_service.adapters.prometheus.multiprocess_mode import start_multiprocess_mode
from spacetime_service.adapters.prometheus.spill_collector import SpillCollector

if TYPE_CHECKING:
    from prometheus_client.registry import Collector

    from spacetime_service.application.ports.health_probe import HealthProbe
    from spacetime_service.bootstrap.containers.root import RootContainer


__all__ = ["record_memory", "scrape", "serve_worker_metrics", "start_multiprocess_mode"]


def record_memory(container: RootContainer) -> None:
    """Sets this process's memory gauges from a snapshot taken now."""
    memory = container.memory
    memory.memory_gauges().record(memory.monitor().snapshot())


def scrape(container: RootContainer, *, census: bool) -> bytes:
    collectors: list[Collector] = [SpillCollector(container.memory.spill_usage())]
    if census:
        collectors.append(JobCensusCollector(container.jobs.census()))
    return exposition(collectors, refresh=lambda: record_memory(container))


def serve_worker_metrics(container: RootContainer, host: str, port: int) -> MetricsServer:
    """Starts `/metrics` and `/healthz` of a worker process on `host:port`; stop it when the worker ends.
    `/healthz` asks what the API's readiness asks (the database, the broker): a worker that cannot
    reach them cannot run a job."""

    def unhealthy() -> list[str]:
        probes = (container.database.health_probe(), *container.jobs.health_probes())
        return [f"{probe.name}: {reason}" for probe in probes if (reason := _asked(probe)) is not None]

    return MetricsServer(lambda: scrape(container, census=False), host, port, unhealthy).start()


def _asked(probe: HealthProbe) -> str | None:
    try:
        return probe.check()
    except Exception as error:  # noqa: BLE001 - any failure of a probe means "not healthy"
        return f"the check failed ({type(error).__name__})"
