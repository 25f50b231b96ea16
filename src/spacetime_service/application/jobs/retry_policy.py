"""Which faults of a job are retried, how many times, and how long an attempt waits before each.

A transient fault is `Unavailable`: a lost or busy database, a pool with no connection free in time,
a broker hiccup, a full disk. Adapters translate their library's errors into it, so the engine
recognises one without knowing any adapter. It passes by itself, so the job is retried from its last
checkpoint, up to `max_retries` times over its life; the retry after that fails it with the fault's
detail. Any other `DomainError` (bad request data, a conflict, a missing input) and any unexpected
error (a bug) are the job's own: they would come back from the same checkpoint, so they fail the job
at once.

The wait before retry n is exponential with jitter: half of `first_delay_seconds * 2**(n - 1)`
(capped at `max_delay_seconds`) plus a random part of up to the other half, so retries spread out
instead of meeting a recovering database all at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput, Unavailable

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_MAX_RETRIES = 5


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """`uniform` returns a number in [0, 1); it is the jitter's source, replaceable in tests."""

    max_retries: int = DEFAULT_MAX_RETRIES
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 60.0
    uniform: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise InvalidInput("a job is retried zero or more times", field="max_retries")
        if not 0 <= self.first_delay_seconds <= self.max_delay_seconds:
            raise InvalidInput(
                "retry delays are not negative, and the first is at most the longest", field="retry_delay"
            )

    @staticmethod
    def is_transient(error: BaseException) -> bool:
        """Whether `error` passes by itself (retry) rather than being the job's own (fail)."""
        return isinstance(error, Unavailable)

    def allows(self, retry: int) -> bool:
        """Whether a job may be retried an `retry`-th time (1 for the first retry)."""
        return retry <= self.max_retries

    def delay_seconds(self, retry: int) -> float:
        """How long to wait before the `retry`-th retry: exponential, capped, half of it jitter."""
        ceiling = min(self.max_delay_seconds, self.first_delay_seconds * 2.0 ** min(64, max(0, retry - 1)))
        return ceiling / 2 + self.uniform() * ceiling / 2
