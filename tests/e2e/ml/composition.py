"""The service's root container with the ML container joined in and its job handler registered, and
an app over it with the ML router wired; for the ML tests, until the service's own root holds them.

Once `RootContainer` has `ml` (and `create_app` wires the ML router), `ml_container` and
`create_ml_app` return the service's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dependency_injector import containers, providers
from fastapi import FastAPI

from spacetime_service.bootstrap.containers.jobs import JobsContainer
from spacetime_service.bootstrap.containers.ml import MlContainer
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.entrypoints.http import app as http_app
from spacetime_service.entrypoints.http.routers import ml as ml_router

SERVICE_HAS_ML = "ml" in RootContainer.providers


def _job_handlers(root: containers.Container) -> Mapping[str, object]:
    handlers: Mapping[str, object] = root.ml.job_handlers()  # type: ignore[attr-defined]
    return handlers


class MlServiceContainer(RootContainer):
    """What root.py is to hold: `jobs` with the ML handlers, and `ml` beside it."""

    __self__ = providers.Self()
    ml_settings = providers.Singleton(MlSettings)
    jobs = providers.Container(
        JobsContainer,
        settings=RootContainer.settings.provided.jobs,
        database=RootContainer.database,
        cursor_codec=RootContainer.catalog.cursor_codec,
        handlers=providers.Callable(_job_handlers, __self__),
    )
    ml = providers.Container(
        MlContainer,
        settings=ml_settings,
        database=RootContainer.database,
        jobs=jobs,
        cursor_codec=RootContainer.catalog.cursor_codec,
    )


def ml_container(settings: Settings, ml_settings: MlSettings | None = None) -> Any:
    """A root container with `jobs` and `ml`; `ml_settings` overrides the environment's."""
    container: Any = (
        RootContainer(settings=settings) if SERVICE_HAS_ML else MlServiceContainer(settings=settings)
    )
    if ml_settings is not None:
        container.ml.settings.override(providers.Object(ml_settings))
    return container


def create_ml_app(container: Any = None) -> FastAPI:
    """`uvicorn tests.e2e.ml.composition:create_ml_app --factory`: the service's app with ML."""
    container = container or ml_container(Settings())
    app = http_app.create_app(container)
    if ml_router not in http_app.ROUTER_MODULES:
        app.include_router(ml_router.router)
        container.wire(modules=[ml_router])
    return app
