"""Port: products written by sku, many at once: new skus are inserted, known ones updated in place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.imports import ImportRecord


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """Of the records written: `inserted` had a new sku, `updated` changed the product with their sku,
    `unchanged` matched it value for value (so it was left alone)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.inserted + self.updated + self.unchanged


@runtime_checkable
class ProductUpserter(Protocol):
    """Works inside the unit of work's transaction."""

    def upsert(self, records: Sequence[ImportRecord], now: datetime) -> UpsertCounts:
        """Makes the product with each record's sku hold the record's values: a new sku becomes a new
        product (created_at = updated_at = now); a known one is updated (updated_at = now) when a
        value differs and left alone otherwise. The skus of `records` are distinct."""
