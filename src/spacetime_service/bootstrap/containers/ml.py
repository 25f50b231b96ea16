"""Machine learning: the model store, training data, trainers, feature extractor and registry; the
`train_model` job handler; and the use cases of training, the registry, prediction and extraction."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
from spacetime_service.adapters.sqlalchemy.model_registry.registry import SqlAlchemyModelRegistry
from spacetime_service.adapters.system.clock import SystemClock
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
from spacetime_service.bootstrap.containers.sklearn_adapters import (
    sklearn_feature_extractor,
    sklearn_trainer_factory,
    skops_model_store,
)
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND


class MlContainer(containers.DeclarativeContainer):
    """`jobs` is the JobsContainer (training is submitted as a job and its status read from the job
    record); `job_handlers` is what this capability adds to the jobs container's `handlers`."""

    settings = providers.Dependency(instance_of=MlSettings)
    database = providers.DependenciesContainer()
    jobs = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)

    clock = providers.Singleton(SystemClock)
    store = providers.Singleton(skops_model_store, settings.provided.model_storage)
    training_data = providers.Singleton(SqlAlchemyTrainingDataSource, database.engine)
    trainers = providers.Singleton(sklearn_trainer_factory)
    feature_extractor = providers.Singleton(sklearn_feature_extractor)
    registry = providers.Singleton(SqlAlchemyModelRegistry, database.engine)
    training = providers.Factory(IncrementalTraining, training_data, trainers, store)

    train_model_handler = providers.Singleton(
        TrainModelHandler,
        training,
        store,
        registry,
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
