"""The system clock and the UUIDv7 id generator."""

from __future__ import annotations

import uuid
from datetime import timedelta

from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.adapters.system.id_generator import UuidIdGenerator, uuid7


def test_the_clock_gives_utc_times() -> None:
    assert SystemClock().now().utcoffset() == timedelta(0)


def test_ids_are_canonical_version_7_uuids_and_distinct() -> None:
    generator = UuidIdGenerator()

    ids = [generator.new_id() for _ in range(2000)]

    assert len(set(ids)) == len(ids)
    parsed = [uuid.UUID(value) for value in ids]
    assert all(str(value) == text for value, text in zip(parsed, ids, strict=True))
    assert {(value.version, value.variant) for value in parsed} == {(7, uuid.RFC_4122)}


def test_ids_carry_their_millisecond_and_sort_by_it() -> None:
    earlier, later = uuid7(1_740_830_400_000), uuid7(1_740_830_400_001)

    assert earlier.int >> 80 == 1_740_830_400_000
    assert str(earlier) < str(later)
