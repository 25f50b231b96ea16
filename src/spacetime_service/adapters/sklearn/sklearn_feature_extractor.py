"""FeatureExtractor on the model pipeline: the same encoders, without the scaler.

Dense features become named columns; a hashed id or text becomes one key whose value maps the nonzero
column indexes (as text, 0 to 4095) to their values, so a row stays small whatever the hashed width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.sklearn.feature_pipeline import SklearnFeaturePipeline
from spacetime_service.adapters.sklearn.sparse_matrices import as_sparse
from spacetime_service.domain.ml.features import FEATURES, Encoding

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.feature_extractor import FeatureRow
    from spacetime_service.domain.ml.records import RecordChunk

_SPARSE = frozenset({Encoding.HASHED, Encoding.TEXT})


class SklearnFeatureExtractor:
    def extract(self, features: Sequence[str], chunk: RecordChunk) -> list[FeatureRow]:
        pipeline = SklearnFeaturePipeline(features)
        rows: list[FeatureRow] = [{"id": row_id} for row_id in chunk.ids]
        for name in features:
            feature = FEATURES[name]
            encoded = pipeline.encoded(feature, chunk)
            if feature.encoding in _SPARSE:
                matrix = as_sparse(encoded)
                for row, (start, end) in zip(rows, _row_bounds(matrix.indptr), strict=True):
                    indexes, values = matrix.indices[start:end], matrix.data[start:end]
                    row[name] = {str(int(i)): float(v) for i, v in zip(indexes, values, strict=True)}
                continue
            dense = as_sparse(encoded).toarray()
            for row, values in zip(rows, dense.tolist(), strict=True):
                row.update(zip(feature.dense_columns, values, strict=True))
        return rows


def _row_bounds(indptr: Sequence[int]) -> list[tuple[int, int]]:
    return [(int(indptr[i]), int(indptr[i + 1])) for i in range(len(indptr) - 1)]
