"""Feature extraction: dense named columns, hashed features as sparse maps, the same encoders as training."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sklearn.sklearn_feature_extractor import SklearnFeatureExtractor
from spacetime_service.application.ml.feature_extraction import feature_rows
from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.application.ports.feature_extractor import FeatureRow

RECORD = {
    "id": 5,
    "quantity": 3,
    "unit_price": 8.0,
    "product_price": 10.0,
    "category": "toys",
    "customer_id": 77,
    "created_at": "2025-12-27T18:00:00+02:00",
    "product_name": "red kite",
    "product_description": "a red kite",
}


def _extract(features: tuple[str, ...], records: list[dict[str, object]]) -> list[FeatureRow]:
    return list(feature_rows(SklearnFeatureExtractor(), "order_returned", features, records, chunk_rows=2))


def test_numeric_and_one_hot_features_are_named_columns() -> None:
    row = _extract(("quantity", "unit_price", "revenue", "discount", "category"), [RECORD])[0]
    assert row["line"] == 1
    assert row["id"] == 5
    assert row["quantity"] == 3.0
    assert row["unit_price"] == pytest.approx(math.log1p(8.0))
    assert row["revenue"] == pytest.approx(math.log1p(24.0))
    assert row["discount"] == pytest.approx(0.2)
    assert row["category=toys"] == 1.0
    assert sum(value for key, value in row.items() if key.startswith("category=")) == 1.0  # type: ignore[misc]


def test_dates_are_cyclic_in_utc() -> None:
    row = _extract(("created_at",), [RECORD])[0]
    # 2025-12-27 16:00 UTC is a Saturday (weekday 5) in December (month index 11).
    assert row["created_at_day_of_week_sin"] == pytest.approx(math.sin(2 * math.pi * 5 / 7))
    assert row["created_at_month_cos"] == pytest.approx(math.cos(2 * math.pi * 11 / 12))
    assert row["created_at_hour_sin"] == pytest.approx(math.sin(2 * math.pi * 16 / 24))
    assert row["created_at_is_weekend"] == 1.0


def test_hashed_features_are_sparse_maps_of_column_index_to_value() -> None:
    rows = _extract(("customer_id", "product_text"), [RECORD, {**RECORD, "id": 6, "customer_id": 78}])
    first, second = rows[0]["customer_id"], rows[1]["customer_id"]
    assert isinstance(first, dict)
    assert isinstance(second, dict)
    assert list(first.values()) == [1.0]
    assert all(0 <= int(index) < 4096 for index in first)
    text = rows[0]["product_text"]
    assert isinstance(text, dict)
    assert 1 <= len(text) <= 3  # "red", "kite", "a" is dropped by the tokenizer
    assert sum(value**2 for value in text.values()) == pytest.approx(1.0)


def test_extraction_checks_records_and_the_feature_allow_list() -> None:
    with pytest.raises(InvalidInput, match="line 2: quantity"):
        _extract(("quantity",), [RECORD, {**RECORD, "quantity": "many"}])
    with pytest.raises(InvalidInput, match="not allowed"):
        _extract(("status",), [RECORD])
