"""`spacetime products export|get`: the catalog use cases, for operators."""

from __future__ import annotations

from typing import Annotated

import typer

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.export_options import (
    ColumnsOption,
    FormatOption,
    OutputOption,
    columns_of,
)
from spacetime_service.entrypoints.cli.output import STDOUT

# The use cases are imported inside the commands, not here: `--help` needs only the options.

catalog_app = typer.Typer(
    name="products", help="Export the catalog or show one product.", no_args_is_help=True
)


@catalog_app.command("export")
def export_products(
    ctx: typer.Context,
    *,
    wire_format: FormatOption = WireFormat.NDJSON,
    category: Annotated[list[str] | None, typer.Option(help="repeatable")] = None,
    columns: ColumnsOption = None,
    output: OutputOption = STDOUT,
) -> None:
    """Every product (of the given categories) in id order; CSV cells are formula-safe."""
    from spacetime_service.application.catalog.stream_products import StreamProductsCommand
    from spacetime_service.domain.products import ProductFilter
    from spacetime_service.entrypoints.cli.export_progress import write_export

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        command = StreamProductsCommand(
            ProductFilter(categories=tuple(category or ())), wire_format, columns_of(columns)
        )
        stream = container.catalog.stream_products().execute(command)
        write_export(stream.chunks, output, "products export")


@catalog_app.command("get")
def get_product(ctx: typer.Context, product_id: int) -> None:
    """One product as a JSON line; exit code 3 when there is none."""
    import orjson

    from spacetime_service.application.encoding.wire import product_wire

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        product = container.catalog.get_product().execute(product_id)
        typer.echo(orjson.dumps(dict(product_wire(product))).decode())
