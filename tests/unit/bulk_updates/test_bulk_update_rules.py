"""The rules of a bulk update: a filter that selects something, and operations within bounds."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from spacetime_service.application.bulk_updates.request_json import bulk_update_json, parse_bulk_update
from spacetime_service.domain.bulk_updates import (
    MAX_FACTOR,
    AddStock,
    BulkUpdate,
    BulkUpdateFilter,
    MultiplyPrice,
    Rounding,
    SetCategory,
    SetPrice,
)
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import MAX_MONEY
from spacetime_service.domain.products import MAX_STOCK
from spacetime_service.domain.ranges import MAX_ID
from tests.support.batch_datasets import products

ADD_ONE = {"type": "add_stock", "delta": 1}


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


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"filter": {"min_id": 99999999999999999999999}, "operation": ADD_ONE}, "min_id"),
        ({"filter": {"max_id": 2**63}, "operation": ADD_ONE}, "max_id"),
        ({"filter": {"ids": [1, 2**63]}, "operation": ADD_ONE}, "ids"),
        ({"filter": {"min_stock": 2**31}, "operation": ADD_ONE}, "min_stock"),
        ({"filter": {"max_price": 1e400}, "operation": ADD_ONE}, "max_price"),
        ({"filter": {"min_price": "99999999999999999999999.99"}, "operation": ADD_ONE}, "min_price"),
        ({"filter": {"min_id": 1}, "operation": {"type": "set_price", "price": "10000000.01"}}, "price"),
        (
            {
                "filter": {"max_price": "100000.00"},
                "operation": {"type": "multiply_price", "factor": "100.000001"},
            },
            "factor",
        ),
    ],
)
def test_numbers_beyond_what_the_columns_hold_are_refused_naming_the_field(
    document: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_bulk_update(document)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_bounds_themselves_are_accepted() -> None:
    parse_bulk_update(
        {
            "filter": {"max_id": MAX_ID, "ids": [], "max_stock": MAX_STOCK, "max_price": "100000.00"},
            "operation": {"type": "multiply_price", "factor": "100"},
        }
    )
    parse_bulk_update({"filter": {"min_id": 1}, "operation": {"type": "set_price", "price": str(MAX_MONEY)}})


def test_a_multiplied_price_is_capped_at_the_largest_amount() -> None:
    product = replace(products(1)[0], price=Decimal("20000.00"))
    assert MultiplyPrice(MAX_FACTOR).applied(product).price == MAX_MONEY
