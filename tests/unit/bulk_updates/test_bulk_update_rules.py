"""The rules of a bulk update: a filter that selects something, and operations within bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spacetime_service.application.bulk_updates.request_json import bulk_update_json, parse_bulk_update
from spacetime_service.domain.bulk_updates import (
    AddStock,
    BulkUpdate,
    BulkUpdateFilter,
    MultiplyPrice,
    Rounding,
    SetCategory,
    SetPrice,
)
from spacetime_service.domain.errors import InvalidInput
from tests.support.batch_datasets import products


def test_a_filter_needs_a_condition() -> None:
    with pytest.raises(InvalidInput):
        BulkUpdateFilter()


@pytest.mark.parametrize(
    "make",
    [
        lambda: BulkUpdateFilter(ids=tuple(range(10_001))),
        lambda: BulkUpdateFilter(category="weapons"),
        lambda: BulkUpdateFilter(min_price=Decimal(5), max_price=Decimal(1)),
        lambda: BulkUpdateFilter(ids=(1,), min_id=1),
        lambda: MultiplyPrice(Decimal(0)),
        lambda: MultiplyPrice(Decimal("1000.000001")),
        lambda: MultiplyPrice(Decimal("1.0000001")),
        lambda: SetPrice(Decimal("-1")),
        lambda: SetPrice(Decimal("1.001")),
        lambda: AddStock(0),
        lambda: SetCategory("=cmd"),
    ],
)
def test_out_of_bounds_requests_are_refused(make: object) -> None:
    with pytest.raises(InvalidInput):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("price", "factor", "rounding", "expected"),
    [
        ("0.05", "1.5", Rounding.HALF_EVEN, "0.08"),
        ("0.45", "0.5", Rounding.HALF_EVEN, "0.22"),
        ("0.45", "0.5", Rounding.HALF_UP, "0.23"),
        ("0.45", "0.5", Rounding.DOWN, "0.22"),
        ("0.99", "0.333333", Rounding.DOWN, "0.32"),
    ],
)
def test_multiplied_prices_round_to_cents(price: str, factor: str, rounding: Rounding, expected: str) -> None:
    product = products(1)[0]
    product = type(product)(
        **{**{s: getattr(product, s) for s in product.__slots__}, "price": Decimal(price)}
    )

    assert MultiplyPrice(Decimal(factor), rounding).applied(product).price == Decimal(expected)


def test_stock_is_clamped_at_zero() -> None:
    product = products(3)[2]  # stock 10
    assert AddStock(-25).applied(product).stock == 0


def test_the_json_form_round_trips_and_names_faulty_fields() -> None:
    update = BulkUpdate(
        BulkUpdateFilter(category="toys", ids=(3, 1)), MultiplyPrice(Decimal("1.10"), Rounding.DOWN)
    )

    assert parse_bulk_update(bulk_update_json(update)) == update
    with pytest.raises(InvalidInput) as refused:
        parse_bulk_update({"filter": {"min_id": 1}, "operation": {"type": "add_stock", "delta": "3"}})
    assert refused.value.field == "delta"
    with pytest.raises(InvalidInput):
        parse_bulk_update(
            {"filter": {"min_id": 1, "name": "x"}, "operation": {"type": "add_stock", "delta": 3}}
        )
