"""Which text columns an export may write as they are: those a CHECK holds to plain words."""

from __future__ import annotations

import pytest
from sqlalchemy import CheckConstraint, Column, Integer, MetaData, String, Table

from spacetime_service.adapters.sqlalchemy.exports.plain_words import allowed_words, plain_word_columns
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.application.encoding.reference_encoder import csv_field, ndjson_line
from spacetime_service.domain.orders import OrderStatus


def test_an_order_status_is_a_plain_word_the_reference_writes_as_it_is() -> None:
    assert plain_word_columns(orders) == {"status"}
    for status in OrderStatus:
        assert csv_field(status.value) == status.value
        assert ndjson_line({"s": status.value}) == b'{"s":"' + status.value.encode() + b'"}\n'


@pytest.mark.parametrize(
    "check",
    [
        "kind IN ('a', '=b')",  # a formula
        "kind IN ('a', 'b c')",  # a space is plain to CSV but not a word
        "kind IN ('a', 'b,c')",
        "kind IN ('A')",
        "kind IN ('')",
        "kind NOT IN ('a')",
        "kind IN ('a') OR kind IS NULL",
        "kind = 'a'",
    ],
)
def test_any_other_check_leaves_the_column_to_the_general_rules(check: str) -> None:
    table = Table("t", MetaData(), Column("id", Integer), Column("kind", String), CheckConstraint(check))

    assert plain_word_columns(table) == frozenset()


def test_the_words_are_read_off_the_check() -> None:
    assert allowed_words("status IN ('placed', 'shipped')") == ("status", ("placed", "shipped"))
    assert allowed_words("status IN ('placed', shipped)") is None
