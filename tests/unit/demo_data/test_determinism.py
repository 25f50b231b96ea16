"""The generator's rows depend on the spec alone: not on the chunk size, not on the day it runs."""

from __future__ import annotations

from dataclasses import astuple
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import pytest

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.demo_data.row_hash import RowHash
from spacetime_service.application.ports.demo_data_source import DemoDataSpec

if TYPE_CHECKING:
    from spacetime_service.application.ports.catalog_loader import OrderRows, ProductRows

SPEC = DemoDataSpec(products=1_000, orders=20_000, seed=7)
SOURCE = NumpyDemoDataSource()


def _rows(batches: list[ProductRows] | list[OrderRows]) -> list[tuple[object, ...]]:
    """Row tuples out of column batches."""
    return list(chain.from_iterable(zip(*astuple(batch), strict=True) for batch in batches))


@pytest.mark.parametrize(("chunk_a", "chunk_b"), [(1_000_000, 97), (256, 4_999)])
def test_products_and_orders_do_not_depend_on_the_chunk_size(chunk_a: int, chunk_b: int) -> None:
    assert _rows(list(SOURCE.products(SPEC, chunk_a))) == _rows(list(SOURCE.products(SPEC, chunk_b)))
    assert _rows(list(SOURCE.orders(SPEC, chunk_a))) == _rows(list(SOURCE.orders(SPEC, chunk_b)))


def test_batches_hold_at_most_chunk_rows_and_ids_run_from_one() -> None:
    batches = list(SOURCE.orders(SPEC, 3_000))

    assert [len(batch) for batch in batches] == [3_000] * 6 + [2_000]
    assert list(chain.from_iterable(batch.ids for batch in batches)) == list(range(1, 20_001))


def test_another_seed_gives_other_rows() -> None:
    other = DemoDataSpec(products=1_000, orders=20_000, seed=8)

    first = next(SOURCE.orders(SPEC, 1_000))
    second = next(SOURCE.orders(other, 1_000))

    assert first.product_ids != second.product_ids
    assert first.customer_ids != second.customer_ids


def test_the_same_spec_gives_the_same_rows_twice() -> None:
    assert _rows(list(SOURCE.orders(SPEC, 5_000))) == _rows(list(SOURCE.orders(SPEC, 5_000)))


def test_row_hash_is_a_function_of_the_id_alone() -> None:
    hashes = RowHash(seed=1)
    ids = np.arange(1, 1_001, dtype=np.int64)

    whole = hashes.uniform("s", ids)
    part = hashes.uniform("s", ids[500:510])

    assert np.array_equal(whole[500:510], part)
    assert whole.min() >= 0.0
    assert whole.max() < 1.0
    assert not np.array_equal(whole, hashes.uniform("t", ids))
