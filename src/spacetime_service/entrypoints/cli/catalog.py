"""`spacetime products export|get` and `spacetime orders export`: the catalog use cases, for operators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import orjson
import typer

from spacetime_service.application.catalog.stream_products import StreamProductsCommand
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.encoding.wire import product_wire
from spacetime_service.application.orders.stream_orders import StreamOrdersCommand
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.orders import OrderFilter, OrderStatus
from spacetime_service.domain.products import ProductFilter
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.output import STDOUT, write_chunks

products_app = typer.Typer(
    name="products", help="Export the catalog or show one product.", no_args_is_help=True
)
orders_app = typer.Typer(name="orders", help="Export the order history.", no_args_is_help=True)

FormatOption = Annotated[WireFormat, typer.Option("--format", help="csv or ndjson")]
OutputOption = Annotated[str, typer.Option("--output", "-o", help="a file, or - for stdout")]
ColumnsOption = Annotated[str | None, typer.Option(help="comma-separated columns (default: all)")]


def _columns(text: str | None) -> tuple[str, ...]:
    return tuple(column.strip() for column in text.split(",")) if text else ()


def _moment(text: str | None, field: str) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(
            f"{field} must be an ISO 8601 time such as 2025-01-31T00:00:00Z", field=field
        ) from error


@products_app.command("export")
def export_products(
    ctx: typer.Context,
    *,
    wire_format: FormatOption = WireFormat.NDJSON,
    category: Annotated[list[str] | None, typer.Option(help="repeatable")] = None,
    columns: ColumnsOption = None,
    output: OutputOption = STDOUT,
) -> None:
    """Every product (of the given categories) in id order; CSV cells are formula-safe."""
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        command = StreamProductsCommand(
            ProductFilter(categories=tuple(category or ())), wire_format, _columns(columns)
        )
        stream = container.catalog.stream_products().execute(command)
        write_chunks(stream.chunks, output)


@products_app.command("get")
def get_product(ctx: typer.Context, product_id: int) -> None:
    """One product as a JSON line; exit code 3 when there is none."""
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        product = container.catalog.get_product().execute(product_id)
        typer.echo(orjson.dumps(dict(product_wire(product))).decode())


@orders_app.command("export")
def export_orders(
    ctx: typer.Context,
    *,
    wire_format: FormatOption = WireFormat.NDJSON,
    created_from: Annotated[
        str | None, typer.Option("--from", help="inclusive, ISO 8601 with a zone")
    ] = None,
    created_to: Annotated[str | None, typer.Option("--to", help="exclusive, ISO 8601 with a zone")] = None,
    status: Annotated[list[OrderStatus] | None, typer.Option(help="repeatable")] = None,
    customer: Annotated[int | None, typer.Option(help="one customer's orders")] = None,
    product: Annotated[int | None, typer.Option(help="one product's orders")] = None,
    columns: ColumnsOption = None,
    output: OutputOption = STDOUT,
) -> None:
    """Every matching order in id order."""
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        order_filter = OrderFilter(
            created_from=_moment(created_from, "from"),
            created_to=_moment(created_to, "to"),
            statuses=tuple(status or ()),
            customer_id=customer,
            product_id=product,
        )
        command = StreamOrdersCommand(order_filter, wire_format, _columns(columns))
        stream = container.orders.stream_orders().execute(command)
        write_chunks(stream.chunks, output)
