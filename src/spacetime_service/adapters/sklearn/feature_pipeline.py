"""The feature pipeline: allow-listed features of a chunk of records as one sparse matrix.

Columns: the numeric features first (standardised by the caller's scaler), then every other feature in
allow-list order: one-hot and cyclic columns, then hashed ids and hashed text. Only the scaler learns
from data, and it learns with `partial_fit`; everything else is fixed by the feature list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from spacetime_service.adapters.sklearn.column_encoders import (
    FloatArray,
    cyclic_columns,
    hashed_columns,
    id_hasher,
    numeric_column,
    one_hot_columns,
    one_hot_encoder,
    text_columns,
    text_vectorizer,
)
from spacetime_service.adapters.sklearn.sparse_matrices import SparseMatrix, side_by_side
from spacetime_service.domain.ml.features import FEATURES, Encoding, Feature

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sklearn.preprocessing import StandardScaler

    from spacetime_service.domain.ml.records import RecordChunk


class SklearnFeaturePipeline:
    def __init__(self, features: Sequence[str]) -> None:
        chosen = [FEATURES[name] for name in features]
        self.numeric = [feature for feature in chosen if feature.encoding is Encoding.NUMERIC]
        self.others = [feature for feature in chosen if feature.encoding is not Encoding.NUMERIC]
        self._one_hot = {f.name: one_hot_encoder(f) for f in self.others if f.encoding is Encoding.ONE_HOT}
        self._hasher = id_hasher()
        self._vectorizer = text_vectorizer()

    def numeric_block(self, chunk: RecordChunk) -> FloatArray | None:
        """The raw numeric features, one column each, or None when none was chosen."""
        if not self.numeric:
            return None
        return np.column_stack([numeric_column(feature, chunk) for feature in self.numeric])

    def encoded(self, feature: Feature, chunk: RecordChunk) -> SparseMatrix | FloatArray:
        if feature.encoding is Encoding.ONE_HOT:
            return one_hot_columns(self._one_hot[feature.name], feature, chunk)
        if feature.encoding is Encoding.CYCLIC:
            return cyclic_columns(feature, chunk)
        if feature.encoding is Encoding.HASHED:
            return hashed_columns(self._hasher, feature, chunk)
        if feature.encoding is Encoding.TEXT:
            return text_columns(self._vectorizer, feature, chunk)
        return numeric_column(feature, chunk).reshape(-1, 1)

    def matrix(
        self, chunk: RecordChunk, scaler: StandardScaler | None, numeric: FloatArray | None = None
    ) -> SparseMatrix:
        """The model's input: scaled numeric block (when there is one) and the other features.
        `numeric` is the chunk's `numeric_block` when the caller has it already."""
        blocks: list[SparseMatrix | FloatArray] = []
        if numeric is None:
            numeric = self.numeric_block(chunk)
        if numeric is not None and scaler is not None:
            blocks.append(_scaled(numeric, scaler))
        blocks.extend(self.encoded(feature, chunk) for feature in self.others)
        return side_by_side(blocks)


def _scaled(numeric: FloatArray, scaler: StandardScaler) -> FloatArray:
    """`scaler.transform(numeric)` for the pipeline's own scaler (the default StandardScaler: centred
    and scaled), the same two operations on the same floats, without checking its input again: the
    checks cost more than the arithmetic for a chunk, 4 % of a streaming prediction's CPU."""
    return (numeric - scaler.mean_) / scaler.scale_  # type: ignore[no-any-return]
