"""`spacetime serve` and `spacetime migrate`: bring the database to the current schema, and run the API."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from spacetime_service.application.demo.seed_demo_data import SeedDemoDataCommand
from spacetime_service.entrypoints.cli.demo import seed_demo_data
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes

APP_FACTORY = "spacetime_service.entrypoints.http.app:create_app"


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
    serves the HTTP API. Never prompts."""
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        settings = container.settings()
        container.database.migrate()
        if not no_demo:
            demo = settings.demo
            command = SeedDemoDataCommand(demo.products, demo.orders, demo.seed, only_if_empty=True)
            seed_demo_data(container, command)
    # Each worker builds its own container from the environment through the factory.
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host or settings.api.host,
        port=port or settings.api.port,
        workers=workers,
    )
