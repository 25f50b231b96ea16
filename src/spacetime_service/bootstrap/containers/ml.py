"""Machine learning: the model store, training data, trainers, feature extractor and registry; the
`train_model` job handler; and the use cases of training, the registry, prediction and extraction.

The scikit-learn adapters are built on first use: importing scikit-learn, SciPy and skops costs several
seconds, which every API, CLI and worker process would otherwise pay at start-up (the job handlers are
built when the runner starts) even when it never trains or predicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
from spacetime_service.adapters.sqlalchemy.model_registry.registry import SqlAlchemyModelRegistry
from spacetime_service.application.ml.batch_predict import BatchPredict
from spacetime_service.application.ml.extract_features import ExtractFeatures
from spacetime_service.application.ml.get_model import GetModel
from spacetime_service.application.ml.get_model_status import GetModelStatus
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.list_models import ListModels
from spacetime_service.application.ml.set_model_alias import SetModelAlias
from spacetime_service.application.ml.train_model import TrainModel
from spacetime_service.application.ml.training_handler import TrainModelHandler
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.bootstrap.containers.deferred import deferred
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.feature_extractor import FeatureExtractor
    from spacetime_service.application.ports.model_store import ModelStore
    from spacetime_service.application.ports.model_trainer_factory import ModelTrainerFactory


def skops_model_store(root: Path) -> ModelStore:
    def build() -> ModelStore:
        from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore

        return SkopsModelStore(root)

    return deferred(build)


def sklearn_trainer_factory() -> ModelTrainerFactory:
    def build() -> ModelTrainerFactory:
        from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory

        return SklearnModelTrainerFactory()

    return deferred(build)


def sklearn_feature_extractor() -> FeatureExtractor:
    def build() -> FeatureExtractor:
        from spacetime_service.adapters.sklearn.sklearn_feature_extractor import SklearnFeatureExtractor

        return SklearnFeatureExtractor()

    return deferred(build)


class MlContainer(containers.DeclarativeContainer):
    """`jobs` is the JobsContainer (training is submitted as a job and its status read from the job
    record); `job_handlers` is what this capability adds to the jobs container's `handlers`;
    `cursor_codec` and `clock` are the root's."""

    settings = providers.Dependency(instance_of=MlSettings)
    database = providers.DependenciesContainer()
    jobs = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)
    clock: providers.Dependency[Clock] = providers.Dependency()

    store = providers.Singleton(skops_model_store, settings.provided.model_storage)
    training_data = providers.Singleton(SqlAlchemyTrainingDataSource, database.engine)
    trainers = providers.Singleton(sklearn_trainer_factory)
    feature_extractor = providers.Singleton(sklearn_feature_extractor)
    registry = providers.Singleton(SqlAlchemyModelRegistry, database.engine)
    training = providers.Factory(IncrementalTraining, training_data, trainers, store)
    # The training job reads and records through the job pool, which HTTP traffic never uses.
    job_training = providers.Factory(
        IncrementalTraining,
        providers.Singleton(SqlAlchemyTrainingDataSource, database.job_engine),
        trainers,
        store,
    )
    job_registry = providers.Singleton(SqlAlchemyModelRegistry, database.job_engine)

    train_model_handler = providers.Singleton(
        TrainModelHandler,
        job_training,
        store,
        job_registry,
        jobs.runner_repository,
        clock,
        progress_interval_seconds=settings.provided.training_progress_seconds,
    )
    job_handlers = providers.Dict({TRAIN_MODEL_KIND: train_model_handler})

    train_model = providers.Factory(TrainModel, jobs.submit_job, registry, training_data)
    list_models = providers.Factory(ListModels, registry, cursor_codec)
    get_model = providers.Factory(GetModel, registry, jobs.repository, clock)
    get_model_status = providers.Factory(GetModelStatus, registry, jobs.repository, clock)
    set_model_alias = providers.Factory(SetModelAlias, registry)
    batch_predict = providers.Factory(BatchPredict, registry, store, trainers, training_data)
    extract_features = providers.Factory(ExtractFeatures, feature_extractor, training_data)
