"""Id segments that put old and new records into every training chunk.

Ids rise with time, so reading a pass in id order would feed an incremental learner weeks of one
season, then of the next, and it would end the pass biased towards the newest records. Instead the id
range is cut into equal segments and each chunk takes the next few records of every segment: each chunk
then spans the whole range, and a shuffled chunk is close to a sample of all the data.
"""

from __future__ import annotations

from math import ceil

MAX_SEGMENTS = 32
"""Enough to cover the range finely; each segment costs one short keyset read per chunk."""

MIN_SEGMENT_ROWS = 64
"""Below this a segment's read costs more than the rows it brings."""


def segment_count(chunk_rows: int, rows_total: int) -> int:
    """How many segments a pass over `rows_total` rows in chunks of `chunk_rows` uses: one when the
    data fits in a chunk (nothing to mix), otherwise as many as keep each segment's share worthwhile."""
    chunks = ceil(rows_total / chunk_rows)
    return max(1, min(MAX_SEGMENTS, chunk_rows // MIN_SEGMENT_ROWS, chunks))


def segment_ends(lower_id: int, upper_id: int, count: int) -> tuple[int, ...]:
    """The inclusive upper id of each of `count` segments of equal width over [lower_id, upper_id].
    Segment i holds the ids above the end of segment i-1 (above lower_id - 1 for the first)."""
    if count < 1 or upper_id < lower_id:
        raise ValueError(f"cannot cut [{lower_id}, {upper_id}] into {count} segments")
    span = upper_id - lower_id + 1
    return tuple(lower_id - 1 + span * (index + 1) // count for index in range(count))


def segment_starts(lower_id: int, ends: tuple[int, ...]) -> tuple[int, ...]:
    """The exclusive lower id of each segment: where a fresh pass's cursor for it stands."""
    return (lower_id - 1, *ends[:-1])


def shares_of_chunk(chunk_rows: int, count: int) -> tuple[int, ...]:
    """How many records a chunk takes from each of `count` segments: `chunk_rows` in all, the
    remainder of the division spread over the first segments, so a chunk never exceeds its size."""
    share, remainder = divmod(chunk_rows, count)
    return tuple(share + (1 if index < remainder else 0) for index in range(count))
