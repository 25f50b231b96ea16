"""A client's record is checked against the field allow-list, and every fault names its line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.record_validation import validate_record

NEEDED = ("category", "created_at", "quantity", "unit_price")
GOOD = {
    "id": 9,
    "quantity": 2,
    "unit_price": 10,
    "category": "books",
    "created_at": "2025-03-01T10:00:00+00:00",
}


def test_a_good_record_comes_back_typed() -> None:
    typed = validate_record(GOOD, NEEDED, 1)
    assert typed == {
        "id": 9,
        "quantity": 2,
        "unit_price": 10.0,
        "category": "books",
        "created_at": datetime(2025, 3, 1, 10, tzinfo=UTC),
    }
    assert isinstance(typed["unit_price"], float)


def test_known_fields_the_model_does_not_read_are_ignored() -> None:
    typed = validate_record({**GOOD, "product_stock": 3}, NEEDED, 1)
    assert "product_stock" not in typed


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quantity": True}, "quantity"),
        ({"quantity": 1.5}, "quantity"),
        ({"quantity": 0}, "quantity"),
        ({"unit_price": "10"}, "unit_price"),
        ({"unit_price": float("nan")}, "unit_price"),
        ({"unit_price": -1}, "unit_price"),
        ({"category": "weapons"}, "category"),
        ({"created_at": "2025-03-01T10:00:00"}, "created_at"),
        ({"created_at": "yesterday"}, "created_at"),
        ({"quantity": None}, "quantity"),
        ({"password": "x"}, "password"),
        ({"id": "7"}, "id"),
    ],
)
def test_a_bad_record_names_its_line_and_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput, match=r"^line 42: ") as error:
        validate_record({**GOOD, **change}, NEEDED, 42)
    assert error.value.field == field


def test_a_missing_field_and_a_non_object_are_refused() -> None:
    record = dict(GOOD)
    del record["category"]
    with pytest.raises(InvalidInput, match="line 3: category is required"):
        validate_record(record, NEEDED, 3)
    with pytest.raises(InvalidInput, match="line 4: a record must be a JSON object"):
        validate_record([1, 2], NEEDED, 4)


def test_text_longer_than_its_bound_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at most 200"):
        validate_record({"product_name": "x" * 201}, ("product_name",), 1)
