"""`spacetime reports generate|download`: the report use cases of `POST /reports/generate` and
`GET /reports/{id}/download`, for operators and scripts.

`generate` submits a report job and prints its id (the job as JSON with `--json`); with `--wait` the
job runs in this process, its progress shown on stderr, and the command exits 1 unless it succeeded.
Without `--wait` the job waits for a server or `spacetime jobs resume`. `download` writes the
finished report's bytes, exactly as HTTP serves them, to a file or stdout. Jobs are submitted for
`--owner` (`cli` unless told), like the CLI's other submissions; a download finds any owner's report
unless `--owner` narrows it. Errors end with the exit codes of cli/exit_codes.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.reports import ReportKind, SalesPeriod
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.output import STDOUT, write_chunks
from spacetime_service.entrypoints.cli.progress import progress_display
from spacetime_service.entrypoints.cli.progress_text import BYTES

if TYPE_CHECKING:
    from collections.abc import Generator
    from pathlib import Path

    from spacetime_service.entrypoints.cli.progress import ProgressDisplay

READ_BYTES = 256 * 1024

reports_app = typer.Typer(
    name="reports", help="Generate reports over the order history and download them.", no_args_is_help=True
)


@reports_app.command("generate")
def generate_report(
    ctx: typer.Context,
    *,
    start: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="first UTC day, included")],
    end: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="last UTC day, included")],
    kind: Annotated[ReportKind, typer.Option(help="what the report counts")] = ReportKind.DAILY_STATS,
    wire_format: Annotated[WireFormat, typer.Option("--format", help="csv or ndjson")] = WireFormat.CSV,
    gzip: Annotated[bool, typer.Option("--gzip", help="compress the file")] = False,
    period: Annotated[SalesPeriod, typer.Option(help="product_sales only")] = SalesPeriod.DAY,
    owner: Annotated[str, typer.Option(help="whose report it is")] = "cli",
    idempotency_key: str | None = None,
    wait: Annotated[bool, typer.Option(help="run the job here and show its progress until it ends")] = False,
    poll_seconds: Annotated[float, typer.Option(min=0.05)] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="print the job as one JSON object")] = False,
) -> None:
    """Submits a report over the orders of the days --from to --to; prints the report's (its job's) id."""
    # Imported here, not at the top: `--help` needs only the options above.
    from spacetime_service.application.reports.generate_report import GenerateReportCommand
    from spacetime_service.application.reports.request import ReportRequest
    from spacetime_service.entrypoints.cli.job_wait import print_submitted

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        # Through the request's own JSON form, so that its rules (range, order of the days) are the
        # ones HTTP applies.
        request = ReportRequest.from_json(
            {
                "kind": kind.value,
                "start_date": start.date().isoformat(),
                "end_date": end.date().isoformat(),
                "format": wire_format.value,
                "gzip": gzip,
                "period": period.value,
            }
        )
        command = GenerateReportCommand(owner, request, idempotency_key)
        result = container.reports.generate_report().execute(command)
        print_submitted(container, result.job, wait=wait, as_json=as_json, poll_seconds=poll_seconds)


@reports_app.command("download")
def download_report(
    ctx: typer.Context,
    report_id: Annotated[str, typer.Argument(help="the report's id, as `generate` printed it")],
    *,
    output: Annotated[str, typer.Option("--output", "-o", help="a file, or - for stdout")] = STDOUT,
    owner: Annotated[str | None, typer.Option(help="only this owner's report")] = None,
) -> None:
    """Writes the finished report's bytes to --output; exit 4 while it has not succeeded."""
    from spacetime_service.application.reports.locate_report import LocateReportCommand

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        found = container.reports.locate_report().execute(LocateReportCommand(report_id, owner))
        with progress_display(f"report {report_id}", BYTES, found.info.size) as display:
            chunks = _read(found.path, display)
            try:
                write_chunks(chunks, output)
            finally:
                chunks.close()


def _read(path: Path, display: ProgressDisplay) -> Generator[bytes]:
    done = 0
    with path.open("rb") as source:
        while chunk := source.read(READ_BYTES):
            yield chunk
            done += len(chunk)
            display.update(done)
