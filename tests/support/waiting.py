"""Polling with a deadline: a test waits for a state it cannot be told about, and the deadline bounds the
wait (a broken service fails the test instead of hanging it) without asserting how long anything took."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

DEFAULT_SECONDS = 120.0


def wait_until(
    probe: Callable[[], T | None], what: str, *, seconds: float = DEFAULT_SECONDS, every: float = 0.1
) -> T:
    """The first value of `probe()` that is not None; AssertionError naming `what` once `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds} s")
        time.sleep(every)


def eventually(condition: Callable[[], bool], *, seconds: float = 10.0, every: float = 0.1) -> bool:
    """Whether `condition()` holds at some poll before `seconds` pass; the caller asserts on the answer."""
    try:
        wait_until(lambda: True if condition() else None, "the condition", seconds=seconds, every=every)
    except AssertionError:
        return False
    return True
