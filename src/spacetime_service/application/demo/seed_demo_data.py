"""Use case: fill an empty database with a generated, reproducible demo catalog and order history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacetime_service.application.ports.catalog_loader import CatalogLoader, OrderRows, ProductRows
from spacetime_service.application.ports.demo_data_source import DemoDataSource, DemoDataSpec
from spacetime_service.domain.errors import Conflict, InvalidInput

MAX_PRODUCTS = 2_000_000
MAX_ORDERS = 200_000_000
MAX_SEED = 2**63 - 1
DEFAULT_CHUNK_ROWS = 50_000

Batch = TypeVar("Batch", ProductRows, OrderRows)
ProgressListener = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class SeedDemoDataCommand:
    products: int
    orders: int
    seed: int
    only_if_empty: bool = False


@dataclass(frozen=True, slots=True)
class SeedDemoDataResult:
    """How many rows were loaded; `skipped` when the database already held data and that was allowed."""

    products: int
    orders: int
    skipped: bool = False


class SeedDemoData:
    """Loads `products` generated products and `orders` generated orders into an empty catalog.

    The same sizes and seed always give the same rows. The load is all or nothing and reads the
    generator in chunks, so memory stays bounded by one chunk however large the history. A database
    that already holds products or orders is left alone: the command is skipped when `only_if_empty`
    says so, and refused with Conflict otherwise (generated ids would collide with existing ones).
    Orders need products to refer to; sizes and seed must be within bounds.
    """

    def __init__(
        self,
        source: DemoDataSource,
        loader: CatalogLoader,
        chunk_rows: int = DEFAULT_CHUNK_ROWS,
        on_progress: ProgressListener | None = None,
    ) -> None:
        self._source = source
        self._loader = loader
        self._chunk_rows = chunk_rows
        self._on_progress = on_progress

    def execute(self, command: SeedDemoDataCommand) -> SeedDemoDataResult:
        _validate(command)
        existing = self._loader.size()
        if not existing.is_empty:
            if command.only_if_empty:
                return SeedDemoDataResult(products=0, orders=0, skipped=True)
            raise Conflict(
                f"the database already holds {existing.products} products and {existing.orders} orders; "
                "demo data is only loaded into an empty database"
            )
        spec = DemoDataSpec(products=command.products, orders=command.orders, seed=command.seed)
        loaded = self._loader.load(
            self._reported("products", self._source.products(spec, self._chunk_rows)),
            self._reported("orders", self._source.orders(spec, self._chunk_rows)),
        )
        return SeedDemoDataResult(products=loaded.products, orders=loaded.orders)

    def _reported(self, table: str, batches: Iterable[Batch]) -> Iterator[Batch]:
        done = 0
        for batch in batches:
            yield batch
            done += len(batch)
            if self._on_progress is not None:
                self._on_progress(table, done)


def _validate(command: SeedDemoDataCommand) -> None:
    if not 0 <= command.products <= MAX_PRODUCTS:
        raise InvalidInput(f"products must be between 0 and {MAX_PRODUCTS}", field="products")
    if not 0 <= command.orders <= MAX_ORDERS:
        raise InvalidInput(f"orders must be between 0 and {MAX_ORDERS}", field="orders")
    if command.orders > 0 and command.products == 0:
        raise InvalidInput("orders need at least one product to refer to", field="products")
    if not 0 <= command.seed <= MAX_SEED:
        raise InvalidInput(f"seed must be between 0 and {MAX_SEED}", field="seed")
