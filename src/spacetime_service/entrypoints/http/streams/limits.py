"""Caps on open streams: per client, so that a few clients cannot hold every database connection of the
pool, and per process across all clients, so that the process bounds the streams it serves at once."""

from __future__ import annotations

import threading
import time
from collections import Counter

from spacetime_service.entrypoints.http.problems.refusal import RequestRefused
from spacetime_service.entrypoints.http.streams import stream_metrics

STREAM_RETRY_AFTER_SECONDS = 5


class TooManyStreams(RequestRefused):
    """The client already has as many streams open as it may (429 in the problems' error map)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"at most {limit} streams may be open at once per client; close one and retry",
            retry_after_seconds=STREAM_RETRY_AFTER_SECONDS,
        )


class StreamsBusy(RequestRefused):
    """The process already serves as many streams as it may, across all clients (503 in the problems'
    error map)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the service already serves its {limit} streams at once; retry later",
            retry_after_seconds=STREAM_RETRY_AFTER_SECONDS,
        )


class StreamSlot:
    """One open stream of a client; releasing it twice releases it once."""

    def __init__(self, limiter: StreamLimiter, client: str) -> None:
        self._limiter = limiter
        self._client = client
        self._released = False
        self._taken_at = time.monotonic()

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._limiter._release(self._client)
            stream_metrics.PROCESSING.observe(time.monotonic() - self._taken_at)


class StreamLimiter:
    """Counts open streams per client key (the client's IP address) and in all. The counts are per
    process: with several workers a client may hold up to `limit` streams in each, and each worker
    serves up to `total_limit` (no cap in all when it is None). Every outcome and the open streams are
    counted in the stream metrics."""

    def __init__(self, limit: int, total_limit: int | None = None) -> None:
        if limit < 1 or (total_limit is not None and total_limit < 1):
            raise ValueError("the limit must allow at least one stream")
        self._limit = limit
        self._total_limit = total_limit
        self._open: Counter[str] = Counter()
        self._total = 0
        self._lock = threading.Lock()

    def acquire(self, client: str) -> StreamSlot:
        """A slot for one more stream of this client; TooManyStreams past the client's cap, then
        StreamsBusy past the process's."""
        with self._lock:
            if self._open[client] >= self._limit:
                stream_metrics.STREAM_REQUESTS.labels(stream_metrics.REFUSED_FOR_CLIENT).inc()
                raise TooManyStreams(self._limit)
            if self._total_limit is not None and self._total >= self._total_limit:
                stream_metrics.STREAM_REQUESTS.labels(stream_metrics.REFUSED_BUSY).inc()
                raise StreamsBusy(self._total_limit)
            self._open[client] += 1
            self._total += 1
        stream_metrics.STREAM_REQUESTS.labels(stream_metrics.OPENED).inc()
        stream_metrics.OPEN_STREAMS.inc()
        return StreamSlot(self, client)

    def open_total(self) -> int:
        with self._lock:
            return self._total

    def open_streams(self, client: str) -> int:
        with self._lock:
            return self._open[client]

    def _release(self, client: str) -> None:
        with self._lock:
            self._open[client] -= 1
            self._total -= 1
            if self._open[client] <= 0:
                del self._open[client]
        stream_metrics.OPEN_STREAMS.dec()
