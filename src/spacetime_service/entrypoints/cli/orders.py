"""`spacetime orders export`: the order history's stream, for operators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.orders import OrderStatus
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.export_options import (
    ColumnsOption,
    FormatOption,
    OutputOption,
    columns_of,
)
from spacetime_service.entrypoints.cli.output import STDOUT

orders_app = typer.Typer(name="orders", help="Export the order history.", no_args_is_help=True)


def _moment(text: str | None, field: str) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(
            f"{field} must be an ISO 8601 time such as 2025-01-31T00:00:00Z", field=field
        ) from error


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
    # Imported here, not at the top: `--help` needs only the options above.
    from spacetime_service.application.orders.stream_orders import StreamOrdersCommand
    from spacetime_service.domain.orders import OrderFilter
    from spacetime_service.entrypoints.cli.export_progress import write_export

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        order_filter = OrderFilter(
            created_from=_moment(created_from, "from"),
            created_to=_moment(created_to, "to"),
            statuses=tuple(status or ()),
            customer_id=customer,
            product_id=product,
        )
        command = StreamOrdersCommand(order_filter, wire_format, columns_of(columns))
        stream = container.orders.stream_orders().execute(command)
        write_export(stream.chunks, output, "orders export")
