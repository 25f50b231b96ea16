"""Metrics recorders that keep what they are told, for tests to read back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class RecordingJobMetrics:
    """Counts every call by (event, kind, ...) and keeps the chunk and job durations."""

    events: Counter[tuple[str, ...]] = field(default_factory=Counter)
    chunk_seconds: list[float] = field(default_factory=list)
    job_seconds: list[float | None] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)
    bytes_processed: Counter[str] = field(default_factory=Counter)

    def job_submitted(self, kind: str) -> None:
        self.events["submitted", kind] += 1

    def job_finished(self, kind: str, outcome: str, seconds: float | None) -> None:
        self.events["finished", kind, outcome] += 1
        self.job_seconds.append(seconds)

    def chunk_committed(self, kind: str, seconds: float, rows: int, bytes_processed: int) -> None:
        self.events["chunk", kind] += 1
        self.chunk_seconds.append(seconds)
        self.rows[kind] += rows
        self.bytes_processed[kind] += bytes_processed

    def attempt_resumed(self, kind: str) -> None:
        self.events["resumed", kind] += 1

    def lease_expired(self, kind: str) -> None:
        self.events["lease_expired", kind] += 1

    def job_retried(self, kind: str) -> None:
        self.events["retried", kind] += 1


@dataclass
class RecordingCacheMetrics:
    hits: int = 0
    misses: int = 0
    evictions: int = 0
    sizes: list[tuple[int, int]] = field(default_factory=list)

    def looked_up(self, *, hit: bool) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    def evicted(self, entries: int) -> None:
        self.evictions += entries

    def resized(self, size_bytes: int, entries: int) -> None:
        self.sizes.append((size_bytes, entries))


@dataclass
class RecordingBreakerMetrics:
    states: list[bool] = field(default_factory=list)
    refusals: int = 0

    def checked(self, *, is_open: bool) -> None:
        self.states.append(is_open)

    def refused(self) -> None:
        self.refusals += 1
