"""Streaming batch prediction: checked records in, one chunk of answers at a time out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
from spacetime_service.application.ml.batch_prediction import predict_batches
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.observer import SilentObserver
from spacetime_service.application.ml.trained_models import TrainedModel, load_trained_model
from spacetime_service.domain.errors import InvalidInput, NotFound
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest
from tests.fakes.ml_model_store import InMemoryModelStore
from tests.fakes.ml_training_data import InMemoryTrainingData
from tests.support.ml.synthetic_orders import history

if TYPE_CHECKING:
    from collections.abc import Iterator

HISTORY = history(products=30, orders=1_500)


def _client_records(count: int) -> list[dict[str, object]]:
    """What a client sends: JSON values only (times as text), and only the fields the model reads."""
    records = []
    for record in HISTORY.order_records()[:count]:
        created = record["created_at"]
        assert isinstance(created, datetime)
        records.append(
            {
                "id": record["id"],
                "quantity": record["quantity"],
                "unit_price": record["unit_price"],
                "category": record["category"],
                "created_at": created.isoformat(),
            }
        )
    return records


def _trained(task: str, features: tuple[str, ...], clusters: int = 8) -> TrainedModel:
    store = InMemoryModelStore()
    data = InMemoryTrainingData(HISTORY.order_records(), HISTORY.product_records())
    request = TrainingRequest(ModelSpec(task, features, seed=1, clusters=clusters), chunk_rows=500)
    IncrementalTraining(data, SklearnModelTrainerFactory(), store).run("m", request, SilentObserver())
    return load_trained_model(store, SklearnModelTrainerFactory(), "m")


CLASSIFIER = _trained("order_returned", ("quantity", "unit_price", "category", "created_at"))


def test_probabilities_come_chunk_by_chunk_in_record_order() -> None:
    chunks = list(predict_batches(CLASSIFIER, _client_records(25), chunk_rows=10))
    assert [len(chunk) for chunk in chunks] == [10, 10, 5]
    answers = [answer for chunk in chunks for answer in chunk]
    assert [answer["line"] for answer in answers] == list(range(1, 26))
    assert [answer["id"] for answer in answers] == list(range(1, 26))
    assert all(0.0 <= float(answer["probability"] or 0) <= 1.0 for answer in answers)


def test_the_same_record_gets_the_same_answer_in_any_chunking() -> None:
    records = _client_records(30)
    by_seven = [a["probability"] for chunk in predict_batches(CLASSIFIER, records, 7) for a in chunk]
    at_once = [a["probability"] for chunk in predict_batches(CLASSIFIER, records, 100) for a in chunk]
    assert by_seven == at_once


def test_a_bad_record_stops_the_stream_with_its_line_after_earlier_chunks() -> None:
    records = _client_records(12)
    records[10]["category"] = "weapons"
    stream = predict_batches(CLASSIFIER, records, chunk_rows=5)
    assert len(next(stream)) == 5
    assert len(next(stream)) == 5
    with pytest.raises(InvalidInput, match=r"^line 11: category"):
        next(stream)


def test_records_are_read_lazily() -> None:
    def endless() -> Iterator[dict[str, object]]:
        while True:
            yield from _client_records(5)

    first = next(predict_batches(CLASSIFIER, endless(), chunk_rows=8))
    assert len(first) == 8


def test_regression_and_clustering_answer_with_their_own_keys() -> None:
    regressor = _trained("order_quantity", ("unit_price", "category"))
    answer = next(predict_batches(regressor, _client_records(1)))[0]
    assert isinstance(answer["prediction"], float)
    segments = _trained("product_segments", ("product_price", "category"), clusters=3)
    product = {"product_price": 12.5, "category": "books"}
    cluster = next(predict_batches(segments, [product]))[0]["cluster"]
    assert cluster in {0, 1, 2}


def test_an_unknown_model_is_not_found() -> None:
    with pytest.raises(NotFound):
        load_trained_model(InMemoryModelStore(), SklearnModelTrainerFactory(), "missing")
