"""The rate limiters the contract suite runs against: the fake, and the `limits` adapter in memory and
on the test Redis. Each case gets keys of its own (a fresh namespace), so that cases sharing a Redis
database never count each other's events."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from spacetime_service.adapters.limits.rate_limiter import MEMORY_STORAGE_URL, LimitsRateLimiter
from spacetime_service.application.ports.rate_limiter import RateLimiter
from tests.fakes.jobs import FixedClock
from tests.fakes.rate_limiter import FakeRateLimiter

EVENTS = 3
WINDOW_SECONDS = 60

LimiterFactory = Callable[[pytest.FixtureRequest], RateLimiter]


def _fake(request: pytest.FixtureRequest) -> RateLimiter:
    return FakeRateLimiter(FixedClock(), EVENTS, WINDOW_SECONDS)


def _limits(storage: str) -> LimiterFactory:
    def build(request: pytest.FixtureRequest) -> RateLimiter:
        url = MEMORY_STORAGE_URL if storage == "memory" else request.getfixturevalue("redis_url")
        return LimitsRateLimiter(url, EVENTS, WINDOW_SECONDS, namespace=f"test-{uuid.uuid4().hex}")

    return build


RATE_LIMITERS: list[Any] = [
    pytest.param(_fake, id="fake"),
    pytest.param(_limits("memory"), id="limits-memory"),
    pytest.param(_limits("redis"), id="limits-redis", marks=pytest.mark.redis),
]


@pytest.fixture(params=RATE_LIMITERS)
def rate_limiter(request: pytest.FixtureRequest) -> RateLimiter:
    factory: LimiterFactory = request.param
    return factory(request)
