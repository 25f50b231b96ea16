"""The root container with the reports part joined and its job handlers registered, the way
bootstrap/containers/root.py joins it; until the root has a `reports` part, this adds one.
`create_wired_app` is a uvicorn factory over it."""

from __future__ import annotations

from dependency_injector import providers
from fastapi import FastAPI

from spacetime_service.application.jobs.handlers.report_handler import REPORT_KIND
from spacetime_service.bootstrap.containers.reports import ReportsContainer
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.entrypoints.http.app import create_app


class _WithReports(RootContainer):
    reports = providers.Container(
        ReportsContainer,
        settings=RootContainer.settings,
        database=RootContainer.database,
        memory=RootContainer.memory,
        jobs=RootContainer.jobs,
    )


def wired_container(settings: Settings | None = None) -> RootContainer:
    settings = settings or Settings()
    container = (
        build_container(settings) if hasattr(RootContainer, "reports") else _WithReports(settings=settings)
    )
    handlers = container.jobs.handlers
    if REPORT_KIND not in handlers():
        handlers.override(providers.Dict({**handlers.kwargs, **container.reports.job_handlers.kwargs}))
    return container


def create_wired_app() -> FastAPI:
    return create_app(wired_container())
