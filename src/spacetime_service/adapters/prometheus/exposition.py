"""One scrape's text: every process's samples (multiprocess mode) or this process's, and the collectors
that read their figures at scrape time.

The scrape-time collectors go in a registry of their own per scrape, so nothing is registered
globally twice, and they are read once whichever registry holds the event-time samples.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess

from spacetime_service.adapters.prometheus.multiprocess_mode import multiprocess_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from prometheus_client.registry import Collector


def exposition(collectors: Iterable[Collector] = (), *, refresh: Callable[[], None] | None = None) -> bytes:
    """`refresh` runs first: it sets the gauges this process updates at scrape time (its memory)."""
    if refresh is not None:
        refresh()
    samples = REGISTRY
    if multiprocess_dir() is not None:
        samples = CollectorRegistry()
        multiprocess.MultiProcessCollector(samples)  # type: ignore[no-untyped-call]
    at_scrape = CollectorRegistry(auto_describe=True)
    for collector in collectors:
        at_scrape.register(collector)
    return generate_latest(samples) + generate_latest(at_scrape)
