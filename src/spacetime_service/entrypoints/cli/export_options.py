"""The options that the export commands (`products export`, `orders export`) share."""

from __future__ import annotations

from typing import Annotated

import typer

from spacetime_service.application.encoding.table_encoding import WireFormat

FormatOption = Annotated[WireFormat, typer.Option("--format", help="csv or ndjson")]
OutputOption = Annotated[str, typer.Option("--output", "-o", help="a file, or - for stdout")]
ColumnsOption = Annotated[str | None, typer.Option(help="comma-separated columns (default: all)")]


def columns_of(text: str | None) -> tuple[str, ...]:
    """The columns of a `--columns` value; none (every column) when it is absent or empty."""
    return tuple(column.strip() for column in text.split(",")) if text else ()
