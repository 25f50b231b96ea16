"""`spacetime products import FILE`: the same import as `POST /products/import`, for operators.

The file is read as a stream and checked line by line; a bad line ends the command with exit code 2
and its line and field on stderr, and nothing is imported. Otherwise the job's id is printed (the job
as JSON with `--json`). With `--wait` the job runs in this process and its progress is shown on
stderr until it ends (exit 1 unless it succeeded); without it the job waits for a server or
`spacetime jobs resume`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes

READ_BYTES = 64 * 1024
STDIN = "-"
_SUFFIXES = {".csv": WireFormat.CSV, ".ndjson": WireFormat.NDJSON, ".jsonl": WireFormat.NDJSON}


def import_products(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="a CSV or NDJSON file, or - for stdin")],
    *,
    wire_format: Annotated[
        WireFormat | None, typer.Option("--format", help="csv or ndjson (default: from the file's suffix)")
    ] = None,
    owner: str = "cli",
    idempotency_key: str | None = None,
    wait: Annotated[bool, typer.Option(help="run the job here and print its progress until it ends")] = False,
    poll_seconds: Annotated[float, typer.Option(min=0.05)] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="print the job as one JSON object")] = False,
) -> None:
    """Upserts products by sku from FILE as a job; prints the job's id (or the job with --json)."""
    # Imported here, not at the top: `--help` needs only the options above.
    from spacetime_service.application.imports.import_products import ImportProductsCommand
    from spacetime_service.entrypoints.cli.job_wait import print_submitted

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        chosen = wire_format or _format_of(file)
        with _opened(file) as (source, size):
            command = ImportProductsCommand(owner, _chunks(source), chosen, idempotency_key, size)
            result = container.imports.import_products().execute(command)
        print_submitted(container, result.job, wait=wait, as_json=as_json, poll_seconds=poll_seconds)


def _format_of(file: str) -> WireFormat:
    found = _SUFFIXES.get(Path(file).suffix.lower())
    if found is None:
        raise InvalidInput("give --format csv or --format ndjson for this file", field="format")
    return found


@contextmanager
def _opened(file: str) -> Iterator[tuple[BinaryIO, int | None]]:
    """The file and its size, or stdin (left open, size unknown) for `-`."""
    if file == STDIN:
        yield sys.stdin.buffer, None
        return
    path = Path(file)
    if not path.is_file():
        raise InvalidInput(f"{file} is not a readable file", field="file")
    with path.open("rb") as source:
        yield source, os.fstat(source.fileno()).st_size


def _chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(READ_BYTES):
        yield chunk
