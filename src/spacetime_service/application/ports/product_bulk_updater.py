"""Port: set-based changes to many products at once, walked in id order (keyset chunks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.bulk_updates import BulkUpdate


@dataclass(frozen=True, slots=True)
class ChunkEnd:
    """The last id of a chunk and how many products of it the update changes."""

    last_id: int
    rows: int


@runtime_checkable
class ProductBulkUpdater(Protocol):
    """Every method works inside the unit of work's transaction. "Would change" means: matches the
    update's filter, and at least one value differs after the operation (see domain.bulk_update)."""

    def max_id(self) -> int:
        """The largest product id, 0 when there is no product."""

    def count_changes(self, update: BulkUpdate, upto_id: int) -> int:
        """How many products with id <= upto_id the update would change."""

    def next_chunk_end(self, update: BulkUpdate, after_id: int, upto_id: int, limit: int) -> ChunkEnd | None:
        """Of the products with after_id < id <= upto_id that the update would change, the first
        `limit` in id order: the id of the last one and their number; None when none is left."""

    def apply(self, update: BulkUpdate, after_id: int, upto_id: int, now: datetime) -> int:
        """Changes, in one set-based statement, every product with after_id < id <= upto_id that the
        update would change, setting its updated_at to `now`; returns how many changed."""
