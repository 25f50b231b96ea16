"""How the `spacetime ml` commands print model versions: one line for people, or for scripts JSON of
the shapes HTTP answers with (a model version, its training status, an accepted training)."""

from __future__ import annotations

from collections.abc import Sequence

from spacetime_service.application.encoding.wire import wire_time
from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.application.ml.get_model_status import ModelTrainingStatus
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue
from spacetime_service.domain.ml.model_version import ModelVersion


def model_line(version: ModelVersion) -> str:
    """`<id>  <task>  <status>  <created>  [metric=value ...]  [error: ...]` on one line."""
    parts = [version.id, version.task, version.status.value, wire_time(version.created_at)]
    parts += [f"{name}={value:.4g}" for name, value in version.metrics.items() if name != "rows"]
    if version.error is not None:
        parts.append(f"error: {version.error}")
    return "  ".join(parts)


def model_document(version: ModelVersion, aliases: Sequence[str] = ()) -> JsonObject:
    """As `GET /ml/models/{id}` shows it; a listed version has no aliases there either."""
    trained = version.trained_range
    epochs: list[JsonValue] = [dict(epoch) for epoch in version.epoch_metrics]
    return {
        "id": version.id,
        "task": version.task,
        "status": version.status.value,
        "job_id": version.job_id,
        "request": version.request.to_json(),
        "metrics": dict(version.metrics),
        "epoch_metrics": epochs,
        "trained_range": None
        if trained is None
        else {
            "first_id": trained.first_id,
            "last_id": trained.last_id,
            "trained_rows": trained.trained_rows,
            "validation_rows": trained.validation_rows,
        },
        "aliases": list(aliases),
        "error": version.error,
        "created_at": wire_time(version.created_at),
        "finished_at": None if version.finished_at is None else wire_time(version.finished_at),
    }


def status_document(status: ModelTrainingStatus) -> JsonObject:
    """As `GET /ml/models/{id}/status` shows it: the epoch and phase while the version trains."""
    training = status.training
    version = status.version
    metrics = training.metrics if training is not None else version.metrics
    return {
        "model_id": version.id,
        "status": version.status.value,
        "epoch": None if training is None else training.epoch,
        "epochs": version.request.epochs,
        "phase": None if training is None else training.phase,
        "metrics": dict(metrics),
        "job": None if status.job is None else job_view(status.job),
    }


def train_document(version: ModelVersion, aliases: Sequence[str], job: Job) -> JsonObject:
    """As the 202 of `POST /ml/train` shows a submitted training: the version and its job."""
    return {"model_id": version.id, "model": model_document(version, aliases), "job": job_view(job)}
