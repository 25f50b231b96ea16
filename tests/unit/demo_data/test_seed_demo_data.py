"""SeedDemoData with the real generator and the in-memory loader."""

from __future__ import annotations

import pytest

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.application.demo.seed_demo_data import (
    SeedDemoData,
    SeedDemoDataCommand,
    SeedDemoDataResult,
)
from spacetime_service.application.ports.catalog_loader import CatalogSize
from spacetime_service.domain.errors import Conflict, InvalidInput
from tests.fakes.catalog_loader import InMemoryCatalogLoader


def _seeder(loader: InMemoryCatalogLoader, progress: list[tuple[str, int]] | None = None) -> SeedDemoData:
    listener = None if progress is None else (lambda table, done: progress.append((table, done)))
    return SeedDemoData(NumpyDemoDataSource(), loader, chunk_rows=400, on_progress=listener)


def test_an_empty_store_receives_the_requested_sizes_reported_chunk_by_chunk() -> None:
    loader = InMemoryCatalogLoader()
    progress: list[tuple[str, int]] = []

    result = _seeder(loader, progress).execute(SeedDemoDataCommand(products=500, orders=1_000, seed=3))

    assert result == SeedDemoDataResult(products=500, orders=1_000)
    assert loader.size() == CatalogSize(products=500, orders=1_000)
    assert progress == [
        ("products", 400),
        ("products", 500),
        ("orders", 400),
        ("orders", 800),
        ("orders", 1_000),
    ]


def test_a_store_with_data_is_skipped_when_allowed_and_refused_otherwise() -> None:
    loader = InMemoryCatalogLoader()
    _seeder(loader).execute(SeedDemoDataCommand(products=10, orders=20, seed=1))

    skipped = _seeder(loader).execute(SeedDemoDataCommand(products=10, orders=20, seed=2, only_if_empty=True))
    assert skipped == SeedDemoDataResult(products=0, orders=0, skipped=True)
    with pytest.raises(Conflict, match="already holds 10 products and 20 orders"):
        _seeder(loader).execute(SeedDemoDataCommand(products=10, orders=20, seed=2))
    assert loader.size() == CatalogSize(products=10, orders=20)


@pytest.mark.parametrize(
    ("products", "orders", "seed", "field"),
    [
        (-1, 0, 1, "products"),
        (0, 5, 1, "products"),
        (1, -1, 1, "orders"),
        (1, 1, -1, "seed"),
        (10**9, 1, 1, "products"),
    ],
)
def test_sizes_and_seed_out_of_bounds_are_invalid(products: int, orders: int, seed: int, field: str) -> None:
    loader = InMemoryCatalogLoader()
    with pytest.raises(InvalidInput) as raised:
        _seeder(loader).execute(SeedDemoDataCommand(products=products, orders=orders, seed=seed))
    assert raised.value.field == field
    assert loader.size().is_empty


def test_products_without_orders_are_fine() -> None:
    loader = InMemoryCatalogLoader()
    assert _seeder(loader).execute(SeedDemoDataCommand(products=3, orders=0, seed=1)).orders == 0
    assert loader.size() == CatalogSize(products=3, orders=0)
