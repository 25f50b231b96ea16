"""Training requests and positions survive JSON unchanged, and bad JSON is refused by name."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from spacetime_service.application.ml.position import TrainingPhase, TrainingPosition
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.specs import DataRange, ModelSpec, TrainingRequest


def test_a_request_round_trips_through_json_text() -> None:
    request = TrainingRequest(
        ModelSpec("product_segments", ("product_price", "category"), seed=5, clusters=3),
        DataRange(datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 6, 1, tzinfo=UTC)),
        epochs=3,
        validation_fraction=0.2,
        chunk_rows=500,
        checkpoint_every=2,
    )
    assert TrainingRequest.from_json(json.loads(json.dumps(request.to_json()))) == request


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"epochs": 0}, "epochs"),
        ({"epochs": "3"}, "epochs"),
        ({"validation_fraction": 0}, "validation_fraction"),
        ({"validation_fraction": 0.9}, "validation_fraction"),
        ({"chunk_rows": 10}, "chunk_rows"),
        ({"checkpoint_every": 0}, "checkpoint_every"),
        ({"spec": {"task": "order_returned", "seed": -1}}, "seed"),
        ({"spec": {"task": "product_segments", "clusters": 1}}, "clusters"),
        ({"spec": {"task": "order_returned", "alpha": 0}}, "alpha"),
        ({"data_range": {"created_from": "2024-01-01T00:00:00"}}, "created_from"),
    ],
)
def test_a_bad_request_names_its_field(change: dict[str, object], field: str) -> None:
    body = {"spec": {"task": "order_returned"}, **change}
    with pytest.raises(InvalidInput) as error:
        TrainingRequest.from_json(body)  # type: ignore[arg-type]
    assert error.value.field == field


def test_an_empty_or_reversed_range_is_refused() -> None:
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        DataRange(moment, moment)


def test_a_position_round_trips_and_moves_from_pass_to_pass() -> None:
    position = TrainingPosition(
        upper_id=99,
        rows_total=50,
        last_id=40,
        pass_rows=20,
        epoch_chunk=2,
        first_id=3,
        segment_ends=(50, 99),
        segment_cursors=(20, 70),
    )
    assert TrainingPosition.from_json(json.loads(json.dumps(position.to_json()))) == position
    validating = position.next_pass(epochs=2)
    assert (validating.phase, validating.last_id, validating.epoch) == (TrainingPhase.VALIDATING, 0, 0)
    second = validating.next_pass(epochs=2)
    assert (second.phase, second.epoch, second.epoch_chunk) == (TrainingPhase.TRAINING, 1, 0)
    assert second.segment_cursors == (2, 50)
    finished = second.next_pass(2).next_pass(2)
    assert finished.phase is TrainingPhase.FINISHED
    assert finished.rows_done() == 4 * 50


def test_a_malformed_position_is_refused() -> None:
    body = TrainingPosition(upper_id=1, rows_total=1).to_json()
    body["epoch"] = "one"
    with pytest.raises(InvalidInput, match="malformed"):
        TrainingPosition.from_json(body)
    with pytest.raises(InvalidInput, match="unknown format"):
        TrainingPosition.from_json({"format": 99})
