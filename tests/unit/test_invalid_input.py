"""InvalidInput carries the line of an uploaded body as a field, and its detail names that line."""

from __future__ import annotations

import pytest

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.imports import InvalidRow
from spacetime_service.domain.ml.record_validation import validate_record


def test_a_line_is_a_field_and_leads_the_detail() -> None:
    error = InvalidInput("not valid JSON", field="line", line=7)

    assert (error.line, error.field, error.detail) == (7, "line", "line 7: not valid JSON")


def test_without_a_line_the_detail_is_as_given() -> None:
    error = InvalidInput("unknown column", field="columns")

    assert (error.line, error.detail) == (None, "unknown column")


def test_an_import_row_error_is_an_invalid_input_with_its_line() -> None:
    error = InvalidRow(12, "price", "price must be between 0 and 10000000.00")

    assert isinstance(error, InvalidInput)
    assert (error.line, error.field) == (12, "price")


def test_a_bad_record_names_its_line_as_a_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_record({"quantity": "two"}, ["quantity"], 5)

    assert (refused.value.line, refused.value.field) == (5, "quantity")
    assert refused.value.detail == "line 5: quantity must be an integer"
