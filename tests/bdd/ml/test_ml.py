"""Steps of features/ml: training as a resumable job, the registry, predictions and features."""

from __future__ import annotations

import csv
import io
import time

import numpy as np
import orjson
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.ml.batch_predict import BatchPredictCommand, ModelChoice
from spacetime_service.application.ml.extract_features import ExtractFeaturesCommand
from spacetime_service.application.ml.record_inputs import RecordInput, RecordQuery
from spacetime_service.application.ml.train_model import TrainModelCommand
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.model_version import ModelStatus
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest
from spacetime_service.domain.ml.training_job import TrainingJobRequest
from tests.bdd.ml.conftest import WAIT_SECONDS, MlFeatureWorld
from tests.e2e.http.seed import seed
from tests.support.ml.training_helpers import learnt_arrays

scenarios("ml")

RECORD = {"quantity": 2, "unit_price": 10.5, "discount": None, "product_price": 12.0, "category": "books"}


def _request(task: str, epochs: int, features: tuple[str, ...] = ()) -> TrainingRequest:
    return TrainingRequest(
        ModelSpec(task, features, seed=5), epochs=epochs, chunk_rows=100, checkpoint_every=2
    )


def _train(world: MlFeatureWorld, request: TrainingRequest, alias: str | None = None) -> str:
    command = TrainModelCommand("features", TrainingJobRequest(request, alias))
    model_id: str = world.container.ml.train_model().execute(command).model_id
    return model_id


@given(parsers.parse("an order history of {count:d} orders"))
def an_order_history(world: MlFeatureWorld, count: int) -> None:
    seed(world.database_url, product_count=100, order_count=count)
    world.start()


@given(parsers.parse('a ready model for "{task}" aliased "{alias}"'))
def a_ready_model(world: MlFeatureWorld, task: str, alias: str) -> None:
    world.model_id = _train(world, _request(task, 1), alias)
    assert world.wait_until_ended(world.model_id).status is JobStatus.SUCCEEDED


@when(parsers.parse('I train a model for "{task}" over {epochs:d} epochs with the alias "{alias}"'))
def train_with_alias(world: MlFeatureWorld, task: str, epochs: int, alias: str) -> None:
    world.model_id = _train(world, _request(task, epochs), alias)


@when(parsers.parse('I train a model for "{task}" over {epochs:d} epochs'))
def train(world: MlFeatureWorld, task: str, epochs: int) -> None:
    world.model_id = _train(world, _request(task, epochs))


@when(parsers.parse('I train a model for "{task}" with the feature "{feature}"'))
def train_with_feature(world: MlFeatureWorld, task: str, feature: str) -> None:
    try:
        _train(world, _request(task, 1, (feature,)))
    except DomainError as error:
        world.error = error


@when("the service shuts down after the first checkpoint and starts again")
def restart_after_a_checkpoint(world: MlFeatureWorld) -> None:
    assert world.model_id is not None
    deadline = time.monotonic() + WAIT_SECONDS
    while world.job(world.model_id).checkpoint is None:
        assert time.monotonic() < deadline, "no checkpoint was recorded"
        time.sleep(0.01)
    world.stop()  # a graceful shutdown: the job goes back to the queue with its checkpoint
    world.start()


@then("the training job succeeds")
def job_succeeds(world: MlFeatureWorld) -> None:
    assert world.model_id is not None
    job = world.wait_until_ended(world.model_id)
    assert (job.status, job.result_ref) == (JobStatus.SUCCEEDED, world.model_id)


@then("the training job succeeds on its second attempt")
def job_succeeds_again(world: MlFeatureWorld) -> None:
    assert world.model_id is not None
    job = world.wait_until_ended(world.model_id)
    assert (job.status, job.attempt) == (JobStatus.SUCCEEDED, 2)


@then(parsers.parse("the model is ready with metrics for {epochs:d} epochs"))
def model_is_ready(world: MlFeatureWorld, epochs: int) -> None:
    details = world.container.ml.get_model().execute(world.model_id)
    assert details.version.status is ModelStatus.READY
    assert len(details.version.epoch_metrics) == epochs
    assert 0.0 <= details.version.metrics["roc_auc"] <= 1.0


@then(parsers.parse('the alias "{alias}" of "{task}" names the model'))
def alias_names_the_model(world: MlFeatureWorld, alias: str, task: str) -> None:
    names = [a.name for a in world.container.ml.get_model().execute(world.model_id).aliases]
    assert alias in names
    assert task == world.container.ml.get_model().execute(world.model_id).version.task


@then("the model equals one trained without interruption")
def equals_an_uninterrupted_model(world: MlFeatureWorld) -> None:
    assert world.model_id is not None
    version = world.container.ml.get_model().execute(world.model_id).version
    reference = _train(world, version.request)
    assert world.wait_until_ended(reference).status is JobStatus.SUCCEEDED
    store = SkopsModelStore(world.models)
    expected, actual = learnt_arrays(store, reference), learnt_arrays(store, world.model_id)
    assert expected.keys() == actual.keys()
    assert all(np.array_equal(expected[name], actual[name]) for name in expected)


def _ndjson(count: int, bad_line: int | None = None) -> bytes:
    lines = []
    for i in range(1, count + 1):
        record = {k: v for k, v in RECORD.items() if v is not None}
        record |= {"id": i, "created_at": "2025-02-03T04:05:06Z"}
        if i == bad_line:
            record["quantity"] = -1
        lines.append(orjson.dumps(record))
    return b"\n".join(lines) + b"\n"


def _predict(world: MlFeatureWorld, choice: ModelChoice, records: RecordInput) -> None:
    stream = world.container.ml.batch_predict().execute(BatchPredictCommand(choice, records, 10))
    world.body = b"".join(stream.chunks)


@when(parsers.parse('I ask "{alias}" of "{task}" to predict {count:d} NDJSON records'))
def predict_records(world: MlFeatureWorld, alias: str, task: str, count: int) -> None:
    _predict(world, ModelChoice(task=task, alias=alias), RecordInput(body=iter([_ndjson(count)])))


@when(
    parsers.parse('I ask "{alias}" of "{task}" to predict {count:d} NDJSON records where line {bad:d} is bad')
)
def predict_with_a_bad_line(world: MlFeatureWorld, alias: str, task: str, count: int, bad: int) -> None:
    _predict(world, ModelChoice(task=task, alias=alias), RecordInput(body=iter([_ndjson(count, bad)])))


@when(parsers.parse('I ask "{alias}" of "{task}" to predict the stored orders {first:d} to {last:d}'))
def predict_stored(world: MlFeatureWorld, alias: str, task: str, first: int, last: int) -> None:
    query = RecordQuery(min_id=first, max_id=last)
    _predict(world, ModelChoice(task=task, alias=alias), RecordInput(query=query))


@when(
    parsers.parse(
        'I extract the default features of "{task}" for the stored orders {first:d} to {last:d} as CSV'
    )
)
def extract_stored(world: MlFeatureWorld, task: str, first: int, last: int) -> None:
    records = RecordInput(query=RecordQuery(min_id=first, max_id=last))
    command = ExtractFeaturesCommand(task, records, wire_format=WireFormat.CSV)
    world.body = b"".join(world.container.ml.extract_features().execute(command).chunks)


def _answers(world: MlFeatureWorld) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in world.body.splitlines()]


@then(parsers.parse("I receive {count:d} answers with probabilities in record order"))
def answers_in_order(world: MlFeatureWorld, count: int) -> None:
    answers = _answers(world)
    assert [answer["line"] for answer in answers] == list(range(1, count + 1))
    assert all(0.0 <= float(answer["probability"]) <= 1.0 for answer in answers)  # type: ignore[arg-type]


@then(parsers.parse("the answers stop before the chunk of line {bad:d} with an error naming line {line:d}"))
def answers_then_error(world: MlFeatureWorld, bad: int, line: int) -> None:
    answers = _answers(world)
    chunk_start = (bad - 1) // 10 * 10
    assert [answer["line"] for answer in answers[:-1]] == list(range(1, chunk_start + 1))
    error = answers[-1]["error"]
    assert isinstance(error, dict)
    assert error["line"] == line


@then(parsers.parse("I receive answers for the orders {first:d} to {last:d}"))
def answers_for_orders(world: MlFeatureWorld, first: int, last: int) -> None:
    assert [answer["id"] for answer in _answers(world)] == list(range(first, last + 1))


@then(parsers.parse("the CSV has a header and {count:d} rows"))
def csv_rows(world: MlFeatureWorld, count: int) -> None:
    table = list(csv.reader(io.StringIO(world.body.decode())))
    assert table[0][:2] == ["line", "id"]
    assert len(table) == count + 1
