"""Resumes (or runs) a training in this process: `python -m tests.integration.ml.resume_training
DATABASE_URL MODEL_ROOT MODEL_ID REQUEST_JSON`. Prints the outcome's metrics as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import create_engine

from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.observer import SilentObserver
from spacetime_service.domain.ml.specs import TrainingRequest


def main(database_url: str, model_root: str, model_id: str, request_json: str) -> None:
    engine = create_engine(database_url)
    training = IncrementalTraining(
        SqlAlchemyTrainingDataSource(engine), SklearnModelTrainerFactory(), SkopsModelStore(Path(model_root))
    )
    outcome = training.run(model_id, TrainingRequest.from_json(json.loads(request_json)), SilentObserver())
    print(json.dumps({"finished": outcome.finished, "metrics": outcome.metrics}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
