"""Deterministic randomness: which rows are held out, and the seed each chunk is shuffled with.

Both are pure functions of the run's seed and stable identifiers (a row's id; the epoch and the chunk's
index in it), so a resumed run draws exactly what an uninterrupted one would, with no RNG state to save.
"""

from __future__ import annotations

from hashlib import blake2b

_BUCKETS = 2**64


def _digest(*parts: int) -> int:
    data = b"".join(part.to_bytes(8, "big", signed=True) for part in parts)
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "big")


def is_validation_row(row_id: int, seed: int, validation_fraction: float) -> bool:
    """True for about `validation_fraction` of ids: blake2b(seed, id) as a fraction of 2**64 below it."""
    return _digest(seed, row_id) < validation_fraction * _BUCKETS


def chunk_seed(seed: int, epoch: int, chunk_index: int) -> int:
    """The shuffling seed of the `chunk_index`-th chunk (0-based) of an epoch, in [0, 2**32)."""
    return _digest(seed, epoch, chunk_index) % 2**32
