"""The body of the memory endpoint: use against the budget, the breaker, chunk sizes and spill files."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from spacetime_service.application.memory.describe_memory import MemoryReport
from spacetime_service.domain.memory import MemoryPressure


class SpillOut(BaseModel):
    directory_files: int
    directory_bytes: int


class ChunkOut(BaseModel):
    strategy: str
    sample_rows: int
    rows_per_chunk: int


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
        )
