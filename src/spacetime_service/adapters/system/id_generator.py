"""Identifiers as time-ordered UUIDs (version 7 of RFC 9562)."""

from __future__ import annotations

import secrets
import time
import uuid

_VERSION_7 = 0x7 << 76
_VARIANT_RFC = 0b10 << 62
_RANDOM_A_BITS = 12
_RANDOM_B_BITS = 62


class UuidIdGenerator:
    """A UUIDv7 in canonical text: 48 bits of Unix milliseconds, then 74 random bits.

    Ids made later sort later (to the millisecond), so new rows land at the end of the primary-key
    index instead of at random places in it, and the ids of one millisecond still differ."""

    def new_id(self) -> str:
        return str(uuid7(time.time_ns() // 1_000_000))


def uuid7(unix_milliseconds: int) -> uuid.UUID:
    random_a = secrets.randbits(_RANDOM_A_BITS)
    random_b = secrets.randbits(_RANDOM_B_BITS)
    timestamp = (unix_milliseconds & ((1 << 48) - 1)) << 80
    return uuid.UUID(int=timestamp | _VERSION_7 | (random_a << 64) | _VARIANT_RFC | random_b)
