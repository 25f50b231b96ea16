"""Small catalogs for the contract suite: tricky text for the encoders, and many equal sort values
for the keyset pages (so that the id tie-breaker is exercised)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product

# Text that CSV quoting, formula neutralisation and JSON escaping must all get right. No NUL: text
# columns of PostgreSQL cannot hold it.
TRICKY_TEXT: tuple[str, ...] = (
    "plain",
    "",
    "comma, inside",
    'a "quoted" word',
    '"',
    "two\nlines",
    "carriage\rreturn",
    "crlf\r\nend",
    "=SUM(A1:A2)",
    "+1",
    "-1",
    "@cmd",
    "\tleading tab",
    "\rleading cr",
    "='quoted, and \"more\"'",
    "=\nnewline formula",
    "trailing tab\t",
    " leading space",
    "back\\slash \\n not a newline",
    "\\.",
    "unicode é ☃ 😀 \u2028 \u00a0",
    "control \x01\x07\x08\x0b\x0c\x1b\x1f\x7f",
    "quote ' apostrophe",
    "50% off_now",
    "semi;colon|pipe",
)
CATEGORIES = ("books", "toys", "garden", "=formula", "home, garden")
BASE_TIME = datetime(2024, 3, 1, 12, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Catalog:
    products: tuple[Product, ...]
    orders: tuple[Order, ...]


def _moment(rng: random.Random) -> datetime:
    # few distinct seconds, some with microseconds, so equal and nearly equal times both occur
    return BASE_TIME + timedelta(
        seconds=rng.choice((0, 0, 1, 59, 3600)), microseconds=rng.choice((0, 0, 1, 500_000))
    )


def tricky_catalog() -> Catalog:
    """One product per tricky text, in every text column by turns."""
    products = []
    for index, text in enumerate(TRICKY_TEXT, start=1):
        other = TRICKY_TEXT[(index * 7) % len(TRICKY_TEXT)]
        products.append(
            Product(
                id=index,
                sku=f"SKU{index}{other[:3]}",
                name=text or "unnamed",
                description=other,
                category=CATEGORIES[index % len(CATEGORIES)] if index % 3 else text[:32],
                price=Decimal(index * 137 % 2000) / 100,
                stock=index % 4,
                created_at=BASE_TIME + timedelta(days=index, microseconds=index * 1_001),
                updated_at=BASE_TIME + timedelta(days=2 * index),
            )
        )
    orders = [
        Order(
            id=index,
            customer_id=index % 5,
            product_id=products[index % len(products)].id,
            quantity=1 + index % 3,
            unit_price=Decimal(index) / 100,
            status=list(OrderStatus)[index % 4],
            created_at=BASE_TIME + timedelta(hours=index, microseconds=index),
        )
        for index in range(1, 40)
    ]
    return Catalog(tuple(products), tuple(orders))


def sortable_catalog(seed: int, size: int = 30) -> Catalog:
    """Lowercase ASCII names (every collation orders them alike) and few distinct values per field."""
    rng = random.Random(seed)
    ids = rng.sample(range(1, 10 * size), size)
    products = tuple(
        Product(
            id=product_id,
            sku=f"S{product_id:05d}",
            name=rng.choice(("apple", "pear", "plum", "apple pie", "fig")),
            description=rng.choice(("red", "Green 100%", "under_score", "back\\slash", "")),
            category=rng.choice(("books", "toys", "garden")),
            price=Decimal(rng.choice((0, 99, 100, 1250, 99999))) / 100,
            stock=rng.choice((0, 0, 1, 7)),
            created_at=_moment(rng),
            updated_at=_moment(rng),
        )
        for product_id in ids
    )
    orders = tuple(
        Order(
            id=order_id,
            customer_id=rng.choice((1, 2, 3)),
            product_id=rng.choice(products).id,
            quantity=rng.choice((1, 2)),
            unit_price=Decimal(rng.choice((1, 250))) / 100,
            status=rng.choice(list(OrderStatus)),
            created_at=_moment(rng),
        )
        for order_id in rng.sample(range(1, 20 * size), 2 * size)
    )
    return Catalog(products, orders)
