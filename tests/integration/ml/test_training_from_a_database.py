"""Training end to end on real databases and real files: the SQL source, the skops store, and a resume
in a new process that ends with the model an uninterrupted run builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from sqlalchemy import Engine, create_engine

from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
from spacetime_service.application.ml.batch_prediction import predict_batches
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.observer import SilentObserver
from spacetime_service.application.ml.trained_models import load_trained_model
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest
from tests.support import servers
from tests.support.ml.history_tables import fill
from tests.support.ml.synthetic_orders import history
from tests.support.ml.training_helpers import StopAfter, learnt_arrays

if TYPE_CHECKING:
    from collections.abc import Iterator

HISTORY = history(products=50, orders=4_000, seed=11)
FEATURES = ("quantity", "unit_price", "discount", "category", "product_id", "created_at", "product_text")
REQUEST = TrainingRequest(
    ModelSpec("order_returned", FEATURES, seed=9), epochs=2, chunk_rows=500, checkpoint_every=2
)
REPOSITORY = Path(__file__).resolve().parents[3]


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'orders.db'}")
    fill(engine, HISTORY)
    yield engine
    engine.dispose()


def _training(engine: Engine, store: SkopsModelStore) -> IncrementalTraining:
    return IncrementalTraining(SqlAlchemyTrainingDataSource(engine), SklearnModelTrainerFactory(), store)


def _assert_same(store: SkopsModelStore, first: str, second: str) -> None:
    expected, actual = learnt_arrays(store, first), learnt_arrays(store, second)
    assert expected.keys() == actual.keys()
    assert all(np.array_equal(value, actual[name]) for name, value in expected.items())


def test_a_run_stopped_here_and_resumed_in_a_new_process_builds_the_same_model(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    store = SkopsModelStore(tmp_path / "models")
    _training(sqlite_engine, store).run("whole", REQUEST, SilentObserver())
    stopped = _training(sqlite_engine, store).run("parts", REQUEST, StopAfter(5))
    assert not stopped.finished
    assert store.load_checkpoint("parts") is not None
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.integration.ml.resume_training",
            str(sqlite_engine.url),
            str(tmp_path / "models"),
            "parts",
            json.dumps(REQUEST.to_json()),
        ],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout)["finished"] is True
    _assert_same(store, "whole", "parts")
    assert store.load_checkpoint("parts") is None


def test_the_stored_model_predicts_records_sent_by_a_client(sqlite_engine: Engine, tmp_path: Path) -> None:
    store = SkopsModelStore(tmp_path / "models")
    _training(sqlite_engine, store).run("m", REQUEST, SilentObserver())
    model = load_trained_model(store, SklearnModelTrainerFactory(), "m")
    records = [
        {key: value.isoformat() if key == "created_at" else value for key, value in record.items()}  # type: ignore[attr-defined]
        for record in HISTORY.order_records()[:50]
    ]
    answers = [answer for chunk in predict_batches(model, records, chunk_rows=20) for answer in chunk]
    assert len(answers) == 50
    assert len({answer["probability"] for answer in answers}) > 10
    trained = model.metadata["trained_range"]
    assert isinstance(trained, dict)
    assert (trained["first_id"], trained["last_id"]) == (1, 4000)


def test_sqlite_and_postgresql_train_the_same_model(sqlite_engine: Engine, tmp_path: Path) -> None:
    for url in servers.fresh_postgres_database():
        postgres = create_engine(url)
        try:
            fill(postgres, HISTORY)
            store = SkopsModelStore(tmp_path / "models")
            _training(sqlite_engine, store).run("on-sqlite", REQUEST, SilentObserver())
            _training(postgres, store).run("on-postgres", REQUEST, SilentObserver())
            _assert_same(store, "on-sqlite", "on-postgres")
        finally:
            postgres.dispose()
