"""skops serialisation with an explicit allow-list of types, checked before anything is built.

skops itself trusts scikit-learn's estimators by default; this allow-list is narrower: every node of
the file's schema must name one of the types below, so a planted file holding any other estimator, a
function or an unknown class is refused without being loaded. Nothing here ever unpickles.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

import skops.io as sio

from spacetime_service.domain.ml.errors import UntrustedArtifact

if TYPE_CHECKING:
    from collections.abc import Iterator

TRUSTED_TYPES: tuple[str, ...] = (
    "sklearn.linear_model._stochastic_gradient.SGDClassifier",
    "sklearn.linear_model._stochastic_gradient.SGDRegressor",
    "sklearn.cluster._kmeans.MiniBatchKMeans",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn._loss._loss.CyHalfSquaredError",
    "numpy.random.mtrand.RandomState",
)
_PLAIN_TYPES = frozenset(
    {
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.NoneType",
        "numpy.ndarray",
        "numpy.float64",
        "numpy.int64",
        "numpy.int32",
        "numpy.bool_",
        "numpy.dtype",
    }
)
ALLOWED_TYPES = frozenset(TRUSTED_TYPES) | _PLAIN_TYPES


def dumps(obj: object) -> bytes:
    return bytes(sio.dumps(obj))


def require_allowed(data: bytes) -> None:
    """UntrustedArtifact unless `data` is a skops file whose every type is allowed; builds nothing."""
    untrusted = sorted(set(schema_types(data)) - ALLOWED_TYPES)
    if untrusted:
        raise UntrustedArtifact(f"the state holds types outside the allow-list: {', '.join(untrusted)}")


def loads(data: bytes) -> Any:
    """The object in `data`, if every type it names is allowed; UntrustedArtifact otherwise."""
    require_allowed(data)
    try:
        return sio.loads(data, trusted=list(TRUSTED_TYPES))
    # skops raises many kinds of error for a malformed file; none may escape as it is.
    except Exception as error:  # noqa: BLE001
        raise UntrustedArtifact(f"the stored model cannot be read safely ({type(error).__name__})") from None


def schema_types(data: bytes) -> Iterator[str]:
    """`module.class` of every node in the file's schema; UntrustedArtifact if it is not a skops file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            schema = json.loads(archive.read("schema.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UntrustedArtifact(f"the stored model is not a skops file ({type(error).__name__})") from None
    yield from _walk(schema)


def _walk(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if "__module__" in node or "__class__" in node:
            yield f"{node.get('__module__')}.{node.get('__class__')}"
        for child in node.values():
            yield from _walk(child)
    elif isinstance(node, list):
        for child in node:
            yield from _walk(child)
