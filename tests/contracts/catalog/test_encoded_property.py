"""Property: whatever text the products hold, every adapter's encoded stream is the reference
encoder's bytes, in CSV and NDJSON, in chunks small enough that every reader builds several."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import PRODUCT_COLUMNS, product_wire
from spacetime_service.domain.products import Product, ProductFilter
from tests.contracts.catalog.conftest import SqlHarness
from tests.contracts.catalog.datasets import BASE_TIME, Catalog

if TYPE_CHECKING:
    from tests.contracts.catalog.conftest import Harness

# What a spreadsheet would run or a CSV reader would split on, first, last and alone, mixed with
# anything else Unicode allows in a text column (PostgreSQL's text cannot hold NUL).
_HOSTILE = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", "\\", "é", "😀", "\u2028"])
_ANY = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_CELLS = st.lists(_HOSTILE | _ANY, max_size=12).map("".join)


def _products(cells: list[str], prices: list[int]) -> Catalog:
    products = tuple(
        Product(
            id=index * 3 + 1,
            sku=f"S{index}-{cell[:8]}",
            name=cell,
            description=cells[-1 - index],
            category=cell[:32],
            price=Decimal(prices[index % len(prices)]) / 100,
            stock=index,
            created_at=BASE_TIME + timedelta(seconds=index, microseconds=index * 250_001),
            updated_at=BASE_TIME + timedelta(days=index),
        )
        for index, cell in enumerate(cells)
    )
    return Catalog(products, ())


def _reload(harness: Harness, catalog: Catalog) -> None:
    if isinstance(harness, SqlHarness):
        with harness.engine.begin() as connection:
            connection.execute(text("DELETE FROM orders"))
            connection.execute(text("DELETE FROM products"))
    harness.load(catalog)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(_CELLS, min_size=1, max_size=30),
    prices=st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=5),
    wire_format=st.sampled_from(WireFormat),
)
def test_any_text_is_encoded_as_the_reference_does(
    catalog: Harness, cells: list[str], prices: list[int], wire_format: WireFormat
) -> None:
    data = _products(cells, prices)
    _reload(catalog, data)
    encoding = TableEncoding(wire_format, PRODUCT_COLUMNS, chunk_bytes=256)

    with catalog.uow() as uow:
        chunks = list(uow.products.encoded(ProductFilter(), encoding))

    rows = [product_wire(product) for product in data.products]
    assert b"".join(chunks) == b"".join(encode_rows(rows, encoding))
    assert all(chunk.endswith(b"\n") for chunk in chunks)
