"""What sets the categories apart: their share of the catalog, price band, stock-outs, basket sizes,
return rates and seasons. Analytics and models are meant to rediscover these numbers from the data."""

from __future__ import annotations

from dataclasses import dataclass

FLAT_YEAR = (1.0,) * 12


@dataclass(frozen=True, slots=True)
class CategoryProfile:
    """`median_price` and `price_spread` (sigma of the log) shape a log-normal clipped to the band
    [`min_price`, `max_price`]; `repeat_odds` is the chance that one more unit is added to a basket;
    `return_logit` is the log-odds of a return for a typical-priced single unit; `months` multiplies
    the category's share of sales from January to December."""

    name: str
    catalog_share: float
    median_price: float
    price_spread: float
    min_price: float
    max_price: float
    stock_out_rate: float
    repeat_odds: float
    return_logit: float
    months: tuple[float, ...] = FLAT_YEAR

    @property
    def sku_prefix(self) -> str:
        return self.name[:3].upper()


PROFILES: tuple[CategoryProfile, ...] = (
    CategoryProfile("automotive", 0.07, 35.0, 0.8, 2.99, 900.0, 0.06, 0.25, -2.9),
    CategoryProfile("beauty", 0.10, 18.0, 0.6, 1.99, 250.0, 0.05, 0.45, -3.0),
    CategoryProfile(
        "books",
        0.12,
        14.0,
        0.4,
        0.99,
        120.0,
        0.04,
        0.30,
        -3.6,
        months=(0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.1, 1.2, 1.0, 1.1, 1.6),
    ),
    CategoryProfile(
        "clothing",
        0.15,
        32.0,
        0.6,
        3.99,
        600.0,
        0.10,
        0.35,
        -1.5,
        months=(0.8, 0.8, 1.2, 1.1, 1.0, 0.9, 0.9, 1.0, 1.2, 1.1, 1.1, 1.3),
    ),
    CategoryProfile(
        "electronics",
        0.12,
        110.0,
        0.9,
        4.99,
        3500.0,
        0.08,
        0.15,
        -2.4,
        months=(0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 1.0, 1.1, 1.8, 2.0),
    ),
    CategoryProfile(
        "garden",
        0.07,
        28.0,
        0.8,
        1.99,
        1500.0,
        0.07,
        0.35,
        -3.0,
        months=(0.4, 0.5, 1.2, 1.9, 2.0, 1.7, 1.4, 1.0, 0.7, 0.5, 0.4, 0.4),
    ),
    CategoryProfile("grocery", 0.11, 6.0, 0.5, 0.49, 80.0, 0.03, 0.65, -4.5),
    CategoryProfile("home", 0.11, 45.0, 0.8, 2.99, 2000.0, 0.06, 0.30, -2.7),
    CategoryProfile(
        "sports",
        0.08,
        40.0,
        0.8,
        2.99,
        1800.0,
        0.07,
        0.25,
        -2.4,
        months=(1.6, 1.3, 1.1, 1.1, 1.1, 1.1, 1.0, 0.9, 0.9, 0.8, 0.8, 0.9),
    ),
    CategoryProfile(
        "toys",
        0.07,
        22.0,
        0.7,
        1.99,
        400.0,
        0.06,
        0.25,
        -2.8,
        months=(0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.8, 0.8, 0.8, 1.0, 1.8, 3.2),
    ),
)
