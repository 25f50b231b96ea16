"""An in-memory RateLimiter on a test's clock; it passes the suite in tests/contracts/rate_limits/."""

from __future__ import annotations

import math
import threading
from collections import defaultdict, deque
from typing import TYPE_CHECKING

from spacetime_service.application.ports.rate_limiter import RateDecision

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.application.ports.clock import Clock


class FakeRateLimiter:
    """A moving window per key: the moments of the admitted events of the last `window_seconds`."""

    def __init__(self, clock: Clock, events_per_window: int, window_seconds: int = 60) -> None:
        self._clock = clock
        self._events = events_per_window
        self._window = window_seconds
        self._admitted: defaultdict[str, deque[datetime]] = defaultdict(deque)
        self._lock = threading.Lock()

    @property
    def events_per_window(self) -> int:
        return self._events

    @property
    def window_seconds(self) -> int:
        return self._window

    def admit(self, key: str) -> RateDecision:
        now = self._clock.now()
        with self._lock:
            moments = self._admitted[key]
            while moments and (now - moments[0]).total_seconds() >= self._window:
                moments.popleft()
            if len(moments) < self._events:
                moments.append(now)
                return RateDecision(admitted=True)
            waited = (now - moments[0]).total_seconds()
        return RateDecision(admitted=False, retry_after_seconds=max(1, math.ceil(self._window - waited)))
