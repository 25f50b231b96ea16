"""How far an import got: the checkpoint it commits with each chunk."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.application.ports.product_upserter import UpsertCounts
    from spacetime_service.domain.jobs.json_value import JsonObject

_FIELDS = ("offset", "rows", "inserted", "updated", "unchanged", "chunk_rows")


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """The first `rows` staged lines, `offset` bytes of the staged file, are in the catalog: `inserted`
    were new skus, `updated` changed a product, `unchanged` matched one exactly. `chunk_rows` is the
    chunk size chosen when the job started."""

    offset: int
    rows: int
    inserted: int
    updated: int
    unchanged: int
    chunk_rows: int

    def advanced(self, size: int, counts: UpsertCounts) -> ImportProgress:
        return replace(
            self,
            offset=self.offset + size,
            rows=self.rows + counts.rows,
            inserted=self.inserted + counts.inserted,
            updated=self.updated + counts.updated,
            unchanged=self.unchanged + counts.unchanged,
        )

    def to_checkpoint(self) -> JsonObject:
        return {name: getattr(self, name) for name in _FIELDS}

    def result(self) -> JsonObject:
        return {"inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged}

    @classmethod
    def from_checkpoint(cls, checkpoint: JsonObject | None) -> ImportProgress | None:
        if checkpoint is None:
            return None
        values = [checkpoint.get(name) for name in _FIELDS]
        numbers = [value for value in values if isinstance(value, int) and not isinstance(value, bool)]
        if len(numbers) != len(_FIELDS) or min(numbers) < 0 or numbers[-1] < 1:
            raise ValueError(f"an import checkpoint holds {', '.join(_FIELDS)}: {checkpoint!r}")
        return cls(*numbers)
