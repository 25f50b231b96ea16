"""The body of the memory endpoint: use against the budget, the breaker, chunk sizes, spill files and the
result cache. The `*_mb` fields, `pressure_level`, `cache_stats` and `external_files` are the names an
earlier version of the service answered with, kept beside today's for the clients that read them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from spacetime_service.application.memory.describe_memory import MemoryReport
from spacetime_service.application.ports.cache import CacheStats
from spacetime_service.domain.memory import MemoryPressure

# Megabytes as SPACETIME_MEMORY_LIMIT counts them ("512MB" is 512·10⁶ bytes).
BYTES_PER_MB = 10**6


class SpillOut(BaseModel):
    directory_files: int
    directory_bytes: int


class ChunkOut(BaseModel):
    strategy: str
    sample_rows: int
    rows_per_chunk: int


class CacheStatsOut(BaseModel):
    hits: int = Field(description="lookups that found their key, since the process started")
    misses: int = Field(description="lookups that did not")
    evictions: int = Field(description="entries dropped to make room (memory pressure included)")
    size: int = Field(description="entries held now")
    size_bytes: int
    capacity_bytes: int = Field(description="the most the cache holds at normal pressure")
    hit_ratio: float | None = Field(description="hits over lookups; null before the first lookup")

    @classmethod
    def of(cls, stats: CacheStats) -> CacheStatsOut:
        lookups = stats.hits + stats.misses
        return cls(
            hits=stats.hits,
            misses=stats.misses,
            evictions=stats.evictions,
            size=stats.entries,
            size_bytes=stats.size_bytes,
            capacity_bytes=stats.capacity_bytes,
            hit_ratio=stats.hits / lookups if lookups else None,
        )


class MemoryOut(BaseModel):
    used_bytes: int
    peak_bytes: int
    limit_bytes: int = Field(description="the budget in force: the smaller of the two limits below")
    configured_limit_bytes: int = Field(description="SPACETIME_MEMORY_LIMIT")
    container_limit_bytes: int | None = Field(description="the cgroup's limit; null when none")
    available_bytes: int
    pressure: MemoryPressure
    breaker: Literal["open", "closed"] = Field(description="open: heavy work is refused with 503")
    chunk: ChunkOut
    spill: SpillOut
    current_usage_mb: float = Field(description="used_bytes in megabytes (10⁶ bytes)")
    peak_usage_mb: float = Field(description="peak_bytes in megabytes")
    available_mb: float = Field(description="available_bytes in megabytes")
    pressure_level: MemoryPressure = Field(description="the same as pressure")
    cache_stats: CacheStatsOut = Field(description="the in-process result cache of this process")
    external_files: int = Field(description="spill files on disk now (spill.directory_files)")

    @classmethod
    def of(cls, report: MemoryReport) -> MemoryOut:
        snapshot = report.snapshot
        return cls(
            used_bytes=snapshot.used_bytes,
            peak_bytes=snapshot.peak_bytes,
            limit_bytes=snapshot.limit_bytes,
            configured_limit_bytes=report.limits.configured_bytes,
            container_limit_bytes=report.limits.container_bytes,
            available_bytes=snapshot.available_bytes,
            pressure=snapshot.pressure,
            breaker="open" if report.breaker_open else "closed",
            chunk=ChunkOut(
                strategy=report.limits.chunk_strategy,
                sample_rows=report.sample_rows,
                rows_per_chunk=report.chunk_rows,
            ),
            spill=SpillOut(directory_files=report.spill.files, directory_bytes=report.spill.bytes),
            current_usage_mb=_mb(snapshot.used_bytes),
            peak_usage_mb=_mb(snapshot.peak_bytes),
            available_mb=_mb(snapshot.available_bytes),
            pressure_level=snapshot.pressure,
            cache_stats=CacheStatsOut.of(report.cache),
            external_files=report.spill.files,
        )


def _mb(size_bytes: int) -> float:
    return round(size_bytes / BYTES_PER_MB, 1)
