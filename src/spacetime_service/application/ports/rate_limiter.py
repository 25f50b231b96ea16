"""Port: a rate limit, counted per key (an owner), over a moving window.

The limit itself (how many events in how long) is the adapter's configuration; the port only admits
or refuses one event. A store shared by several processes makes the count hold across all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class RateDecision:
    """`admitted` False: the event was refused and not counted; `retry_after_seconds` (at least 1)
    says when the oldest counted event leaves the window, and so when the next one would be admitted."""

    admitted: bool
    retry_after_seconds: int = 0


@runtime_checkable
class RateLimiter(Protocol):
    @property
    def events_per_window(self) -> int:
        """How many events one key may have in a window."""

    @property
    def window_seconds(self) -> int:
        """The length of the moving window."""

    def admit(self, key: str) -> RateDecision:
        """Counts one event for `key` when fewer than `events_per_window` fell in the last
        `window_seconds`, and admits it; otherwise refuses it without counting it. Raises
        `Unavailable` when the store that keeps the counts cannot be reached."""
