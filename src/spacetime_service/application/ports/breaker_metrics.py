"""Port: what the memory circuit breaker reports, for operators' dashboards."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class BreakerMetrics(Protocol):
    def checked(self, *, is_open: bool) -> None:
        """The breaker's state after a check."""

    def refused(self) -> None:
        """A piece of heavy work was refused while the breaker was open."""
