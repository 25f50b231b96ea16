"""`--wait`: running a submitted job in this process and showing its progress on stderr until it ends.

The runner claims the job (it claims queued jobs at once) and the job's record is read every
`poll_seconds`; the display shows the record's progress in the unit its handler counts, its status
and the time left. The ended job's line follows on stderr, so that its result or error is the last thing said.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.entrypoints.cli.job_lines import job_line
from spacetime_service.entrypoints.cli.job_watch import watch_until_ended
from spacetime_service.entrypoints.cli.progress import progress_display

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.entrypoints.cli.progress import ProgressDisplay


def wait_for_job(container: RootContainer, job: Job, poll_seconds: float) -> Job:
    """Runs `job` here and shows it on stderr until it ends; returns its final state."""
    jobs = container.jobs
    jobs.running_runner()  # started; shutting the container's resources down stops it
    with progress_display(f"{job.kind} {job.id}", job.progress.unit, job.progress.total) as display:
        (ended,) = watch_until_ended(
            jobs.get_job(), [job.id], lambda seen: _show(display, seen), poll_seconds
        )
    typer.echo(job_line(ended), err=True)
    return ended


def print_submitted(
    container: RootContainer, job: Job, *, wait: bool, as_json: bool, poll_seconds: float
) -> None:
    """What a command that submits a job prints on stdout: the job's id (at once, even with --wait, so
    that a script can follow it), or with --json the job as HTTP shows it (once ended, with --wait).
    With --wait the command exits 1 unless the job succeeded."""
    if not as_json:
        typer.echo(job.id)
    shown = wait_for_job(container, job, poll_seconds) if wait else job
    if as_json:
        typer.echo(json.dumps(job_view(shown)))
    if wait and shown.status is not JobStatus.SUCCEEDED:
        raise typer.Exit(1)


def _show(display: ProgressDisplay, job: Job) -> None:
    # The status alone: an ETA in the note would change at every poll, and plain lines print a line
    # whenever the note changes. The bar shows its own estimate of the time left.
    progress = job.progress
    display.update(progress.done, progress.total, note=job.status.value, unit=progress.unit)
