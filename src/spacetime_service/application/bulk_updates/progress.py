"""How far a bulk update got: the checkpoint it commits with each chunk."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject

_FIELDS = ("last_id", "changed", "total", "chunk_rows")


@dataclass(frozen=True, slots=True)
class BulkUpdateProgress:
    """Every product with id <= `last_id` is done; `changed` of them changed. `total` is how many the
    update would change when it started, and `chunk_rows` the chunk size it chose then."""

    last_id: int
    changed: int
    total: int
    chunk_rows: int

    def advanced(self, last_id: int, changed: int) -> BulkUpdateProgress:
        return replace(self, last_id=last_id, changed=self.changed + changed)

    def to_checkpoint(self) -> JsonObject:
        return {
            "last_id": self.last_id,
            "changed": self.changed,
            "total": self.total,
            "chunk_rows": self.chunk_rows,
        }

    @classmethod
    def from_checkpoint(cls, checkpoint: JsonObject | None) -> BulkUpdateProgress | None:
        if checkpoint is None:
            return None
        values = [checkpoint.get(name) for name in _FIELDS]
        numbers = [value for value in values if isinstance(value, int) and not isinstance(value, bool)]
        if len(numbers) != len(_FIELDS) or min(numbers) < 0 or numbers[3] < 1:
            raise ValueError(f"a bulk update checkpoint holds {', '.join(_FIELDS)}: {checkpoint!r}")
        return cls(*numbers)
