"""Port: the current time, so that tests can fix it."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """A timezone-aware UTC moment."""
