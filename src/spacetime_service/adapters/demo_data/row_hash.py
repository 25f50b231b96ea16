"""Random numbers as a pure function of (seed, stream, row id): SplitMix64 over NumPy arrays.

Every random quantity of a row is drawn from the hash of its id in a named stream, instead of from a
generator that advances row by row. A row's values therefore do not depend on which rows were drawn
before it, so any chunking, or any id range on its own, yields exactly the same rows.
"""

from __future__ import annotations

import hashlib

import numpy as np
import numpy.typing as npt

Ids = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_TO_UNIT = 2.0**-53


class RowHash:
    """Uniform and normal variates per row id, one independent stream per name, for one seed."""

    def __init__(self, seed: int) -> None:
        self._seed = seed

    def stream_key(self, stream: str) -> np.uint64:
        digest = hashlib.blake2b(f"{self._seed}:{stream}".encode(), digest_size=8).digest()
        return np.uint64(int.from_bytes(digest, "little"))

    def uniform(self, stream: str, ids: Ids) -> Floats:
        """Values in [0, 1), 53 random bits each (SplitMix64 with the stream key as its offset)."""
        state = ids.astype(np.uint64) * _GOLDEN + self.stream_key(stream)
        state ^= state >> np.uint64(30)
        state *= _MIX_1
        state ^= state >> np.uint64(27)
        state *= _MIX_2
        state ^= state >> np.uint64(31)
        return (state >> np.uint64(11)).astype(np.float64) * _TO_UNIT

    def normal(self, stream: str, ids: Ids) -> Floats:
        """Standard normal values (Box-Muller over two uniform streams)."""
        radius = np.sqrt(-2.0 * np.log1p(-self.uniform(stream + ".r", ids)))
        return radius * np.cos(2.0 * np.pi * self.uniform(stream + ".a", ids))

    def choice(self, stream: str, ids: Ids, cumulative: Floats) -> npt.NDArray[np.intp]:
        """An index per row, drawn with the probabilities whose running sum is `cumulative` (ending at 1)."""
        picks = np.searchsorted(cumulative, self.uniform(stream, ids), side="right")
        return np.minimum(picks, len(cumulative) - 1)


def cumulative(weights: npt.ArrayLike) -> Floats:
    """The running sum of weights, scaled to end at exactly 1."""
    running = np.cumsum(np.asarray(weights, dtype=np.float64))
    running /= running[-1]
    running[-1] = 1.0
    return running
