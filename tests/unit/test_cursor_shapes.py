"""A cursor is read only in its one shape, after its signature checks: a payload of another shape, even
signed with the service's secret, is refused naming `cursor`; and a cursor keeps the direction of its
sort, so that a `-price` cursor is refused with `sort=price`."""

from __future__ import annotations

import base64
import hashlib
import hmac

import orjson
import pytest

from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.pagination import Direction, PageRequest, Position, Sort

SECRET = b"test-secret"
CODEC = CursorCodec(SECRET)


def _signed(payload: bytes) -> str:
    """A cursor signed with the codec's own secret around any payload: only the service could make one."""
    signature = hmac.new(SECRET, payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(payload + signature).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"{}",
        b"[]",
        b'["id", 1]',
        b'["id", 1, 2]',
        b'["id", null, "7", "asc"]',
        b'["id", null, true, "asc"]',
        b'["id", null, 7, "sideways"]',
        b'["id", [1], 7, "asc"]',
        b'[1, null, 7, "asc"]',
        b'["id", null, 99999999999999999999999, "asc"]',
        b'["id", 1e400, 7, "asc"]',
        b'["id", null, 7, "asc", "extra"]',
    ],
)
def test_a_signed_cursor_of_the_wrong_shape_is_refused_naming_cursor(payload: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        CODEC.decode(_signed(payload))
    assert refused.value.field == "cursor"


@pytest.mark.parametrize(
    "value", ["not a time id", "2025-03-01T12:34:56 naive-id", "2025-03-01T12:34:56+00:00 ", 5, None]
)
def test_a_signed_time_cursor_of_the_wrong_shape_is_refused_naming_cursor(value: object) -> None:
    cursor = _signed(orjson.dumps(["jobs:created_at", value, 0, "asc"]))
    with pytest.raises(InvalidInput) as refused:
        CODEC.decode_time("jobs:created_at", cursor)
    assert refused.value.field == "cursor"


def test_a_cursor_records_its_sort_direction() -> None:
    position = Position(sort_field="price", value="12.34", id=7, direction=Direction.DESC)
    decoded = CODEC.decode(CODEC.encode(position))

    assert decoded == position
    PageRequest(Sort("price", Direction.DESC), 10, decoded)
    with pytest.raises(InvalidInput, match="another sort order") as refused:
        PageRequest(Sort("price", Direction.ASC), 10, decoded)
    assert refused.value.field == "cursor"
