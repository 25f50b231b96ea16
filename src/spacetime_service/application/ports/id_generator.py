"""Port: new identifiers, so that tests can fix them."""

from __future__ import annotations

from typing import Protocol


class IdGenerator(Protocol):
    def new_id(self) -> str:
        """A new, unique identifier (a UUID's canonical text in production)."""
