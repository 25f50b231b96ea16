"""RateLimiter contract: a moving window of admitted events per key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ports.rate_limiter import RateDecision
from tests.contracts.rate_limits.conftest import EVENTS, WINDOW_SECONDS

if TYPE_CHECKING:
    from spacetime_service.application.ports.rate_limiter import RateLimiter


def test_it_tells_its_limit(rate_limiter: RateLimiter) -> None:
    assert (rate_limiter.events_per_window, rate_limiter.window_seconds) == (EVENTS, WINDOW_SECONDS)


def test_events_up_to_the_limit_are_admitted(rate_limiter: RateLimiter) -> None:
    assert [rate_limiter.admit("alice") for _ in range(EVENTS)] == [RateDecision(admitted=True)] * EVENTS


def test_the_event_past_the_limit_is_refused_until_the_window_moves_on(rate_limiter: RateLimiter) -> None:
    for _ in range(EVENTS):
        rate_limiter.admit("alice")

    refused = rate_limiter.admit("alice")

    assert not refused.admitted
    assert 1 <= refused.retry_after_seconds <= WINDOW_SECONDS


def test_refusals_go_on_while_the_window_is_full(rate_limiter: RateLimiter) -> None:
    for _ in range(EVENTS):
        rate_limiter.admit("alice")

    assert [rate_limiter.admit("alice").admitted for _ in range(3)] == [False] * 3


def test_each_key_has_its_own_count(rate_limiter: RateLimiter) -> None:
    for _ in range(EVENTS):
        rate_limiter.admit("alice")

    assert rate_limiter.admit("bob").admitted
    assert not rate_limiter.admit("alice").admitted
