"""The JSON half of a training checkpoint: the request it belongs to and the position reached.

This position is what a resumed training starts from, and it is saved in the model store together
with the learner's state it belongs to (one atomic save), never apart from it on the job record: the
two could then disagree after a crash between their writes (docs/jobs.md, "Training").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ml.position import TrainingPosition
from spacetime_service.application.ports.model_store import TrainingCheckpoint
from spacetime_service.domain.errors import Conflict
from spacetime_service.domain.jobs.json_value import JsonObject, canonical_json

if TYPE_CHECKING:
    from spacetime_service.domain.ml.specs import TrainingRequest


def checkpoint_of(request: TrainingRequest, position: TrainingPosition, state: bytes) -> TrainingCheckpoint:
    return TrainingCheckpoint(state=state, position={"request": request.to_json(), "at": position.to_json()})


def position_of(request: TrainingRequest, checkpoint: TrainingCheckpoint) -> TrainingPosition:
    """The checkpoint's position, if it was written for this very request; Conflict otherwise (a model
    id reused for another request must not resume someone else's run)."""
    saved_request, at = checkpoint.position.get("request"), checkpoint.position.get("at")
    if not isinstance(saved_request, dict) or canonical_json(saved_request) != canonical_json(
        request.to_json()
    ):
        raise Conflict("the model's checkpoint belongs to another training request")
    if not isinstance(at, dict):
        raise Conflict("the model's checkpoint has no position")
    position: JsonObject = at
    return TrainingPosition.from_json(position)
