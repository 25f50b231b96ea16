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
    """Starts `/metrics` and `/healthz` of a worker process on `host:port`; stop it when the worker ends."""
    return MetricsServer(lambda: scrape(container, census=False), host, port).start()
