"""Cursors of newest-first listings (jobs, model versions): one helper encodes and checks them all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.pagination import Position, TimePosition

CODEC = CursorCodec(b"test-secret")
POSITION = TimePosition(created_at=datetime(2025, 3, 1, 12, 34, 56, 789, tzinfo=UTC), id="id with spaces")


def test_a_position_comes_back_as_it_went() -> None:
    cursor = CODEC.encode_time("jobs:created_at", POSITION)

    assert CODEC.decode_time("jobs:created_at", cursor) == POSITION


def test_a_cursor_of_another_listing_is_refused() -> None:
    cursor = CODEC.encode_time("jobs:created_at", POSITION)

    with pytest.raises(InvalidInput, match="another listing") as refused:
        CODEC.decode_time("models:created_at", cursor)
    assert refused.value.field == "cursor"


def test_a_product_cursor_is_refused() -> None:
    cursor = CODEC.encode(Position(sort_field="price", value=1234, id=7))

    with pytest.raises(InvalidInput, match="another listing"):
        CODEC.decode_time("jobs:created_at", cursor)


def test_cursors_handed_out_before_keep_working() -> None:
    # The time and id travel in the shared format's value, as they always did.
    value = "2025-03-01T12:34:56.000789+00:00 id with spaces"
    cursor = CODEC.encode(Position(sort_field="models:created_at", value=value, id=0))

    assert CODEC.decode_time("models:created_at", cursor) == POSITION
