"""Single edits of the catalog in SQL: each method is one short transaction on the engine's pool.

Changes are conditional statements (`UPDATE ... WHERE id = ? AND updated_at = ?`), so two clients that
saw the same version cannot both win, on SQLite as on PostgreSQL, without locks held across requests.
When such a statement touches no row, a second read tells the client why (missing, stale, in use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, and_, exists, insert, select, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.exc import IntegrityError

from spacetime_service.adapters.sqlalchemy.catalog.domain_rows import order_from_row, product_from_row
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import (
    order_idempotency_keys,
    orders,
    products,
)
from spacetime_service.domain.catalog_edits import (
    PlacedOrder,
    next_change_time,
    parse_product_version,
)
from spacetime_service.domain.errors import Conflict, NotFound, PreconditionFailed, Unavailable
from spacetime_service.domain.orders import OrderStatus

if TYPE_CHECKING:
    from datetime import datetime
    from decimal import Decimal

    from spacetime_service.domain.catalog_edits import OrderDraft, ProductChanges, ProductDraft
    from spacetime_service.domain.orders import Order
    from spacetime_service.domain.products import Product


class SqlAlchemyCatalogEditor:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create_product(self, draft: ProductDraft, at: datetime) -> Product:
        values = {
            "sku": draft.sku,
            "name": draft.name,
            "description": draft.description,
            "category": draft.category,
            "price": draft.price,
            "stock": draft.stock,
            "created_at": at,
            "updated_at": at,
        }
        with translated_errors(), self._engine.begin() as connection:
            if connection.execute(select(products.c.id).where(products.c.sku == draft.sku)).first():
                raise Conflict(f"a product with sku {draft.sku!r} exists")
            row = connection.execute(insert(products).values(values).returning(*products.c)).one()
        return product_from_row(row)

    def change_product(self, product_id: int, changes: ProductChanges, version: str, at: datetime) -> Product:
        seen = _version_of(product_id, version)
        with translated_errors(), self._engine.begin() as connection:
            if seen is None:
                raise self._why_unchanged(connection, product_id)
            sku = changes.sku
            if (
                sku is not None
                and connection.execute(
                    select(products.c.id).where(products.c.sku == sku, products.c.id != product_id)
                ).first()
            ):
                raise Conflict(f"a product with sku {sku!r} exists")
            statement = (
                update(products)
                .where(products.c.id == product_id, products.c.updated_at == seen)
                .values(**changes.changed_fields(), updated_at=next_change_time(at, seen))
                .returning(*products.c)
            )
            row = connection.execute(statement).first()
            if row is None:
                raise self._why_unchanged(connection, product_id)
        return product_from_row(row)

    def delete_product(self, product_id: int, version: str) -> None:
        seen = _version_of(product_id, version)
        with translated_errors(), self._engine.begin() as connection:
            # Orders first: whatever the version, a product the history names stays.
            if connection.execute(select(exists().where(orders.c.product_id == product_id))).scalar():
                raise Conflict(f"orders name product {product_id}; the order history keeps its products")
            deleted = 0
            if seen is not None:
                deleted = connection.execute(
                    sql_delete(products).where(products.c.id == product_id, products.c.updated_at == seen)
                ).rowcount
            if deleted != 1:
                raise self._why_unchanged(connection, product_id)

    def place_order(
        self, draft: OrderDraft, placed_by: str, idempotency_key: str | None, at: datetime
    ) -> PlacedOrder:
        try:
            with translated_errors(), self._engine.begin() as connection:
                if idempotency_key is not None:
                    earlier = _order_of_key(connection, placed_by, idempotency_key)
                    if earlier is not None:
                        return _replayed(draft, earlier)
                order = _place(connection, draft, at)
                if idempotency_key is not None:
                    _remember_key(connection, placed_by, idempotency_key, order.id)
        except _KeyTakenMeanwhile:
            # A request with the same key committed between our read and our insert; ours rolled back
            # whole (its stock too), and the answer is the order the other one placed.
            with translated_errors(), self._engine.connect() as connection:
                earlier = _order_of_key(connection, placed_by, idempotency_key or "")
            if earlier is None:
                raise Conflict("this Idempotency-Key is being used by another request; retry") from None
            return _replayed(draft, earlier)
        return PlacedOrder(order, created=True)

    @staticmethod
    def _why_unchanged(connection: Connection, product_id: int) -> Exception:
        if connection.execute(select(products.c.id).where(products.c.id == product_id)).first() is None:
            return NotFound(f"no product with id {product_id}")
        return PreconditionFailed(f"product {product_id} changed since the version given; read it again")


def _version_of(product_id: int, version: str) -> datetime | None:
    """The change time `version` names for this product, or None when it names another product or none."""
    parsed = parse_product_version(version)
    return parsed[1] if parsed is not None and parsed[0] == product_id else None


def _place(connection: Connection, draft: OrderDraft, at: datetime) -> Order:
    price = _take_stock(connection, draft, at)
    values = {
        "customer_id": draft.customer_id,
        "product_id": draft.product_id,
        "quantity": draft.quantity,
        "unit_price": price,
        "status": OrderStatus.PLACED.value,
        "created_at": at,
    }
    return order_from_row(connection.execute(insert(orders).values(values).returning(*orders.c)).one())


def _order_of_key(connection: Connection, placed_by: str, idempotency_key: str) -> Order | None:
    row = connection.execute(
        select(orders).join(
            order_idempotency_keys,
            and_(
                order_idempotency_keys.c.order_id == orders.c.id,
                order_idempotency_keys.c.placed_by == placed_by,
                order_idempotency_keys.c.idempotency_key == idempotency_key,
            ),
        )
    ).first()
    return None if row is None else order_from_row(row)


def _replayed(draft: OrderDraft, earlier: Order) -> PlacedOrder:
    if not draft.matches(earlier):
        raise Conflict("this Idempotency-Key was used for a different order")
    return PlacedOrder(earlier, created=False)


# Concurrent orders for one product each retry on a fresh read; this many lost races in a row means
# the product is changing faster than it can be ordered.
_STOCK_ATTEMPTS = 20


def _take_stock(connection: Connection, draft: OrderDraft, at: datetime) -> Decimal:
    """The product's price, after taking the quantity off its stock. The UPDATE is conditional on the
    state just read, so two orders for the last item cannot both succeed, and the product's change time
    moves strictly forward (its version changes with its stock)."""
    for _ in range(_STOCK_ATTEMPTS):
        current = connection.execute(
            select(products.c.stock, products.c.price, products.c.updated_at).where(
                products.c.id == draft.product_id
            )
        ).first()
        if current is None:
            raise NotFound(f"no product with id {draft.product_id}")
        if current.stock < draft.quantity:
            raise Conflict(
                f"product {draft.product_id} has {current.stock} in stock, fewer than {draft.quantity}"
            )
        taken = connection.execute(
            update(products)
            .where(
                products.c.id == draft.product_id,
                products.c.updated_at == current.updated_at,
                products.c.stock >= draft.quantity,
            )
            .values(
                stock=products.c.stock - draft.quantity,
                updated_at=next_change_time(at, current.updated_at),
            )
        ).rowcount
        if taken == 1:
            price: Decimal = current.price
            return price
    raise Unavailable(
        f"product {draft.product_id} is changing too fast to order; retry", retry_after_seconds=1
    )


class _KeyTakenMeanwhile(Exception):  # noqa: N818 - a signal inside this module, never raised out of it
    pass


def _remember_key(connection: Connection, placed_by: str, idempotency_key: str, order_id: int) -> None:
    try:
        with connection.begin_nested():
            connection.execute(
                insert(order_idempotency_keys).values(
                    placed_by=placed_by, idempotency_key=idempotency_key, order_id=order_id
                )
            )
    except IntegrityError as error:
        raise _KeyTakenMeanwhile from error
