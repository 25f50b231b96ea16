"""`spacetime seed`: loads generated demo data into an empty database."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Annotated

import typer

from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.progress import progress_display
from spacetime_service.entrypoints.cli.seed_progress import SeedProgress

if TYPE_CHECKING:
    from spacetime_service.application.demo.seed_demo_data import (
        SeedDemoData,
        SeedDemoDataCommand,
        SeedDemoDataResult,
    )
    from spacetime_service.bootstrap.containers.root import RootContainer


def seed_demo_data(container: RootContainer, command: SeedDemoDataCommand) -> SeedDemoDataResult:
    """Runs the use case, showing its progress, and says on stderr what it did and how fast."""
    started = time.perf_counter()
    with progress_display("seed", "rows", command.products + command.orders) as display:
        seeder: SeedDemoData = container.demo.seed_demo_data(on_progress=SeedProgress(display))
        result = seeder.execute(command)
    elapsed = time.perf_counter() - started
    if result.skipped:
        typer.echo("the database already holds data; demo data not loaded", err=True)
    else:
        rate = result.orders / elapsed if elapsed > 0 else 0.0
        typer.echo(
            f"loaded {result.products} products and {result.orders} orders in {elapsed:.1f} s "
            f"({rate:,.0f} orders/s)",
            err=True,
        )
    return result


def seed_command(
    ctx: typer.Context,
    *,
    products: Annotated[int | None, typer.Option(help="default: SPACETIME_DEMO_PRODUCTS")] = None,
    orders: Annotated[int | None, typer.Option(help="default: SPACETIME_DEMO_ORDERS")] = None,
    seed: Annotated[int | None, typer.Option(help="default: SPACETIME_DEMO_SEED")] = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="do nothing when the database holds data")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="print what was loaded as one JSON object on stdout")
    ] = False,
) -> None:
    """Loads a generated catalog and order history into the (migrated, empty) database at DATABASE_URL.
    The same sizes and seed always load the same rows."""
    # Imported here, not at the top: `--help` needs only the options above.
    from spacetime_service.application.demo.seed_demo_data import SeedDemoDataCommand

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        demo = container.settings().demo
        command = SeedDemoDataCommand(
            products=demo.products if products is None else products,
            orders=demo.orders if orders is None else orders,
            seed=demo.seed if seed is None else seed,
            only_if_empty=if_empty,
        )
        result = seed_demo_data(container, command)
    if as_json:
        typer.echo(json.dumps(seed_document(result)))


def seed_document(result: SeedDemoDataResult) -> dict[str, int | bool]:
    """`{"products": 2000, "orders": 5000, "skipped": false}`: rows loaded, or none when skipped."""
    return {"products": result.products, "orders": result.orders, "skipped": result.skipped}
