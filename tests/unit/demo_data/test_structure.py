"""The generated shop has the structure that analytics and models are meant to find."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import pytest

from spacetime_service.adapters.demo_data.categories import PROFILES
from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.application.ports.demo_data_source import DemoDataSpec
from spacetime_service.domain.catalog import CATEGORIES

if TYPE_CHECKING:
    from spacetime_service.application.ports.catalog_loader import OrderRows, ProductRows

SPEC = DemoDataSpec(products=20_000, orders=300_000, seed=42)


def _joined(batches: list[ProductRows] | list[OrderRows], column: str) -> np.ndarray:
    return np.array(list(chain.from_iterable(getattr(batch, column) for batch in batches)))


@pytest.fixture(scope="module")
def products() -> list[ProductRows]:
    return list(NumpyDemoDataSource().products(SPEC, 50_000))


@pytest.fixture(scope="module")
def orders() -> list[OrderRows]:
    return list(NumpyDemoDataSource().orders(SPEC, 50_000))


def test_every_category_has_a_profile_in_the_catalog_order() -> None:
    assert tuple(profile.name for profile in PROFILES) == CATEGORIES


def test_skus_are_unique_and_carry_the_category(products: list[ProductRows]) -> None:
    skus = _joined(products, "skus")
    categories = _joined(products, "categories")

    assert len(set(skus.tolist())) == SPEC.products
    assert all(re.fullmatch(r"[A-Z]{3}-\d{6}", sku) for sku in skus.tolist())
    assert all(sku[:3] == category[:3].upper() for sku, category in zip(skus, categories, strict=True))
    assert set(categories.tolist()) == set(CATEGORIES)


def test_prices_stay_in_their_category_band_and_mostly_end_in_99(products: list[ProductRows]) -> None:
    prices = _joined(products, "price_cents")
    categories = _joined(products, "categories")
    for profile in PROFILES:
        band = prices[categories == profile.name]
        assert band.min() >= round(profile.min_price * 100)
        assert band.max() <= round(profile.max_price * 100)
    electronics = np.median(prices[categories == "electronics"])
    grocery = np.median(prices[categories == "grocery"])
    assert electronics > 5 * grocery
    assert np.mean(prices % 100 == 99) > 0.5


def test_some_products_are_out_of_stock(products: list[ProductRows]) -> None:
    stock = _joined(products, "stock")
    assert 0.02 < np.mean(stock == 0) < 0.15
    assert stock.min() >= 0


def test_a_few_names_and_descriptions_carry_tricky_characters(products: list[ProductRows]) -> None:
    names = _joined(products, "names").tolist()
    descriptions = _joined(products, "descriptions").tolist()

    assert any('"' in name for name in names)
    assert any("," in name for name in names)
    assert any(name.startswith("-") for name in names)
    assert {description[0] for description in descriptions} >= {"=", "-", "+", "@"}
    assert sum('"' in name for name in names) < 0.05 * len(names)
    assert any(not name.isascii() for name in names)


def test_orders_rise_in_time_within_the_two_years_before_the_end(orders: list[OrderRows]) -> None:
    times = _joined(orders, "created_at_us")
    end = SPEC.history_end.timestamp() * 1e6

    assert np.all(np.diff(times) >= 0)
    assert times.min() >= end - 730 * 86_400e6
    assert times.max() < end


def _days(orders: list[OrderRows]) -> np.ndarray:
    return (_joined(orders, "created_at_us") // 86_400_000_000).astype("datetime64[D]")


def test_weekends_and_december_are_busier(orders: list[OrderRows]) -> None:
    days = _days(orders)
    weekday = (days.astype(np.int64) + 3) % 7
    per_weekday = np.bincount(weekday, minlength=7)
    months = days.astype("datetime64[M]").astype(np.int64) % 12
    per_month = np.bincount(months, minlength=12)

    assert per_weekday[5:].min() > per_weekday[:5].max()
    assert per_month[11] == per_month.max()
    assert per_month[11] > 1.4 * np.median(per_month)


def test_customers_are_skewed_and_quantities_small(orders: list[OrderRows]) -> None:
    per_customer = np.sort(np.bincount(_joined(orders, "customer_ids")))[::-1]
    active = per_customer[per_customer > 0]
    top_percent = active[: len(active) // 100].sum() / active.sum()
    quantities = Counter(_joined(orders, "quantities").tolist())

    assert top_percent > 0.08
    assert set(quantities) <= set(range(1, 11))
    assert quantities[1] > quantities[2] > quantities[3] > quantities[6]


def test_returns_depend_on_the_category_and_statuses_are_mostly_shipped(
    products: list[ProductRows], orders: list[OrderRows]
) -> None:
    category_of = _joined(products, "categories")
    statuses = _joined(orders, "statuses")
    categories = category_of[_joined(orders, "product_ids") - 1]
    shares = Counter(statuses.tolist())

    def return_rate(category: str) -> float:
        chosen = statuses[categories == category]
        return float(np.mean(chosen == "returned"))

    assert return_rate("clothing") > 3 * return_rate("grocery")
    assert shares["shipped"] > 0.8 * len(statuses)
    assert 0.01 < shares["cancelled"] / len(statuses) < 0.08
    assert shares["placed"] > 0


def test_the_price_paid_is_near_the_product_price(
    products: list[ProductRows], orders: list[OrderRows]
) -> None:
    list_price = _joined(products, "price_cents")[_joined(orders, "product_ids") - 1]
    paid = _joined(orders, "unit_price_cents")
    ratio = paid / list_price

    assert ratio.max() <= 1.0
    assert ratio.min() >= 0.65
    assert 0.05 < np.mean(ratio < 0.93) < 0.4


def test_toys_sell_most_in_december_and_garden_in_spring(
    products: list[ProductRows], orders: list[OrderRows]
) -> None:
    categories = _joined(products, "categories")[_joined(orders, "product_ids") - 1]
    months = _days(orders).astype("datetime64[M]").astype(np.int64) % 12

    def share(category: str, month: int) -> float:
        return float(np.mean(categories[months == month] == category))

    assert share("toys", 11) > 2 * share("toys", 5)
    assert share("garden", 4) > 2 * share("garden", 11)


def test_the_history_end_is_part_of_the_spec() -> None:
    later = DemoDataSpec(products=10, orders=10, seed=42, history_end=datetime(2030, 1, 1, tzinfo=UTC))
    times = next(NumpyDemoDataSource().orders(later, 10)).created_at_us

    assert max(times) < later.history_end.timestamp() * 1e6
    assert min(times) > datetime(2027, 12, 1, tzinfo=UTC).timestamp() * 1e6
