"""Port: the model pipeline's feature encoding on its own, for clients that train elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.records import RecordChunk

# Dense columns by name; each hashed feature as a sparse map from column index (as text) to value.
FeatureRow = dict[str, float | int | dict[str, float] | None]


@runtime_checkable
class FeatureExtractor(Protocol):
    def extract(self, features: Sequence[str], chunk: RecordChunk) -> list[FeatureRow]:
        """One row per record, `id` first: the unscaled encoding of the allow-listed `features`."""
