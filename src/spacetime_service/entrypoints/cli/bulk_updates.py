"""`spacetime products bulk-update`: the use case of `POST /products/bulk-update`, for operators.

`--filter` and `--operation` are the JSON objects the HTTP body holds (docs/bulk-update.md), checked by
the same rules. `--dry-run` prints how many products would change and changes none; otherwise a job is
submitted for `--owner` (`cli` unless told) and its id printed (the job as JSON with `--json`). With
`--wait` the job runs in this process, its progress shown on stderr, and the command exits 1 unless it
succeeded. Errors end with the exit codes of cli/exit_codes.py (a bad filter or operation: 2).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonValue

FILTER_EXAMPLE = """'{"category": "toys", "max_price": "9.99"}'"""
OPERATION_EXAMPLE = """'{"type": "multiply_price", "factor": "1.10"}'"""


def bulk_update_products(
    ctx: typer.Context,
    *,
    target: Annotated[str, typer.Option("--filter", help=f"which products, e.g. {FILTER_EXAMPLE}")],
    operation: Annotated[str, typer.Option(help=f"what changes, e.g. {OPERATION_EXAMPLE}")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="count what would change; change nothing")
    ] = False,
    owner: Annotated[str, typer.Option(help="whose job it is")] = "cli",
    idempotency_key: str | None = None,
    wait: Annotated[bool, typer.Option(help="run the job here and show its progress until it ends")] = False,
    poll_seconds: Annotated[float, typer.Option(min=0.05)] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="print the job (or the count) as JSON")] = False,
) -> None:
    """Changes every product the filter selects, as a job; prints the job's id."""
    # The use cases are imported here, not at the top: `--help` needs only the options above.
    from spacetime_service.application.bulk_updates.bulk_update_products import BulkUpdateProductsCommand
    from spacetime_service.application.bulk_updates.request_json import parse_bulk_update
    from spacetime_service.entrypoints.cli.job_wait import print_submitted

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        document = {"filter": _json(target, "filter"), "operation": _json(operation, "operation")}
        update = parse_bulk_update(document)
        command = BulkUpdateProductsCommand(owner, update, dry_run, idempotency_key)
        result = container.bulk_updates.bulk_update_products().execute(command)
        if result.job is None:
            would_change = result.would_change or 0
            typer.echo(json.dumps({"would_change": would_change}) if as_json else str(would_change))
            typer.echo(f"{would_change} product(s) would change; nothing was changed", err=True)
            return
        print_submitted(container, result.job, wait=wait, as_json=as_json, poll_seconds=poll_seconds)


def _json(text: str, field: str) -> JsonValue:
    try:
        value: JsonValue = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"--{field} is not JSON: {error.msg}", field=field) from error
    return value
