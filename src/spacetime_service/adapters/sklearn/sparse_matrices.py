"""SciPy sparse matrices, the pipeline's output: rows are records, most columns are zero."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]  # SciPy ships no type information

if TYPE_CHECKING:
    from collections.abc import Sequence

# scikit-learn and SciPy are untyped here, so their objects are Any to mypy; the aliases name the role.
SparseMatrix: TypeAlias = Any
Estimator: TypeAlias = Any


def as_sparse(block: object) -> SparseMatrix:
    return sparse.csr_matrix(block)


def side_by_side(blocks: Sequence[object]) -> SparseMatrix:
    """The blocks' columns one after another, as CSR (what SGD and k-means read fastest)."""
    return sparse.hstack([sparse.csr_matrix(block) for block in blocks], format="csr")


def one_per_row(columns: Any, width: int) -> SparseMatrix:
    """A CSR matrix of `width` columns with one 1.0 per row, in row i at column `columns[i]`."""
    rows = len(columns)
    return sparse.csr_matrix(
        (np.ones(rows, dtype=np.float64), columns, np.arange(rows + 1, dtype=np.int32)), shape=(rows, width)
    )
