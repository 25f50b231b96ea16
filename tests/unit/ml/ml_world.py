"""The ML use cases over fakes: an in-memory order history, model store and registry, the job engine's
fakes and the real scikit-learn trainers; for unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacetime_service.adapters.sklearn.sklearn_feature_extractor import SklearnFeatureExtractor
from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
from spacetime_service.application.jobs.submit_job import SubmitJob
from spacetime_service.application.ml.batch_predict import BatchPredict
from spacetime_service.application.ml.extract_features import ExtractFeatures
from spacetime_service.application.ml.get_model import GetModel
from spacetime_service.application.ml.get_model_status import GetModelStatus
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.list_models import ListModels
from spacetime_service.application.ml.set_model_alias import SetModelAlias
from spacetime_service.application.ml.train_model import (
    TrainModel,
    TrainModelCommand,
    TrainModelResult,
)
from spacetime_service.application.ml.training_handler import TrainModelHandler
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND, TrainingJobRequest
from tests.fakes.ml_model_registry import InMemoryModelRegistry
from tests.fakes.ml_model_store import InMemoryModelStore
from tests.fakes.ml_training_data import InMemoryTrainingData
from tests.support.jobs.engine import Engine
from tests.support.ml.synthetic_orders import history

HISTORY = history(products=60, orders=1_200)
FEATURES = ("quantity", "unit_price", "discount", "category", "created_at")


def returned_request(*, seed: int = 3, epochs: int = 2, checkpoint_every: int = 2) -> TrainingRequest:
    """Two epochs of five chunks of order records, a checkpoint every two chunks."""
    return TrainingRequest(
        ModelSpec("order_returned", FEATURES, seed=seed),
        epochs=epochs,
        validation_fraction=0.2,
        chunk_rows=250,
        checkpoint_every=checkpoint_every,
    )


class Ticks:
    """A stand-in for time.monotonic that moves one second per call, so every progress is recorded."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@dataclass
class MlWorld:
    engine: Engine = field(default_factory=Engine)
    data: InMemoryTrainingData = field(
        default_factory=lambda: InMemoryTrainingData(HISTORY.order_records(), HISTORY.product_records())
    )
    store: InMemoryModelStore = field(default_factory=InMemoryModelStore)
    registry: InMemoryModelRegistry = field(default_factory=InMemoryModelRegistry)
    trainers: SklearnModelTrainerFactory = field(default_factory=SklearnModelTrainerFactory)

    def handler(self) -> TrainModelHandler:
        training = IncrementalTraining(self.data, self.trainers, self.store)
        return TrainModelHandler(
            training, self.store, self.registry, self.engine.repository, self.engine.clock, seconds=Ticks()
        )

    def train_model(self) -> TrainModel:
        submit = SubmitJob(
            self.engine.repository, self.engine.runner, self.engine.clock, self.engine.ids, {TRAIN_MODEL_KIND}
        )
        return TrainModel(submit, self.registry, self.data)

    def submit(
        self, request: TrainingRequest, alias: str | None = None, key: str | None = None
    ) -> TrainModelResult:
        return self.train_model().execute(TrainModelCommand("alice", TrainingJobRequest(request, alias), key))

    def run(self, job_id: str, worker: str = "worker-1") -> Any:
        return self.engine.run(self.engine.executor(self.handler()), worker, job_id)

    def trained(self, request: TrainingRequest, alias: str | None = None) -> str:
        """The id of a ready model trained for the request."""
        submitted = self.submit(request, alias)
        self.run(submitted.job.id)
        return submitted.model_id

    def list_models(self) -> ListModels:
        return ListModels(self.registry, CursorCodec(b"unit-secret"))

    def get_model(self) -> GetModel:
        return GetModel(self.registry, self.engine.repository, self.engine.clock)

    def get_model_status(self) -> GetModelStatus:
        return GetModelStatus(self.registry, self.engine.repository, self.engine.clock)

    def set_model_alias(self) -> SetModelAlias:
        return SetModelAlias(self.registry)

    def batch_predict(self) -> BatchPredict:
        return BatchPredict(self.registry, self.store, self.trainers, self.data)

    def extract_features(self) -> ExtractFeatures:
        return ExtractFeatures(SklearnFeatureExtractor(), self.data)
