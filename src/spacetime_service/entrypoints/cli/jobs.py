"""`spacetime jobs list|show|cancel|resume`: the same job use cases as the HTTP API, for operators.

The CLI sees every owner's jobs unless `--owner` narrows them. Domain errors print to stderr and end
with the exit codes of cli/exit_codes.py; Ctrl-C during `resume` ends with 130 after the runner
handed its jobs back.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.job_lines import job_line

# The use cases are imported inside the commands, not here: `--help` needs only the options.

INTERRUPTED = 130

jobs_app = typer.Typer(name="jobs", help="List, show, cancel and resume jobs.", no_args_is_help=True)

OwnerOption = Annotated[str | None, typer.Option(help="only this owner's jobs (default: every owner's)")]
JsonOption = Annotated[bool, typer.Option("--json", help="the job as one JSON object on one line")]


@jobs_app.command("list")
def list_jobs(
    ctx: typer.Context,
    *,
    kind: Annotated[list[str] | None, typer.Option(help="repeatable")] = None,
    status: Annotated[list[JobStatus] | None, typer.Option(help="repeatable")] = None,
    owner: OwnerOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    cursor: Annotated[str | None, typer.Option(help="the cursor printed after the previous page")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
) -> None:
    """Jobs, newest first; prints the cursor of the next page to stderr when there is one."""
    from spacetime_service.application.jobs.list_jobs import ListJobsCommand
    from spacetime_service.application.jobs.presenter import job_view

    command = ListJobsCommand(owner, tuple(kind or ()), tuple(status or ()), limit, cursor)
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        page = container.jobs.list_jobs().execute(command)
    for job in page.items:
        typer.echo(json.dumps(job_view(job)) if as_json else job_line(job))
    if page.next_cursor is not None:
        typer.echo(f"next page: --cursor {page.next_cursor}", err=True)


@jobs_app.command("show")
def show_job(
    ctx: typer.Context, job_id: str, owner: OwnerOption = None, *, as_json: JsonOption = False
) -> None:
    """One job as JSON, as HTTP shows it, with where it would resume from (indented; on one line with
    --json)."""
    from spacetime_service.application.jobs.get_job import GetJobCommand
    from spacetime_service.application.jobs.presenter import job_view

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        job = container.jobs.get_job().execute(GetJobCommand(job_id, owner))
    typer.echo(json.dumps(job_view(job), indent=None if as_json else 2))


@jobs_app.command("cancel")
def cancel_job(
    ctx: typer.Context, job_id: str, owner: OwnerOption = None, *, as_json: JsonOption = False
) -> None:
    """Cancels a job: a queued one at once, a running one at its next chunk boundary; prints the job."""
    from spacetime_service.application.jobs.cancel_job import CancelJobCommand
    from spacetime_service.application.jobs.presenter import job_view

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        job = container.jobs.cancel_job().execute(CancelJobCommand(job_id, owner))
    typer.echo(json.dumps(job_view(job)) if as_json else job_line(job))


@jobs_app.command("resume")
def resume_jobs(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="at most this many jobs")] = 100,
    poll_seconds: Annotated[float, typer.Option(min=0.05, help="how often progress is read")] = 1.0,
) -> None:
    """Runs jobs whose worker died (expired lease) and queued jobs in this process until they end,
    printing a line whenever one progresses. Ctrl-C hands unfinished jobs back to the queue."""
    from spacetime_service.entrypoints.cli.job_watch import jobs_to_resume, queued_jobs, watch_until_ended

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        jobs = container.jobs
        kinds = frozenset(jobs.handlers())
        # Chosen before the runner starts: once started, it claims queued and expired jobs at once, and
        # they would no longer look queued or expired here.
        queued = queued_jobs(jobs.list_jobs(), kinds, limit)
        ids = jobs_to_resume(jobs.resume_jobs(), jobs.get_job(), kinds, queued, limit)
        jobs.running_runner()  # started; shutting the container's resources down stops it
        try:
            typer.echo(f"resuming {len(ids)} job(s)", err=True)
            ended = watch_until_ended(
                jobs.get_job(), ids, lambda job: typer.echo(job_line(job)), poll_seconds
            )
        except KeyboardInterrupt:
            typer.echo("stopping: unfinished jobs go back to the queue at their next chunk", err=True)
            raise typer.Exit(INTERRUPTED) from None
    if any(job.status is not JobStatus.SUCCEEDED for job in ended):
        raise typer.Exit(1)
