"""Steps of features/ml/predict.feature: predictions and features in bulk, through their use cases."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import orjson
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.ml.batch_predict import BatchPredictCommand, ModelChoice
from spacetime_service.application.ml.extract_features import ExtractFeaturesCommand
from spacetime_service.application.ml.record_inputs import RecordInput, RecordQuery
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.job_waits import wait_until_ended
from tests.bdd.ml.training import OWNER, train, training_request
from tests.bdd.service_processes import PREDICT_CHUNK_ROWS

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer

scenarios("ml/predict.feature")

RECORD = {"quantity": 2, "unit_price": 10.5, "product_price": 12.0, "category": "books"}

# The answer lines of a prediction, in order; the last one may be an error line.
Answers = list[dict[str, object]]


@given(parsers.parse('a ready model for "{task}" aliased "{alias}"'), target_fixture="model_id")
def a_ready_model(container: RootContainer, task: str, alias: str) -> str:
    model_id = train(container, training_request(task, 1), alias)
    assert wait_until_ended(container, model_id).status is JobStatus.SUCCEEDED
    return model_id


def _ndjson(count: int, bad_line: int | None = None) -> bytes:
    """`count` records; the one on `bad_line` has a quantity no order can have."""
    lines = []
    for i in range(1, count + 1):
        record = RECORD | {"id": i, "created_at": "2025-02-03T04:05:06Z"}
        if i == bad_line:
            record["quantity"] = -1
        lines.append(orjson.dumps(record))
    return b"\n".join(lines) + b"\n"


def _predict(container: RootContainer, choice: ModelChoice, records: RecordInput) -> Answers:
    command = BatchPredictCommand(choice, records, PREDICT_CHUNK_ROWS)
    body = b"".join(container.ml.batch_predict().execute(command).chunks)
    return [orjson.loads(line) for line in body.splitlines()]


@when(
    parsers.parse('I ask "{alias}" of "{task}" to predict {count:d} NDJSON records'), target_fixture="answers"
)
def predict_records(container: RootContainer, alias: str, task: str, count: int) -> Answers:
    return _predict(
        container, ModelChoice(task=task, alias=alias, owner=OWNER), RecordInput(body=iter([_ndjson(count)]))
    )


@when(
    parsers.parse(
        'I ask "{alias}" of "{task}" to predict {count:d} NDJSON records where line {bad:d} is bad'
    ),
    target_fixture="answers",
)
def predict_with_a_bad_line(container: RootContainer, alias: str, task: str, count: int, bad: int) -> Answers:
    records = RecordInput(body=iter([_ndjson(count, bad)]))
    return _predict(container, ModelChoice(task=task, alias=alias, owner=OWNER), records)


@when(
    parsers.parse('I ask "{alias}" of "{task}" to predict the stored orders {first:d} to {last:d}'),
    target_fixture="answers",
)
def predict_stored(container: RootContainer, alias: str, task: str, first: int, last: int) -> Answers:
    records = RecordInput(query=RecordQuery(min_id=first, max_id=last))
    return _predict(container, ModelChoice(task=task, alias=alias, owner=OWNER), records)


@when(
    parsers.parse(
        'I extract the default features of "{task}" for the stored orders {first:d} to {last:d} as CSV'
    ),
    target_fixture="table",
)
def extract_stored(container: RootContainer, task: str, first: int, last: int) -> list[list[str]]:
    records = RecordInput(query=RecordQuery(min_id=first, max_id=last))
    command = ExtractFeaturesCommand(task, records, wire_format=WireFormat.CSV)
    body = b"".join(container.ml.extract_features().execute(command).chunks)
    return list(csv.reader(io.StringIO(body.decode())))


@then(parsers.parse("I receive {count:d} answers with probabilities in record order"))
def answers_in_order(answers: Answers, count: int) -> None:
    assert [answer["line"] for answer in answers] == list(range(1, count + 1))
    assert all(0.0 <= float(str(answer["probability"])) <= 1.0 for answer in answers)


@then(parsers.parse("the answers stop before the chunk of line {bad:d} with an error naming line {line:d}"))
def answers_then_error(answers: Answers, bad: int, line: int) -> None:
    chunk_start = (bad - 1) // PREDICT_CHUNK_ROWS * PREDICT_CHUNK_ROWS
    assert [answer["line"] for answer in answers[:-1]] == list(range(1, chunk_start + 1))
    error = answers[-1]["error"]
    assert isinstance(error, dict)
    assert error["line"] == line


@then(parsers.parse("I receive answers for the orders {first:d} to {last:d}"))
def answers_for_orders(answers: Answers, first: int, last: int) -> None:
    assert [answer["id"] for answer in answers] == list(range(first, last + 1))


@then(parsers.parse("the CSV has a header and {count:d} rows"))
def csv_rows(table: list[list[str]], count: int) -> None:
    assert table[0][:2] == ["line", "id"]
    assert len(table) == count + 1
