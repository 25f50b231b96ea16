"""A RateLimiter on the `limits` library's moving window, in memory or in a shared Redis."""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from spacetime_service.application.ports.rate_limiter import RateDecision
from spacetime_service.domain.errors import Unavailable

MEMORY_STORAGE_URL = "memory://"
# A Redis that does not answer must not hold a submission for long: it is refused (503) instead.
_REDIS_TIMEOUT_SECONDS = 2.0
_RETRY_AFTER_STORE_DOWN_SECONDS = 5


class LimitsRateLimiter:
    """At most `events_per_window` events per key in any `window_seconds`, counted in the storage that
    `storage_url` names: `memory://` (this process only) or `redis://host:port/db` (every process that
    names the same database shares the counts). `namespace` keeps different limits' keys apart."""

    def __init__(
        self, storage_url: str, events_per_window: int, window_seconds: int, *, namespace: str
    ) -> None:
        if events_per_window < 1 or window_seconds < 1:
            raise ValueError("a rate limit needs at least one event in a window of at least one second")
        self._storage = _storage(storage_url)
        self._strategy = MovingWindowRateLimiter(self._storage)
        self._item = RateLimitItemPerSecond(events_per_window, window_seconds)
        self._namespace = namespace
        self._events = events_per_window
        self._window = window_seconds

    @property
    def events_per_window(self) -> int:
        return self._events

    @property
    def window_seconds(self) -> int:
        return self._window

    def admit(self, key: str) -> RateDecision:
        try:
            if self._strategy.hit(self._item, self._namespace, key):
                return RateDecision(admitted=True)
            reset_at = self._strategy.get_window_stats(self._item, self._namespace, key).reset_time
        except StorageError as error:
            raise Unavailable(
                f"the rate limit store cannot be reached ({type(error.storage_error).__name__})",
                retry_after_seconds=_RETRY_AFTER_STORE_DOWN_SECONDS,
            ) from error
        return RateDecision(admitted=False, retry_after_seconds=max(1, math.ceil(reset_at - time.time())))


def _storage(url: str) -> Storage:
    # Errors come wrapped in StorageError, whatever the driver raised, so that one except clause
    # turns every kind of store failure into Unavailable.
    if url == MEMORY_STORAGE_URL:
        return MemoryStorage(wrap_exceptions=True)
    storage = storage_from_string(
        url,
        wrap_exceptions=True,
        socket_timeout=_REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=_REDIS_TIMEOUT_SECONDS,
    )
    if not isinstance(storage, Storage):
        raise ValueError(f"{url.partition(':')[0]}: is an asynchronous storage; use memory:// or redis://")
    return storage
