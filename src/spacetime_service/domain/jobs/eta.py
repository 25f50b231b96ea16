"""Estimated time to completion from a moving average of throughput.

The rate is an exponentially weighted moving average of units per second, weighted by time rather than
by report: a sample that covers `elapsed` seconds moves the average by `1 - 0.5 ** (elapsed / half_life)`.
Chunks of uneven duration then count in proportion to the time they took, and the estimate forgets
old speeds at the same pace whatever the chunk size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.jobs.progress import Progress

DEFAULT_HALF_LIFE_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class ThroughputEstimate:
    """Units per second, None until two observations some time apart are known."""

    half_life_seconds: float = DEFAULT_HALF_LIFE_SECONDS
    rate: float | None = None
    last_done: int | None = None
    last_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.half_life_seconds <= 0:
            raise InvalidInput("the half-life of the throughput average must be positive")

    def observe(self, done: int, at: datetime) -> ThroughputEstimate:
        """The estimate after seeing `done` units finished at `at`."""
        if self.last_done is None or self.last_at is None or done < self.last_done:
            # First sight, or the count restarted: only a new baseline is known, no speed yet.
            return replace(self, last_done=done, last_at=at)
        elapsed = (at - self.last_at).total_seconds()
        if elapsed <= 0:
            # No time passed: keep the older baseline so the next sample covers these units too.
            return self
        sample = (done - self.last_done) / elapsed
        weight = 1.0 - 0.5 ** (elapsed / self.half_life_seconds)
        rate = sample if self.rate is None else self.rate + weight * (sample - self.rate)
        return replace(self, rate=rate, last_done=done, last_at=at)

    def eta_seconds(self, progress: Progress) -> float | None:
        """Seconds left at the average rate; 0 when done; None without a total or a positive rate."""
        remaining = progress.remaining
        if remaining is None:
            return None
        if remaining == 0:
            return 0.0
        if not self.rate or self.rate <= 0:
            return None
        return remaining / self.rate
