"""Opaque, signed keyset cursors: a client can hand one back but cannot forge or alter it.

A payload is read only after its signature checks, and then only in its one shape (sort field, value,
id, direction; integers within a BIGINT): anything else, even when signed with the right secret, is
refused as a malformed cursor (InvalidInput naming `cursor`), never handed on to a query."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import datetime

import orjson

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.pagination import Direction, Position, TimePosition
from spacetime_service.domain.ranges import MAX_ID

_SIGNATURE_BYTES = 16


class CursorCodec:
    """Encodes a Position as base64url JSON plus a truncated HMAC-SHA256 of it."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def encode(self, position: Position) -> str:
        payload = orjson.dumps([position.sort_field, position.value, position.id, position.direction])
        token = payload + self._sign(payload)
        return base64.urlsafe_b64encode(token).rstrip(b"=").decode()

    def decode(self, cursor: str) -> Position:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError) as error:
            raise _malformed() from error
        payload, signature = raw[:-_SIGNATURE_BYTES], raw[-_SIGNATURE_BYTES:]
        if len(raw) <= _SIGNATURE_BYTES or not hmac.compare_digest(signature, self._sign(payload)):
            raise _malformed()
        return _position(payload)

    def encode_time(self, listing: str, position: TimePosition) -> str:
        """A cursor of a newest-first listing: `listing` names it in the sort field, and the position
        (time and text id) travels in the value, since the shared format's id is an integer."""
        value = f"{position.created_at.isoformat()} {position.id}"
        return self.encode(Position(sort_field=listing, value=value, id=0))

    def decode_time(self, listing: str, cursor: str) -> TimePosition:
        """The position of a cursor that `encode_time` made for `listing`; a cursor of another
        listing (products, orders, jobs, models) is refused, so that one is never read as another."""
        position = self.decode(cursor)
        if position.sort_field != listing or not isinstance(position.value, str):
            raise InvalidInput("the cursor belongs to another listing; start again", field="cursor")
        created_at, _, item_id = position.value.partition(" ")
        try:
            moment = datetime.fromisoformat(created_at)
        except ValueError:
            raise _malformed() from None
        if moment.tzinfo is None or not item_id:
            raise _malformed()
        return TimePosition(created_at=moment, id=item_id)

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def _position(payload: bytes) -> Position:
    try:
        fields = orjson.loads(payload)
    except orjson.JSONDecodeError:
        raise _malformed() from None
    match fields:
        case [str() as sort_field, value, int() as row_id, str() as direction] if (
            _is_value(value) and _is_int(row_id) and direction in set(Direction)
        ):
            return Position(sort_field, value, row_id, Direction(direction))
    raise _malformed()


def _is_value(value: object) -> bool:
    return value is None or isinstance(value, str) or _is_int(value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_ID <= value <= MAX_ID


def _malformed() -> InvalidInput:
    return InvalidInput(
        "the cursor is malformed or was altered; use the next_cursor of a page", field="cursor"
    )
