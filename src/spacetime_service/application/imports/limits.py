"""How much one upload may hold."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """An upload is at most `max_body_bytes` long, each of its lines at most `max_line_bytes`, and it
    holds at most `max_rows` products."""

    max_body_bytes: int = 1 << 30
    max_line_bytes: int = 64 * 1024
    max_rows: int = 5_000_000

    def __post_init__(self) -> None:
        if min(self.max_body_bytes, self.max_line_bytes, self.max_rows) < 1:
            raise ValueError("import limits must be positive")
