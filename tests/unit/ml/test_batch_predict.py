"""BatchPredict: a ready model by id or alias answers NDJSON or stored records, chunk by chunk."""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson
import pytest

from spacetime_service.application.ml.batch_predict import BatchPredictCommand, ModelChoice
from spacetime_service.application.ml.record_inputs import RecordInput, RecordQuery
from spacetime_service.domain.errors import Conflict, InvalidInput, NotFound
from tests.unit.ml.ml_world import HISTORY, MlWorld, returned_request

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def world() -> MlWorld:
    world = MlWorld()
    world.trained(returned_request(epochs=1), alias="production")
    return world


def _ndjson(count: int, bad_line: int | None = None) -> list[bytes]:
    lines = []
    for i in range(1, count + 1):
        record = {
            "id": 1000 + i,
            "quantity": i % 5 + 1,
            "unit_price": 10.0 + i,
            "product_price": 12.0 + i,
            "category": "books",
            "created_at": "2025-01-02T10:00:00+00:00",
        }
        if i == bad_line:
            record["category"] = "spaceships"
        lines.append(orjson.dumps(record) + b"\n")
    return lines


def _chunks(lines: list[bytes], size: int = 7) -> Iterator[bytes]:
    """The body as a stream of odd-sized chunks, so that lines straddle them."""
    body = b"".join(lines)
    return iter([body[i : i + size] for i in range(0, len(body), size)])


def _predict(world: MlWorld, command: BatchPredictCommand) -> list[dict[str, object]]:
    stream = world.batch_predict().execute(command)
    assert stream.media_type == "application/x-ndjson"
    return [orjson.loads(line) for line in b"".join(stream.chunks).splitlines()]


def test_records_by_alias_are_answered_in_order_with_their_lines_and_ids(world: MlWorld) -> None:
    command = BatchPredictCommand(
        ModelChoice(task="order_returned", alias="production", owner="alice"),
        RecordInput(body=_chunks(_ndjson(25))),
        10,
    )

    answers = _predict(world, command)

    assert [answer["line"] for answer in answers] == list(range(1, 26))
    assert [answer["id"] for answer in answers] == list(range(1001, 1026))
    assert all(0.0 <= float(answer["probability"]) <= 1.0 for answer in answers)  # type: ignore[arg-type]


def test_the_same_model_by_id_gives_the_same_answers(world: MlWorld) -> None:
    alias = world.registry.alias("alice", "order_returned", "production")
    assert alias is not None
    by_alias = BatchPredictCommand(
        ModelChoice(task="order_returned", alias="production", owner="alice"),
        RecordInput(body=iter(_ndjson(5))),
    )
    by_id = BatchPredictCommand(ModelChoice(alias.model_id), RecordInput(body=iter(_ndjson(5))))

    assert _predict(world, by_alias) == _predict(world, by_id)


def test_a_bad_record_in_the_first_chunk_fails_the_whole_request(world: MlWorld) -> None:
    command = BatchPredictCommand(
        ModelChoice(task="order_returned", alias="production", owner="alice"),
        RecordInput(body=iter(_ndjson(25, bad_line=4))),
        10,
    )
    stream = world.batch_predict().execute(command)

    with pytest.raises(InvalidInput, match=r"^line 4: category") as refused:
        next(stream.chunks)

    assert refused.value.field == "category"


def test_a_bad_record_after_the_first_chunk_ends_the_stream_with_an_error_line(world: MlWorld) -> None:
    command = BatchPredictCommand(
        ModelChoice(task="order_returned", alias="production", owner="alice"),
        RecordInput(body=iter(_ndjson(25, bad_line=14))),
        10,
    )

    answers = _predict(world, command)

    assert [answer["line"] for answer in answers[:-1]] == list(range(1, 11))
    error = answers[-1]["error"]
    assert isinstance(error, dict)
    assert (error["status"], error["line"], error["field"]) == (422, 14, "category")


def test_stored_records_are_chosen_by_id_range(world: MlWorld) -> None:
    alias = world.registry.alias("alice", "order_returned", "production")
    assert alias is not None
    command = BatchPredictCommand(
        ModelChoice(alias.model_id), RecordInput(query=RecordQuery(min_id=11, max_id=40)), 8
    )

    answers = _predict(world, command)

    assert [answer["id"] for answer in answers] == list(range(11, 41))
    assert len(HISTORY.orders) > 40


def test_only_a_ready_model_predicts(world: MlWorld) -> None:
    training = world.submit(returned_request(seed=9))

    with pytest.raises(Conflict, match="not ready"):
        world.batch_predict().execute(
            BatchPredictCommand(ModelChoice(training.model_id), RecordInput(body=iter([])))
        )


def test_an_unknown_model_or_alias_is_not_found(world: MlWorld) -> None:
    with pytest.raises(NotFound):
        world.batch_predict().execute(BatchPredictCommand(ModelChoice("nope"), RecordInput(body=iter([]))))
    with pytest.raises(NotFound):
        world.batch_predict().execute(
            BatchPredictCommand(
                ModelChoice(task="order_returned", alias="nightly", owner="alice"), RecordInput(body=iter([]))
            )
        )


@pytest.mark.parametrize(
    ("choice", "field"),
    [
        (ModelChoice, "model_id"),
        (lambda: ModelChoice("m-1", task="order_returned", alias="production"), "model_id"),
        (lambda: ModelChoice(task="churn", alias="production"), "task"),
        (lambda: ModelChoice("../etc"), "model_id"),
    ],
)
def test_a_model_is_chosen_by_id_or_by_task_and_alias(choice: object, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        choice()  # type: ignore[operator]

    assert refused.value.field == field


def test_records_and_a_query_exclude_each_other() -> None:
    with pytest.raises(InvalidInput):
        RecordInput(body=iter([]), query=RecordQuery())
    with pytest.raises(InvalidInput):
        RecordInput()


def test_another_owners_model_or_alias_is_not_found(world: MlWorld) -> None:
    alias = world.registry.alias("alice", "order_returned", "production")
    assert alias is not None

    with pytest.raises(NotFound):
        world.batch_predict().execute(
            BatchPredictCommand(ModelChoice(alias.model_id, owner="mallory"), RecordInput(body=iter([])))
        )
    with pytest.raises(NotFound):
        world.batch_predict().execute(
            BatchPredictCommand(
                ModelChoice(task="order_returned", alias="production", owner="mallory"),
                RecordInput(body=iter([])),
            )
        )
