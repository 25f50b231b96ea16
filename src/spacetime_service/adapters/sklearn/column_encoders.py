"""Encoders of single features into NumPy/SciPy columns; none keeps state learnt from data."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer

from spacetime_service.adapters.sklearn.sparse_matrices import SparseMatrix, as_sparse, one_per_row
from spacetime_service.domain.ml.features import HASHED_ID_DIMENSIONS, TEXT_DIMENSIONS, Feature

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.records import RecordChunk

FloatArray = npt.NDArray[np.float64]


def _floats(chunk: RecordChunk, field: str) -> FloatArray:
    return np.asarray(chunk.columns[field], dtype=np.float64)


def numeric_column(feature: Feature, chunk: RecordChunk) -> FloatArray:
    """The feature's raw value per record; log1p for heavy-tailed amounts."""
    if feature.name == "revenue":
        values = _floats(chunk, "quantity") * _floats(chunk, "unit_price")
    elif feature.name == "discount":
        price, paid = _floats(chunk, "product_price"), _floats(chunk, "unit_price")
        values = np.divide(price - paid, price, out=np.zeros_like(price), where=price > 0)
    else:
        values = _floats(chunk, feature.reads[0])
    return np.log1p(values) if feature.log_scale else values


def one_hot_encoder(feature: Feature) -> dict[object, int]:
    """Categories come from the allow-list, so the columns are fixed for good: each category's column."""
    return {category: column for column, category in enumerate(feature.categories)}


def one_hot_columns(encoder: dict[object, int], feature: Feature, chunk: RecordChunk) -> SparseMatrix:
    """One 1.0 per row, in its category's column, built as CSR directly: scikit-learn's OneHotEncoder
    checked and encoded every value again per chunk, 3.6 % of a training run's CPU."""
    values = chunk.columns[feature.reads[0]]
    try:
        columns = np.fromiter(map(encoder.__getitem__, values), dtype=np.int32, count=len(values))
    except KeyError as error:
        raise ValueError(
            f"Found unknown categories [{error.args[0]!r}] in column 0 during transform"
        ) from None
    return one_per_row(columns, len(encoder))


_TAU = 2 * math.pi


def cyclic_columns(feature: Feature, chunk: RecordChunk) -> FloatArray:
    """Day of week, month and hour (UTC) as points on circles, so December sits next to January."""
    stored = cast("Sequence[datetime]", chunk.columns[feature.reads[0]])
    moments = [moment.astimezone(UTC) for moment in stored]
    weekday = np.fromiter((m.weekday() for m in moments), dtype=np.float64, count=len(moments))
    month = np.fromiter((m.month - 1 for m in moments), dtype=np.float64, count=len(moments))
    hour = np.fromiter((m.hour + m.minute / 60 for m in moments), dtype=np.float64, count=len(moments))
    angles = (_TAU * weekday / 7, _TAU * month / 12, _TAU * hour / 24)
    columns = [f(angle) for angle in angles for f in (np.sin, np.cos)]
    columns.append((weekday >= 5).astype(np.float64))
    return np.column_stack(columns)


def id_hasher() -> FeatureHasher:
    return FeatureHasher(n_features=HASHED_ID_DIMENSIONS, input_type="string", alternate_sign=False)


def hashed_columns(hasher: FeatureHasher, feature: Feature, chunk: RecordChunk) -> SparseMatrix:
    field = feature.reads[0]
    tokens = ([f"{field}={value}"] for value in chunk.columns[field])
    return as_sparse(hasher.transform(tokens))


def text_vectorizer() -> HashingVectorizer:
    return HashingVectorizer(n_features=TEXT_DIMENSIONS, alternate_sign=False, norm="l2")


def text_columns(vectorizer: HashingVectorizer, feature: Feature, chunk: RecordChunk) -> SparseMatrix:
    texts = zip(*(chunk.columns[field] for field in feature.reads), strict=True)
    return as_sparse(vectorizer.transform(" ".join(map(str, parts)) for parts in texts))
