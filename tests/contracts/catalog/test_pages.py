"""Keyset pages walk the whole selection without gaps or repeats, in every sort order; filters,
search, get and count select the same rows on every adapter."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from spacetime_service.application.ports.order_reader import ORDER_SORT_FIELDS
from spacetime_service.application.ports.product_repository import PRODUCT_SORT_FIELDS
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.orders import OrderFilter, OrderStatus
from spacetime_service.domain.pagination import Direction, Page, PageRequest, Position, Sort
from spacetime_service.domain.products import ProductFilter
from tests.contracts.catalog.datasets import sortable_catalog, tricky_catalog

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tests.contracts.catalog.conftest import Harness


def walk(fetch: Callable[[PageRequest], Page[Any]], sort: Sort, size: int) -> list[int]:
    ids: list[int] = []
    after: Position | None = None
    for _ in range(1000):
        page = fetch(PageRequest(sort, size, after))
        assert len(page.items) <= size
        ids.extend(item.id for item in page.items)
        if page.next_position is None:
            return ids
        assert page.next_position.id == page.items[-1].id
        after = page.next_position
    raise AssertionError("the pages never ended")


def expected_order(items: Sequence[Any], sort: Sort) -> list[int]:
    ordered = sorted(items, key=lambda item: (getattr(item, sort.field), item.id))
    if sort.direction is Direction.DESC:
        ordered.reverse()
    return [item.id for item in ordered]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize("field", PRODUCT_SORT_FIELDS)
def test_product_pages_walk_every_product_once(
    catalog: Harness, seed: int, direction: Direction, field: str
) -> None:
    data = sortable_catalog(seed)
    catalog.load(data)
    sort = Sort(field, direction)

    with catalog.uow() as uow:
        for size in (1, 4, 7, 1000):
            ids = walk(lambda request: uow.products.page(ProductFilter(), request), sort, size)
            assert ids == expected_order(data.products, sort)


@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize("field", ORDER_SORT_FIELDS)
def test_order_pages_walk_every_order_once(catalog: Harness, direction: Direction, field: str) -> None:
    data = sortable_catalog(3)
    catalog.load(data)
    sort = Sort(field, direction)

    with catalog.uow() as uow:
        for size in (1, 5, 1000):
            ids = walk(lambda request: uow.orders.page(OrderFilter(), request), sort, size)
            assert ids == expected_order(data.orders, sort)


def test_pages_of_a_filtered_selection(catalog: Harness) -> None:
    data = sortable_catalog(4)
    catalog.load(data)
    product_filter = ProductFilter(categories=("books", "toys"), min_price=Decimal("0.99"), in_stock=True)
    kept = [
        p
        for p in data.products
        if p.category in ("books", "toys") and p.price >= Decimal("0.99") and p.stock > 0
    ]
    sort = Sort("price", Direction.DESC)

    with catalog.uow() as uow:
        ids = walk(lambda request: uow.products.page(product_filter, request), sort, 3)

    assert ids == expected_order(kept, sort)
    assert kept


PRODUCT_FILTERS: list[tuple[ProductFilter, Callable[[Any], bool]]] = [
    (ProductFilter(max_price=Decimal("1.00")), lambda p: p.price <= Decimal("1.00")),
    (ProductFilter(in_stock=False), lambda p: p.stock == 0),
    (ProductFilter(min_stock=1, max_stock=6), lambda p: 1 <= p.stock <= 6),
    (ProductFilter(min_id=50, max_id=200), lambda p: 50 <= p.id <= 200),
    (ProductFilter(text="APPLE"), lambda p: "apple" in p.name),
    (ProductFilter(text="100%"), lambda p: "100%" in p.description),
    (ProductFilter(text="r_s"), lambda p: "r_s" in p.description),
    (ProductFilter(text="k\\s"), lambda p: "k\\s" in p.description),
    (ProductFilter(text="S000"), lambda p: "S000" in p.sku),
]


@pytest.mark.parametrize(("product_filter", "keeps"), PRODUCT_FILTERS)
def test_filters_and_count_select_the_same_products(
    catalog: Harness, product_filter: ProductFilter, keeps: Callable[[Any], bool]
) -> None:
    data = sortable_catalog(9, size=60)
    catalog.load(data)
    expected = sorted(p.id for p in data.products if keeps(p))

    with catalog.uow() as uow:
        page = uow.products.page(product_filter, PageRequest(Sort("id"), 1000))
        count = uow.products.count(product_filter)

    assert [p.id for p in page.items] == expected
    assert count == len(expected)


@pytest.mark.parametrize("text", ["%", "_", "/", "\\", "50%", "off_", "'", '"'])
def test_search_takes_wildcards_literally(catalog: Harness, text: str) -> None:
    data = tricky_catalog()
    catalog.load(data)
    expected = [
        p.id
        for p in data.products
        if any(text.lower() in field.lower() for field in (p.name, p.description, p.sku))
    ]

    with catalog.uow() as uow:
        found = [
            p.id for p in uow.products.page(ProductFilter(text=text), PageRequest(Sort("id"), 1000)).items
        ]

    assert found == expected
    assert len(found) < len(data.products)


ORDER_FILTERS: list[tuple[OrderFilter, Callable[[Any], bool]]] = [
    (OrderFilter(statuses=(OrderStatus.SHIPPED,)), lambda o: o.status is OrderStatus.SHIPPED),
    (OrderFilter(customer_id=2), lambda o: o.customer_id == 2),
]


@pytest.mark.parametrize(("order_filter", "keeps"), ORDER_FILTERS)
def test_order_filters(catalog: Harness, order_filter: OrderFilter, keeps: Callable[[Any], bool]) -> None:
    data = sortable_catalog(10)
    catalog.load(data)

    with catalog.uow() as uow:
        page = uow.orders.page(order_filter, PageRequest(Sort("created_at", Direction.DESC), 1000))

    assert [o.id for o in page.items] == expected_order([o for o in data.orders if keeps(o)], page_sort())


def page_sort() -> Sort:
    return Sort("created_at", Direction.DESC)


def test_orders_of_one_product(catalog: Harness) -> None:
    data = sortable_catalog(11)
    catalog.load(data)
    product_id = data.orders[0].product_id

    with catalog.uow() as uow:
        page = uow.orders.page(OrderFilter(product_id=product_id), PageRequest(Sort("id"), 1000))

    assert [o.id for o in page.items] == sorted(o.id for o in data.orders if o.product_id == product_id)


def test_get_returns_the_product_or_none(catalog: Harness) -> None:
    data = tricky_catalog()
    catalog.load(data)

    with catalog.uow() as uow:
        for product in data.products:
            assert uow.products.get(product.id) == product
        assert uow.products.get(10_000) is None


def test_pages_return_equal_domain_objects(catalog: Harness) -> None:
    data = tricky_catalog()
    catalog.load(data)

    with catalog.uow() as uow:
        orders = uow.orders.page(OrderFilter(), PageRequest(Sort("id"), 1000)).items

    assert list(orders) == sorted(data.orders, key=lambda o: o.id)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price", 12),
        ("price", "12.345"),
        ("stock", "7"),
        ("created_at", 5),
        ("created_at", "2024-03-01"),
        ("name", 3),
        ("id", "1"),
        ("stock", True),
    ],
)
def test_a_cursor_value_of_the_wrong_type_is_refused(catalog: Harness, field: str, value: str | int) -> None:
    catalog.load(sortable_catalog(12))
    request = PageRequest(Sort(field), 5, Position(field, value, 1))

    with catalog.uow() as uow, pytest.raises(InvalidInput) as raised:
        uow.products.page(ProductFilter(), request)

    assert raised.value.field == "cursor"


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("école", "ÉCOLE du soir"),
        ("ÖLKANNE", "Die ölkanne"),
        ("αβγ", "ΑΒΓ-42"),
        ("zebra", "A ZEBRA crossing"),
    ],
)
def test_search_ignores_case_in_every_alphabet(catalog: Harness, text: str, matches: str) -> None:
    data = tricky_catalog()
    extra = replace(data.products[0], id=1000, sku="SKU-1000", name=matches)
    catalog.load(replace(data, products=(*data.products, extra)))

    with catalog.uow() as uow:
        found = [
            p.id for p in uow.products.page(ProductFilter(text=text), PageRequest(Sort("id"), 1000)).items
        ]

    assert found == [1000]


def test_one_order_by_id(catalog: Harness) -> None:
    data = sortable_catalog(3)
    catalog.load(data)
    wanted = data.orders[len(data.orders) // 2]
    with catalog.uow() as uow:
        assert uow.orders.get(wanted.id) == wanted
        assert uow.orders.get(max(order.id for order in data.orders) + 1) is None
