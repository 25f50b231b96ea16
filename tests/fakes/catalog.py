"""In-memory catalog for use-case tests: a unit of work over dicts of products and orders.

It passes the same contract suite as the SQL adapters (tests/contracts/catalog), including the exact
bytes of `encoded`, which it writes with the reference encoder.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Self, TypeVar

from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.wire import order_wire, product_wire, wire_money, wire_time
from spacetime_service.application.ports.order_reader import ORDER_SORT_FIELDS, OrderReader
from spacetime_service.application.ports.product_repository import PRODUCT_SORT_FIELDS, ProductRepository
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import parse_money
from spacetime_service.domain.orders import Order, OrderFilter
from spacetime_service.domain.pagination import Direction, Page, PageRequest, Position
from spacetime_service.domain.products import Product, ProductFilter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from types import TracebackType

    from spacetime_service.application.encoding.table_encoding import TableEncoding

T = TypeVar("T", Product, Order)
SortValue = int | str | Decimal | datetime


def _position_value(value: SortValue) -> str | int:
    if isinstance(value, Decimal):
        return wire_money(value)
    if isinstance(value, datetime):
        return wire_time(value) if value.microsecond == 0 else value.astimezone(UTC).isoformat()
    return value


_FIELD_TYPES: dict[str, type] = {
    "id": int,
    "name": str,
    "price": Decimal,
    "stock": int,
    "created_at": datetime,
    "updated_at": datetime,
}


def _sort_value(position: Position) -> SortValue:
    value, expected = position.value, _FIELD_TYPES[position.sort_field]
    try:
        if expected is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if expected is Decimal and isinstance(value, str):
            return parse_money(value)
        if expected is datetime and isinstance(value, str):
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                return moment
        if expected is str and isinstance(value, str):
            return value
    except (InvalidInput, ValueError):
        pass
    raise InvalidInput("the cursor holds no valid value; start again without it", field="cursor")


def _page(items: Iterable[T], request: PageRequest, allowed: Sequence[str]) -> Page[T]:
    field = request.sort.require_in(allowed).field
    descending = request.sort.direction is Direction.DESC

    def key(item: T) -> tuple[SortValue, int]:
        value: SortValue = getattr(item, field)
        return value, item.id

    ordered = sorted(items, key=key, reverse=descending)
    if request.after is not None:
        after_id = request.after.id
        if not isinstance(after_id, int) or isinstance(after_id, bool):
            raise InvalidInput("the cursor holds no valid id", field="cursor")
        after = (_sort_value(request.after), after_id)
        ordered = [item for item in ordered if (key(item) < after if descending else key(item) > after)]
    chosen = ordered[: request.size]
    next_position = None
    if len(ordered) > request.size:
        last = chosen[-1]
        next_position = Position(
            field, _position_value(getattr(last, field)), last.id, request.sort.direction
        )
    return Page(chosen, next_position)


def _product_matches(product: Product, f: ProductFilter) -> bool:
    checks: list[Callable[[], bool]] = [
        lambda: not f.categories or product.category in f.categories,
        lambda: f.min_price is None or product.price >= f.min_price,
        lambda: f.max_price is None or product.price <= f.max_price,
        lambda: f.in_stock is None or (product.stock > 0) == f.in_stock,
        lambda: (
            f.text is None
            or any(
                f.text.lower() in field.lower() for field in (product.name, product.description, product.sku)
            )
        ),
        lambda: f.min_id is None or product.id >= f.min_id,
        lambda: f.max_id is None or product.id <= f.max_id,
        lambda: not f.ids or product.id in f.ids,
        lambda: f.min_stock is None or product.stock >= f.min_stock,
        lambda: f.max_stock is None or product.stock <= f.max_stock,
    ]
    return all(check() for check in checks)


def _order_matches(order: Order, f: OrderFilter) -> bool:
    return (
        (f.created_from is None or order.created_at >= f.created_from)
        and (f.created_to is None or order.created_at < f.created_to)
        and (not f.statuses or order.status in f.statuses)
        and (f.customer_id is None or order.customer_id == f.customer_id)
        and (f.product_id is None or order.product_id == f.product_id)
    )


class FakeProductRepository:
    def __init__(self, products: Iterable[Product] = ()) -> None:
        self.items: dict[int, Product] = {product.id: product for product in products}

    def _matching(self, product_filter: ProductFilter) -> list[Product]:
        return [p for _, p in sorted(self.items.items()) if _product_matches(p, product_filter)]

    def get(self, product_id: int) -> Product | None:
        return self.items.get(product_id)

    def page(self, product_filter: ProductFilter, request: PageRequest) -> Page[Product]:
        return _page(self._matching(product_filter), request, PRODUCT_SORT_FIELDS)

    def count(self, product_filter: ProductFilter) -> int:
        return len(self._matching(product_filter))

    def encoded(self, product_filter: ProductFilter, encoding: TableEncoding) -> Iterator[bytes]:
        return encode_rows((product_wire(p) for p in self._matching(product_filter)), encoding)


class FakeOrderReader:
    def __init__(self, orders: Iterable[Order] = ()) -> None:
        self.items: dict[int, Order] = {order.id: order for order in orders}

    def _matching(self, order_filter: OrderFilter) -> list[Order]:
        return [o for _, o in sorted(self.items.items()) if _order_matches(o, order_filter)]

    def get(self, order_id: int) -> Order | None:
        return self.items.get(order_id)

    def page(self, order_filter: OrderFilter, request: PageRequest) -> Page[Order]:
        return _page(self._matching(order_filter), request, ORDER_SORT_FIELDS)

    def encoded(self, order_filter: OrderFilter, encoding: TableEncoding) -> Iterator[bytes]:
        return encode_rows((order_wire(o) for o in self._matching(order_filter)), encoding)


class FakeUnitOfWork:
    """Counts commits; `open` tells whether a with block is running (a stream holds it open)."""

    # Typed as the UnitOfWork port's members (a protocol's settable members must match exactly).
    products: ProductRepository
    orders: OrderReader

    def __init__(self, products: Iterable[Product] = (), orders: Iterable[Order] = ()) -> None:
        self.products = FakeProductRepository(products)
        self.orders = FakeOrderReader(orders)
        self.commits = 0
        self.open = False

    def __enter__(self) -> Self:
        self.open = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.open = False

    def commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        """Nothing is staged: the fake's reads need no undo."""
