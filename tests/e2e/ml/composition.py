"""The service's root container with the ML container joined in and its job handler registered, and
an app over it with the ML router wired; for the ML tests, until the service's own root holds them.

Once `RootContainer` has `ml` (and `create_app` wires the ML router), `ml_container` and
`create_ml_app` return the service's own.
"""

from __future__ import annotations

from typing import Any

from dependency_injector import providers
from fastapi import FastAPI

from spacetime_service.bootstrap.containers.ml import MlContainer
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND
from spacetime_service.entrypoints.http import app as http_app
from spacetime_service.entrypoints.http.routers import ml as ml_router

SERVICE_HAS_ML = "ml" in RootContainer.providers


class MlServiceContainer(RootContainer):
    """What root.py is to hold beside `jobs`: `ml`, whose handlers `ml_container` registers with jobs."""

    ml_settings = providers.Singleton(MlSettings)
    ml = providers.Container(
        MlContainer,
        settings=ml_settings,
        database=RootContainer.database,
        jobs=RootContainer.jobs,
        cursor_codec=RootContainer.catalog.cursor_codec,
    )


def ml_container(settings: Settings, ml_settings: MlSettings | None = None) -> Any:
    """A root container with `jobs` and `ml`; `ml_settings` overrides the environment's."""
    container: Any = (
        RootContainer(settings=settings) if SERVICE_HAS_ML else MlServiceContainer(settings=settings)
    )
    if ml_settings is not None:
        container.ml.settings.override(providers.Object(ml_settings))
    if not SERVICE_HAS_ML:
        handlers = {TRAIN_MODEL_KIND: container.ml.train_model_handler}
        container.jobs.handlers.override(providers.Dict(handlers))
    return container


def create_ml_app(container: Any = None) -> FastAPI:
    """`uvicorn tests.e2e.ml.composition:create_ml_app --factory`: the service's app with ML."""
    container = container or ml_container(Settings())
    app = http_app.create_app(container)
    if ml_router not in http_app.ROUTER_MODULES:
        app.include_router(ml_router.router)
        container.wire(modules=[ml_router])
    return app
