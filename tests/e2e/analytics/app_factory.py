"""The service's app with the analytics and system routers, for as long as the app factory does not
list them in ROUTER_MODULES itself (then this adds nothing)."""

from __future__ import annotations

from fastapi import FastAPI

from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.entrypoints.http import app as service_app
from spacetime_service.entrypoints.http.routers import analytics, system

EXTRA_ROUTERS = (analytics, system)


def create_app(container: RootContainer | None = None) -> FastAPI:
    app = service_app.create_app(container)
    missing = [module for module in EXTRA_ROUTERS if module not in service_app.ROUTER_MODULES]
    for module in missing:
        app.include_router(module.router)
    if missing:
        app.state.container.wire(modules=missing)
    return app
