"""Feature extraction as a stream: records in, encoded feature rows out, one chunk at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ml.record_batches import record_batches
from spacetime_service.domain.ml.features import fields_read_by, require_feature
from spacetime_service.domain.ml.tasks import require_task

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from spacetime_service.application.ports.feature_extractor import FeatureExtractor, FeatureRow


def feature_rows(
    extractor: FeatureExtractor,
    task: str,
    features: Sequence[str],
    records: Iterable[object],
    chunk_rows: int = 10_000,
) -> Iterator[FeatureRow]:
    """The allow-listed `features` of each record (the task's defaults when none are named), in record
    order. Dense features are named columns (`category=books`, `created_at_month_sin`); a hashed feature
    is one key whose value maps column indexes to values. `id` is the record's own id, `line` its line.
    InvalidInput names the first bad record's 1-based line."""
    chosen = require_task(task).require_features(features)
    needed = fields_read_by(require_feature(name) for name in chosen)
    for batch in record_batches(records, needed, chunk_rows):
        rows = extractor.extract(chosen, batch.chunk)
        for line, client_id, row in zip(batch.chunk.ids, batch.client_ids, rows, strict=True):
            yield {"line": line, "id": client_id, **{k: v for k, v in row.items() if k != "id"}}
