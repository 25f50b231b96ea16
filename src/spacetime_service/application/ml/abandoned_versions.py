"""A model version whose training job ended without it: failed, so that it is not `training` forever.

The training handler ends its version itself (ready, or failed with the reason). It never runs for a
job cancelled while still queued, and cannot for a job that ran out of attempts in workers that died;
such a job is terminal while its version still says `training`. Readers of the registry settle it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Conflict
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.domain.jobs.job import Job

_ENDED_WITHOUT_MODEL = frozenset({JobStatus.CANCELLED, JobStatus.FAILED})


def settled(version: ModelVersion, job: Job | None, registry: ModelRegistry, clock: Clock) -> ModelVersion:
    """The version, failed and stored so when its job ended cancelled or failed while it trained."""
    if version.status is not ModelStatus.TRAINING or job is None or job.status not in _ENDED_WITHOUT_MODEL:
        return version
    ended = version.failed(
        f"its training job ended {job.status.value} before the model was ready",
        job.finished_at or clock.now(),
    )
    try:
        registry.update(ended, expected=ModelStatus.TRAINING)
    except Conflict:  # the handler (or another reader) ended it first; theirs stands
        return registry.get(version.id) or version
    return ended
