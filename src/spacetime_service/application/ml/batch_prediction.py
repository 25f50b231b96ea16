"""Streaming batch prediction: records in, predictions out, one chunk in memory at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ml.record_batches import record_batches
from spacetime_service.domain.ml.features import FEATURES, fields_read_by
from spacetime_service.domain.ml.tasks import TaskKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacetime_service.application.ml.record_batches import RecordBatch
    from spacetime_service.application.ml.trained_models import TrainedModel

Prediction = dict[str, int | float | None]

_OUTPUT = {
    TaskKind.CLASSIFICATION: "probability",
    TaskKind.REGRESSION: "prediction",
    TaskKind.CLUSTERING: "cluster",
}


def predict_batches(
    model: TrainedModel, records: Iterable[object], chunk_rows: int = 10_000
) -> Iterator[list[Prediction]]:
    """For every record, in order: its 1-based `line`, its own `id` (or None) and the model's answer:
    `probability` of the positive class (classification), `prediction` (regression) or `cluster`.

    Each record is checked against the field allow-list and types first; a bad record raises
    InvalidInput naming its line, after the chunks before it were yielded.
    """
    needed = fields_read_by(FEATURES[name] for name in model.spec.features)
    return predict_chunks(model, record_batches(records, needed, chunk_rows))


def predict_chunks(model: TrainedModel, batches: Iterable[RecordBatch]) -> Iterator[list[Prediction]]:
    """The answers to each batch of checked records, as `predict_batches` gives them."""
    key = _OUTPUT[model.spec.task_rule.kind]
    integral = key == "cluster"
    for batch in batches:
        answers = model.trainer.predict(batch.chunk)
        yield [
            {"line": line, "id": client_id, key: int(answer) if integral else float(answer)}
            for line, client_id, answer in zip(batch.chunk.ids, batch.client_ids, answers, strict=True)
        ]
