"""A small in-memory catalog behind the UnitOfWork port, for HTTP tests that run in-process.

It honours the port's contract as far as these tests need: keyset pages by (field, id), filters, and
encoded streams through the reference encoder. `fail_with` makes every read raise the given error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding
from spacetime_service.application.encoding.wire import order_wire, product_wire, wire_money, wire_time
from spacetime_service.domain.orders import Order, OrderFilter, OrderStatus
from spacetime_service.domain.pagination import Direction, Page, PageRequest, Position
from spacetime_service.domain.products import Product, ProductFilter

EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class Catalog:
    products: list[Product] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    fail_with: Exception | None = None
    open_units: int = 0


def sample_catalog(product_count: int = 120, order_count: int = 300) -> Catalog:
    categories = ("books", "toys", "garden")
    products = [
        Product(
            id=i,
            sku=f"SKU-{i:05d}",
            name="=HYPERLINK(1)" if i == 1 else f"product {i}",
            description=f"item number {i}",
            category=categories[i % 3],
            price=Decimal(i % 40) + Decimal("0.99"),
            stock=i % 5,
            created_at=EPOCH + timedelta(hours=i),
            updated_at=EPOCH + timedelta(hours=i),
        )
        for i in range(1, product_count + 1)
    ]
    statuses = list(OrderStatus)
    orders = [
        Order(
            id=i,
            customer_id=i % 17 + 1,
            product_id=i % product_count + 1,
            quantity=i % 3 + 1,
            unit_price=Decimal("9.50"),
            status=statuses[i % len(statuses)],
            created_at=EPOCH + timedelta(hours=6 * i),
        )
        for i in range(1, order_count + 1)
    ]
    return Catalog(products, orders)


def _sort_key(entity: Any, sort_field: str) -> tuple[Any, int]:
    return (getattr(entity, sort_field), entity.id)


def _position_value(value: Any) -> str | int | None:
    if isinstance(value, datetime):
        return wire_time(value)
    if isinstance(value, Decimal):
        return wire_money(value)
    return value  # type: ignore[no-any-return]


def _page(entities: list[Any], request: PageRequest, to_key: Callable[[Any], Any]) -> Page[Any]:
    descending = request.sort.direction is Direction.DESC
    ordered = sorted(entities, key=lambda e: _sort_key(e, request.sort.field), reverse=descending)
    if request.after is not None:
        after = (to_key(request.after.value), request.after.id)
        ordered = [
            e
            for e in ordered
            if (_sort_key(e, request.sort.field) < after if descending else _sort_key(e, request.sort.field) > after)
        ]
    items = ordered[: request.size]
    if len(ordered) <= request.size:
        return Page(items, None)
    last = items[-1]
    return Page(items, Position(request.sort.field, _position_value(getattr(last, request.sort.field)), last.id))


def _key_parser(sort_field: str) -> Callable[[Any], Any]:
    if sort_field in {"price", "unit_price"}:
        return Decimal
    if sort_field in {"created_at", "updated_at"}:
        return lambda text: datetime.fromisoformat(text)
    return lambda value: value


class FakeProducts:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def _matching(self, f: ProductFilter) -> list[Product]:
        if self._catalog.fail_with is not None:
            raise self._catalog.fail_with
        text = (f.text or "").lower()
        return [
            p
            for p in self._catalog.products
            if (not f.categories or p.category in f.categories)
            and (f.min_price is None or p.price >= f.min_price)
            and (f.max_price is None or p.price <= f.max_price)
            and (f.in_stock is None or (p.stock > 0) == f.in_stock)
            and (not text or text in f"{p.name}\n{p.description}\n{p.sku}".lower())
        ]

    def get(self, product_id: int) -> Product | None:
        return next((p for p in self._matching(ProductFilter()) if p.id == product_id), None)

    def page(self, product_filter: ProductFilter, request: PageRequest) -> Page[Product]:
        return _page(self._matching(product_filter), request, _key_parser(request.sort.field))

    def count(self, product_filter: ProductFilter) -> int:
        return len(self._matching(product_filter))

    def encoded(self, product_filter: ProductFilter, encoding: TableEncoding) -> Iterator[bytes]:
        rows = sorted(self._matching(product_filter), key=lambda p: p.id)
        return encode_rows((product_wire(p) for p in rows), encoding)


class FakeOrders:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def _matching(self, f: OrderFilter) -> list[Order]:
        if self._catalog.fail_with is not None:
            raise self._catalog.fail_with
        return [
            o
            for o in self._catalog.orders
            if (f.created_from is None or o.created_at >= f.created_from)
            and (f.created_to is None or o.created_at < f.created_to)
            and (not f.statuses or o.status in f.statuses)
            and (f.customer_id is None or o.customer_id == f.customer_id)
            and (f.product_id is None or o.product_id == f.product_id)
        ]

    def page(self, order_filter: OrderFilter, request: PageRequest) -> Page[Order]:
        return _page(self._matching(order_filter), request, _key_parser(request.sort.field))

    def encoded(self, order_filter: OrderFilter, encoding: TableEncoding) -> Iterator[bytes]:
        return encode_rows((order_wire(o) for o in self._matching(order_filter)), encoding)


class FakeUnitOfWork:
    """Counts the units that are open, so tests can see a stream release its unit of work."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.products = FakeProducts(catalog)
        self.orders = FakeOrders(catalog)

    def __enter__(self) -> Self:
        self._catalog.open_units += 1
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._catalog.open_units -= 1

    def commit(self) -> None:
        """Nothing to keep: the catalog is read-only here."""

    def rollback(self) -> None:
        """Nothing to undo."""
