"""The feature allow-list: every feature a client may choose, how it is encoded, and what it reads.

Encodings: NUMERIC values are standardised (log1p first where the value is a heavy-tailed amount);
ONE_HOT categories come from a fixed list, so no fitting is needed; HASHED ids and TEXT go through a
fixed-size hashing trick, so no vocabulary is kept; CYCLIC dates become sin/cos of day of week, month and
hour plus a weekend flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.orders import OrderStatus

if TYPE_CHECKING:
    from collections.abc import Iterable


class Encoding(StrEnum):
    NUMERIC = "numeric"
    ONE_HOT = "one_hot"
    HASHED = "hashed"
    CYCLIC = "cyclic"
    TEXT = "text"


# Sizes of the hashed spaces: fixed, because a model's input width must not depend on the data.
HASHED_ID_DIMENSIONS = 2**12
TEXT_DIMENSIONS = 2**12

CYCLIC_COLUMNS: tuple[str, ...] = (
    "day_of_week_sin",
    "day_of_week_cos",
    "month_sin",
    "month_cos",
    "hour_sin",
    "hour_cos",
    "is_weekend",
)


@dataclass(frozen=True, slots=True)
class Feature:
    """`reads` names the input fields the feature needs; `categories` are a ONE_HOT's fixed values."""

    name: str
    encoding: Encoding
    reads: tuple[str, ...]
    categories: tuple[str, ...] = ()
    log_scale: bool = False

    @property
    def dense_columns(self) -> tuple[str, ...]:
        """Names of the feature's dense output columns; hashed encodings have none."""
        if self.encoding is Encoding.NUMERIC:
            return (self.name,)
        if self.encoding is Encoding.ONE_HOT:
            return tuple(f"{self.name}={value}" for value in self.categories)
        if self.encoding is Encoding.CYCLIC:
            return tuple(f"{self.name}_{column}" for column in CYCLIC_COLUMNS)
        return ()


FEATURES: dict[str, Feature] = {
    feature.name: feature
    for feature in (
        Feature("quantity", Encoding.NUMERIC, ("quantity",)),
        Feature("unit_price", Encoding.NUMERIC, ("unit_price",), log_scale=True),
        Feature("revenue", Encoding.NUMERIC, ("quantity", "unit_price"), log_scale=True),
        Feature("discount", Encoding.NUMERIC, ("unit_price", "product_price")),
        Feature("product_price", Encoding.NUMERIC, ("product_price",), log_scale=True),
        Feature("product_stock", Encoding.NUMERIC, ("product_stock",), log_scale=True),
        Feature("category", Encoding.ONE_HOT, ("category",), categories=CATEGORIES),
        Feature("status", Encoding.ONE_HOT, ("status",), categories=tuple(OrderStatus)),
        Feature("customer_id", Encoding.HASHED, ("customer_id",)),
        Feature("product_id", Encoding.HASHED, ("product_id",)),
        Feature("created_at", Encoding.CYCLIC, ("created_at",)),
        Feature("product_text", Encoding.TEXT, ("product_name", "product_description")),
    )
}


def require_feature(name: str) -> Feature:
    try:
        return FEATURES[name]
    except KeyError:
        raise InvalidInput(
            f"unknown feature {name!r}; known: {', '.join(FEATURES)}", field="features"
        ) from None


def fields_read_by(features: Iterable[Feature]) -> tuple[str, ...]:
    """The input fields that a record must carry for these features, in allow-list order."""
    needed = {field for feature in features for field in feature.reads}
    return tuple(sorted(needed))
