"""The `spacetime` command: the same use cases as the HTTP API, one module per command group."""

from __future__ import annotations

import typer

from spacetime_service.entrypoints.cli.bulk_updates import bulk_update_products
from spacetime_service.entrypoints.cli.catalog import catalog_app
from spacetime_service.entrypoints.cli.demo import seed_command
from spacetime_service.entrypoints.cli.demo_traffic import demo_app
from spacetime_service.entrypoints.cli.imports import import_products
from spacetime_service.entrypoints.cli.jobs import jobs_app
from spacetime_service.entrypoints.cli.keys import keys_app
from spacetime_service.entrypoints.cli.ml import ml_app
from spacetime_service.entrypoints.cli.orders import orders_app
from spacetime_service.entrypoints.cli.reports import reports_app
from spacetime_service.entrypoints.cli.serve import migrate_command, serve_command
from spacetime_service.entrypoints.cli.version import global_options
from spacetime_service.entrypoints.cli.worker import worker_command

app = typer.Typer(
    name="spacetime",
    help="Answers questions about large product catalogs and order histories in bounded memory.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.callback()(global_options)
app.command("serve")(serve_command)
app.command("migrate")(migrate_command)
app.command("seed")(seed_command)
app.command("worker")(worker_command)
catalog_app.command("import")(import_products)
catalog_app.command("bulk-update")(bulk_update_products)
app.add_typer(catalog_app)
app.add_typer(orders_app)
app.add_typer(reports_app)
app.add_typer(jobs_app)
app.add_typer(ml_app)
app.add_typer(demo_app)
app.add_typer(keys_app)

if __name__ == "__main__":
    app()
