"""`spacetime serve` and `spacetime migrate`: bring the database to the current schema, and run the API."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, TypedDict

import typer

from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes

if TYPE_CHECKING:
    from spacetime_service.bootstrap.proxy_settings import ProxySettings
    from spacetime_service.bootstrap.settings import ApiSettings

# uvicorn, the settings and the use cases are imported inside the commands, not here: `--help` needs
# only the options.

APP_FACTORY = "spacetime_service.entrypoints.http.app:create_app"
# The exit code of a service that refuses to start as configured.
NOT_CONFIGURED_EXIT_CODE = 7
WORKER_START_SECONDS = 60


class ServeOptions(TypedDict):
    """uvicorn's options for `spacetime serve` (uvicorn.run(APP_FACTORY, **options))."""

    factory: bool
    host: str
    port: int
    workers: int
    proxy_headers: bool
    forwarded_allow_ips: list[str]
    timeout_worker_healthcheck: int


def serve_options(
    api: ApiSettings, proxies: ProxySettings, *, host: str | None, port: int | None, workers: int
) -> ServeOptions:
    """The server's options: the address from the command line or the settings, and X-Forwarded-For
    (the client's address behind a reverse proxy) believed only from SPACETIME_TRUSTED_PROXIES."""
    return ServeOptions(
        factory=True,
        host=host or api.host,
        port=port or api.port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=proxies.forwarded_allow_ips(),
        # A worker imports the whole service before it answers uvicorn's health check; on a busy
        # machine that took longer than uvicorn's 5 s default, and the supervisor killed its workers.
        timeout_worker_healthcheck=WORKER_START_SECONDS,
    )


def migrate_command(ctx: typer.Context) -> None:
    """Upgrades the database at DATABASE_URL to the newest schema (creating it if needed)."""
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        container.database.migrate()
        typer.echo("the database is at the newest schema", err=True)


def serve_command(
    ctx: typer.Context,
    *,
    host: Annotated[str | None, typer.Option(help="default: SPACETIME_HOST (127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="default: SPACETIME_PORT (8000)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="worker processes")] = 1,
    no_demo: Annotated[
        bool, typer.Option("--no-demo", help="do not load demo data into an empty database")
    ] = False,
) -> None:
    """Migrates the database, loads the demo data (SPACETIME_DEMO_*) if the database is empty, and
    serves the HTTP API. Never prompts. Without authentication configured it serves only on a
    loopback address (docs/access.md)."""
    import uvicorn
    from pydantic import ValidationError

    from spacetime_service.application.demo.seed_demo_data import SeedDemoDataCommand
    from spacetime_service.bootstrap.proxy_settings import ProxySettings
    from spacetime_service.bootstrap.settings_errors import INVALID_SETTINGS_EXIT_CODE, invalid_settings_line
    from spacetime_service.entrypoints.cli.demo import seed_demo_data
    from spacetime_service.entrypoints.http.access.policy import AuthenticationNotConfigured, access_policy

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        settings = container.settings()
        try:
            proxies = ProxySettings()
        except ValidationError as error:
            typer.echo(invalid_settings_line(error), err=True)
            raise typer.Exit(INVALID_SETTINGS_EXIT_CODE) from None
        options = serve_options(settings.api, proxies, host=host, port=port, workers=workers)
        try:
            access_policy(settings.identity, options["host"])
        except AuthenticationNotConfigured as refused:
            typer.echo(f"spacetime serve: {refused}", err=True)
            raise typer.Exit(NOT_CONFIGURED_EXIT_CODE) from None
        container.database.migrate()
        if not no_demo:
            demo = settings.demo
            command = SeedDemoDataCommand(demo.products, demo.orders, demo.seed, only_if_empty=True)
            seed_demo_data(container, command)
    # Each worker builds its own container from the environment through the factory, and judges the
    # loopback rule by SPACETIME_HOST: the address served, whether it came from there or --host.
    os.environ["SPACETIME_HOST"] = options["host"]
    if workers > 1:
        from spacetime_service.bootstrap.metrics import start_multiprocess_mode

        # Each worker process writes its samples where /metrics adds them up, as under gunicorn.
        start_multiprocess_mode()
    uvicorn.run(APP_FACTORY, **options)
