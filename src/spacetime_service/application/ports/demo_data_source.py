"""Port: an endless supply of realistic, reproducible demo catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.catalog_loader import OrderRows, ProductRows

# The order history ends here unless told otherwise: a fixed moment, so that a seed always yields the
# same rows whatever the day the data is generated on.
DEFAULT_HISTORY_END = datetime(2025, 7, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class DemoDataSpec:
    """Everything the generated rows depend on: the same spec gives the same rows, byte for byte."""

    products: int
    orders: int
    seed: int
    history_end: datetime = DEFAULT_HISTORY_END


class DemoDataSource(Protocol):
    def products(self, spec: DemoDataSpec, chunk_rows: int) -> Iterator[ProductRows]:
        """Products with ids 1..spec.products, in id order, at most `chunk_rows` per batch.

        The rows do not depend on `chunk_rows`: only the batch boundaries do.
        """

    def orders(self, spec: DemoDataSpec, chunk_rows: int) -> Iterator[OrderRows]:
        """Orders with ids 1..spec.orders, in id order and time order, naming products of the spec."""
