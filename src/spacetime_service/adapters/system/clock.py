"""The wall clock, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """A Clock that reads the system's time, always timezone-aware UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)
