"""How far a job has come, in the unit its handler counts (rows, bytes, batches)."""

from __future__ import annotations

from dataclasses import dataclass

from spacetime_service.domain.errors import InvalidInput

MAX_UNIT_LENGTH = 32


@dataclass(frozen=True, slots=True)
class Progress:
    """`done` units of `total`; `total` is None while unknown. `done` may exceed an estimated total."""

    done: int = 0
    total: int | None = None
    unit: str = ""

    def __post_init__(self) -> None:
        if self.done < 0:
            raise InvalidInput("progress cannot be negative", field="done")
        if self.total is not None and self.total < 0:
            raise InvalidInput("a total cannot be negative", field="total")
        if len(self.unit) > MAX_UNIT_LENGTH:
            raise InvalidInput(f"a progress unit has at most {MAX_UNIT_LENGTH} characters", field="unit")

    @property
    def fraction(self) -> float | None:
        """Share done between 0.0 and 1.0, or None without a total."""
        if self.total is None:
            return None
        if self.total == 0:
            return 1.0
        return min(1.0, self.done / self.total)

    @property
    def remaining(self) -> int | None:
        return None if self.total is None else max(0, self.total - self.done)
