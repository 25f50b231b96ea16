"""The memory side: the monitor, the circuit breaker, chunk sizing, the external sorter and the cache.

One of each per process (Singletons): the breaker and the cache keep state that every request shares.
Tests override `monitor` (before first use) to set the pressure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.prometheus.breaker_metrics import PrometheusBreakerMetrics
from spacetime_service.adapters.prometheus.cache_metrics import PrometheusCacheMetrics
from spacetime_service.adapters.prometheus.process_memory import ProcessMemoryGauges
from spacetime_service.adapters.spacetime.cgroup_memory_limit import cgroup_memory_limit
from spacetime_service.adapters.spacetime.chunk_sizers import chunk_sizer_named
from spacetime_service.adapters.spacetime.directory_spill_usage import DirectorySpillUsage
from spacetime_service.adapters.spacetime.memory_aware_cache import MemoryAwareCache
from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
from spacetime_service.adapters.spacetime.orphaned_spill import remove_orphaned_spill
from spacetime_service.adapters.spacetime.psutil_memory_monitor import PsutilMemoryMonitor
from spacetime_service.adapters.sqrtspace.chunk_sizer import LibraryChunkSizer
from spacetime_service.application.memory.describe_memory import DescribeMemory, MemoryLimits
from spacetime_service.application.memory.guard import MemoryGuard
from spacetime_service.bootstrap.memory_settings import MemorySettings

if TYPE_CHECKING:
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer


def library_sqrt_n(settings: MemorySettings) -> ChunkSizer | None:
    """sqrtspace-spacetime's √n rule when SPACETIME_MEMORY_LIBRARY selects it; None for the service's."""
    if settings.memory_library != "sqrtspace":
        return None
    return LibraryChunkSizer(
        budget_bytes=settings.chunk_budget_bytes,
        min_rows=settings.min_chunk_rows,
        max_rows=settings.max_chunk_rows,
        private_dir=settings.library_directory,
    )


class MemoryContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=MemorySettings)

    monitor = providers.Singleton(PsutilMemoryMonitor.for_this_container, settings.provided.memory_limit)
    # What the breaker, the cache and the monitor report to Prometheus.
    breaker_metrics = providers.Singleton(PrometheusBreakerMetrics)
    cache_metrics = providers.Singleton(PrometheusCacheMetrics)
    memory_gauges = providers.Singleton(ProcessMemoryGauges)
    guard = providers.Singleton(MemoryGuard, monitor, metrics=breaker_metrics)
    chunk_sizer = providers.Singleton(
        chunk_sizer_named,
        settings.provided.chunk_strategy,
        budget_bytes=settings.provided.chunk_budget_bytes,
        min_rows=settings.provided.min_chunk_rows,
        max_rows=settings.provided.max_chunk_rows,
        fixed_rows=settings.provided.fixed_chunk_rows,
        monitor=monitor,
        sqrt_n=providers.Callable(library_sqrt_n, settings),
    )
    sorter = providers.Singleton(
        MsgpackExternalSorter,
        settings.provided.external_storage,
        compression=settings.provided.compression,
        budget_bytes=settings.provided.sort_memory,
    )
    cache = providers.Singleton(MemoryAwareCache, settings.provided.cache_size, monitor, cache_metrics)
    spill_usage = providers.Singleton(DirectorySpillUsage, settings.provided.external_storage)
    # A Resource, so that the API's start-up (init_resources) clears what crashed processes left; the
    # Celery worker calls it at its own start.
    orphaned_spill_sweep = providers.Resource(remove_orphaned_spill, settings.provided.external_storage)

    limits = providers.Singleton(
        MemoryLimits,
        configured_bytes=settings.provided.memory_limit,
        container_bytes=providers.Callable(cgroup_memory_limit),
        chunk_strategy=settings.provided.chunk_strategy,
    )
    describe_memory = providers.Factory(
        DescribeMemory, monitor, guard, chunk_sizer, spill_usage, limits, cache=cache
    )
