"""The `limits` rate limiter on a real Redis: every process that names the same Redis shares one count
per key, and a Redis that cannot be reached refuses the event as Unavailable instead of admitting it."""

from __future__ import annotations

import socket
import uuid

import pytest

from spacetime_service.adapters.limits.rate_limiter import MEMORY_STORAGE_URL, LimitsRateLimiter
from spacetime_service.domain.errors import Unavailable

EVENTS = 4
WINDOW_SECONDS = 60


@pytest.mark.redis
def test_two_limiters_on_one_redis_share_the_count(redis_url: str) -> None:
    # Two instances, each with its own connection pool, stand for two API processes.
    namespace = f"test-{uuid.uuid4().hex}"
    first = LimitsRateLimiter(redis_url, EVENTS, WINDOW_SECONDS, namespace=namespace)
    second = LimitsRateLimiter(redis_url, EVENTS, WINDOW_SECONDS, namespace=namespace)

    admitted = [limiter.admit("alice").admitted for limiter in (first, second, first, second)]

    assert admitted == [True] * EVENTS
    assert not first.admit("alice").admitted
    assert not second.admit("alice").admitted


def test_limiters_in_memory_count_apart() -> None:
    first = LimitsRateLimiter(MEMORY_STORAGE_URL, EVENTS, WINDOW_SECONDS, namespace="submissions")
    second = LimitsRateLimiter(MEMORY_STORAGE_URL, EVENTS, WINDOW_SECONDS, namespace="submissions")
    for _ in range(EVENTS):
        first.admit("alice")

    assert second.admit("alice").admitted


def test_an_unreachable_redis_is_unavailable() -> None:
    limiter = LimitsRateLimiter(_closed_port_url(), EVENTS, WINDOW_SECONDS, namespace="submissions")

    with pytest.raises(Unavailable) as refused:
        limiter.admit("alice")

    assert refused.value.retry_after_seconds >= 1


def _closed_port_url() -> str:
    """A Redis URL on a local port that nothing listens on: bound and closed again at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
