"""Property: whatever amounts and times the orders hold, in whichever columns and order, every adapter's
encoded stream is the reference encoder's bytes. The lines are built from each column's own output
(money as a scaled numeric, a time truncated to its second), so the edges are exact cents, every
fraction of a second and a time anywhere in the line, or alone."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import ORDER_COLUMNS, order_wire
from spacetime_service.domain.orders import Order, OrderFilter, OrderStatus
from tests.contracts.catalog.datasets import Catalog, tricky_catalog
from tests.contracts.catalog.test_encoded_property import _reload

if TYPE_CHECKING:
    from tests.contracts.catalog.conftest import Harness

_PRODUCTS = tricky_catalog().products
# hypothesis takes naive bounds; `timezones` makes every value UTC
_EARLIEST = datetime(1970, 1, 1)  # noqa: DTZ001
_LATEST = datetime(9999, 12, 30)  # noqa: DTZ001
_ORDERS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10**12),  # cents
        st.datetimes(min_value=_EARLIEST, max_value=_LATEST, timezones=st.just(UTC)),
        st.integers(min_value=0, max_value=2**31 - 1),
        st.integers(min_value=1, max_value=2**31 - 1),
        st.sampled_from(OrderStatus),
    ),
    min_size=1,
    max_size=40,
)
_COLUMNS = st.permutations(ORDER_COLUMNS).flatmap(
    lambda columns: st.integers(min_value=1, max_value=len(columns)).map(lambda size: tuple(columns[:size]))
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orders=_ORDERS, columns=_COLUMNS, wire_format=st.sampled_from(WireFormat))
def test_any_amount_and_time_is_encoded_as_the_reference_does(
    catalog: Harness,
    orders: list[tuple[int, datetime, int, int, OrderStatus]],
    columns: tuple[str, ...],
    wire_format: WireFormat,
) -> None:
    data = Catalog(
        _PRODUCTS,
        tuple(
            Order(
                id=index * 7 + 1,
                customer_id=customer,
                product_id=_PRODUCTS[index % len(_PRODUCTS)].id,
                quantity=quantity,
                unit_price=Decimal(cents) / 100,
                status=status,
                created_at=moment,
            )
            for index, (cents, moment, customer, quantity, status) in enumerate(orders)
        ),
    )
    _reload(catalog, data)
    encoding = TableEncoding(wire_format, columns, chunk_bytes=256)

    with catalog.uow() as uow:
        chunks = list(uow.orders.encoded(OrderFilter(), encoding))

    rows = [order_wire(order) for order in data.orders]
    assert b"".join(chunks) == b"".join(encode_rows(rows, encoding))
    assert all(chunk.endswith(b"\n") for chunk in chunks)
