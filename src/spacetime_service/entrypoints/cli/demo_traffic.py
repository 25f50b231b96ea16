"""`spacetime demo traffic`: new orders at a steady rate, so that `/analytics/realtime` moves on demo
data. Each order goes through the same use case as `POST /orders`; one line per order on stdout."""

from __future__ import annotations

import time
from random import Random
from typing import Annotated

import typer

from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes

demo_app = typer.Typer(name="demo", help="Demo data and demo traffic.", no_args_is_help=True)


@demo_app.command("traffic")
def traffic_command(
    ctx: typer.Context,
    *,
    rate: Annotated[float, typer.Option(min=0.1, max=1000, help="orders per second")] = 2.0,
    count: Annotated[
        int | None, typer.Option(min=1, help="stop after this many orders (default: never)")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="the random seed, for a repeatable run")] = None,
) -> None:
    """Places random orders for the catalog's products at RATE per second until COUNT, or Ctrl-C."""
    # Imported here, not at the top: `--help` needs only the options above.
    from spacetime_service.application.demo.demo_traffic import DemoTraffic, DemoTrafficCommand

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        traffic: DemoTraffic = container.demo.demo_traffic(random=Random(seed))  # noqa: S311 - demo data, not secrets
        interval = 1.0 / rate
        # Paced against a schedule, not by sleeping a fixed interval: a slow order doesn't lower the rate.
        due = time.monotonic()
        placed = 0
        try:
            for order in traffic.orders(DemoTrafficCommand()):
                placed += 1
                typer.echo(
                    f"order {order.id}: customer {order.customer_id}, product {order.product_id}, "
                    f"{order.quantity} at {order.unit_price}"
                )
                if count is not None and placed >= count:
                    break
                due += interval
                time.sleep(max(0.0, due - time.monotonic()))
        except KeyboardInterrupt:
            pass
        typer.echo(f"placed {placed} orders", err=True)
