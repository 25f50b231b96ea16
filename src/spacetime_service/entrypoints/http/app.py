"""The FastAPI application factory: `uvicorn spacetime_service.entrypoints.http.app:create_app --factory`.

Importing this module does nothing; `create_app` builds the app, and its lifespan starts the container's
resources (the database engine) and wires the container into the routers.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from types import ModuleType

from fastapi import Depends, FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.logging import configure_logging
from spacetime_service.bootstrap.settings_errors import built_or_exit
from spacetime_service.bootstrap.telemetry import configure_tracing
from spacetime_service.entrypoints.http.access.install import install_access
from spacetime_service.entrypoints.http.audit import AuditMiddleware
from spacetime_service.entrypoints.http.compression import add_json_compression
from spacetime_service.entrypoints.http.cross_origin import install_cross_origin
from spacetime_service.entrypoints.http.json_body_limit import JsonBodyLimit
from spacetime_service.entrypoints.http.metrics import PrometheusMiddleware, metrics_endpoint
from spacetime_service.entrypoints.http.openapi import install_openapi
from spacetime_service.entrypoints.http.problems.handlers import install_problem_handlers
from spacetime_service.entrypoints.http.request_logging import RequestLoggingMiddleware
from spacetime_service.entrypoints.http.routers import (
    analytics,
    bulk_updates,
    catalog,
    catalog_edits,
    front_door,
    health,
    imports,
    jobs,
    memory,
    ml,
    order_placing,
    orders,
    reports,
)
from spacetime_service.entrypoints.http.storable_params import storable_params
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter

ROUTER_MODULES: tuple[ModuleType, ...] = (
    catalog,
    catalog_edits,
    bulk_updates,
    imports,
    orders,
    order_placing,
    jobs,
    reports,
    ml,
    analytics,
    memory,
    health,
    front_door,
)

DESCRIPTION = (
    "Pages, searches and streams over a product catalog and its order history. Every error is an RFC 9457 "
    "`application/problem+json` body."
)


def create_app(container: RootContainer | None = None) -> FastAPI:
    """An app over this container (one built from the environment when not given)."""
    container = container or _container_from_environment()
    observability = container.settings().observability
    configure_logging(observability)
    configure_tracing(observability)
    app = FastAPI(
        title="spacetime-service",
        version="0.1.0",
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url=None,
        lifespan=_lifespan(container),
        dependencies=[Depends(storable_params)],
        # The Authorize button's OIDC login: authorization code with PKCE, no client secret in a page.
        swagger_ui_init_oauth={"usePkceWithAuthorizationCodeGrant": True},
    )
    app.state.container = container
    install_access(app, container.settings())
    api = container.settings().api
    # Read, or made on first start, now: a secret that cannot be kept stops the start, not a request.
    container.cursor_codec()
    app.state.stream_limiter = StreamLimiter(api.max_streams_per_client, api.max_streams)
    app.state.stream_idle_seconds = api.stream_idle_seconds
    install_problem_handlers(app)
    for module in ROUTER_MODULES:
        app.include_router(module.router)
    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)
    install_openapi(app)
    # Innermost: it reads the matched route and the body of a job before compression.
    app.add_middleware(AuditMiddleware)
    app.add_middleware(JsonBodyLimit, max_bytes=container.settings().api.max_json_body_bytes)
    app.add_middleware(PrometheusMiddleware)
    app.add_middleware(RequestLoggingMiddleware)
    add_json_compression(app)
    # Outermost, so that a preflight is answered before any other middleware sees it.
    install_cross_origin(app, api.cors_origins)
    # Server spans for every request except probes and scrapes; log lines inside carry their ids. No
    # span per ASGI message: a 5M-row export sends thousands of body chunks, and a span for each cost
    # the server process CPU per chunk while telling an operator nothing the request's span does not.
    FastAPIInstrumentor.instrument_app(
        app, excluded_urls="livez,readyz,healthz,metrics", exclude_spans=["send", "receive"]
    )
    return app


def _container_from_environment() -> RootContainer:
    """The container of a server's worker (uvicorn's or gunicorn's factory). A setting that cannot be
    read ends the process with one line on stderr; gunicorn's master has checked the same environment
    in deploy/gunicorn.conf.py, so no worker is started only to fail this way over and over."""
    return built_or_exit(build_container)


def wiring_view(module: ModuleType) -> ModuleType:
    """A module of the router's own functions (its endpoints, whose `@inject` markers name providers),
    under the router's name: what the container wires. Wiring the router module itself also has
    dependency-injector inspect the signature of every method of every class the module imports (the
    schemas, the container), about 50 ms of CPU at each start, to find nothing to inject. Only
    functions are wired: a router that defined a class with `@inject` methods would need it here."""
    view = ModuleType(module.__name__)
    for name, member in vars(module).items():
        if inspect.isfunction(member) and member.__module__ == module.__name__:
            setattr(view, name, member)
    return view


def _lifespan(container: RootContainer) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await _settle(container.init_resources())
        container.wire(modules=[wiring_view(module) for module in ROUTER_MODULES])
        try:
            yield
        finally:
            container.unwire()
            await _settle(container.shutdown_resources())

    return lifespan


async def _settle(outcome: object) -> None:
    """init/shutdown_resources return an awaitable only when some resource is async."""
    if inspect.isawaitable(outcome):
        await outcome
