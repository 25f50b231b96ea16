"""Port: whether a dependency the service needs can answer."""

from __future__ import annotations

from typing import Protocol


class HealthProbe(Protocol):
    name: str

    def check(self) -> str | None:
        """None when healthy, else a short reason."""
