"""Running jobs in this process until they end: what `spacetime jobs resume` does.

The runner starts (it claims queued jobs and jobs whose lease expired), ResumeJobs hands it the
expired ones explicitly, and the jobs so found are watched: a line is printed whenever one changes,
until each has ended. Ctrl-C shuts the runner down: running jobs stop at their next chunk boundary
and go back to the queue with their checkpoints, for any process to resume.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence

from spacetime_service.application.jobs.get_job import GetJob, GetJobCommand
from spacetime_service.application.jobs.list_jobs import ListJobs, ListJobsCommand
from spacetime_service.application.jobs.resume_jobs import ResumeJobs, ResumeJobsCommand
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.pagination import MAX_PAGE_SIZE

Printer = Callable[[Job], None]


def queued_jobs(listing: ListJobs, kinds: Collection[str], limit: int) -> list[str]:
    """Ids of queued jobs of the kinds this process can run, oldest first."""
    if not kinds:
        return []
    command = ListJobsCommand(
        kinds=tuple(kinds), statuses=(JobStatus.QUEUED,), limit=min(limit, MAX_PAGE_SIZE)
    )
    return [job.id for job in reversed(listing.execute(command).items)]


def jobs_to_resume(
    resume: ResumeJobs, get: GetJob, kinds: Collection[str], queued: Sequence[str], limit: int
) -> list[str]:
    """Hands jobs whose lease expired to the runner, and returns their ids and the queued ones (up to
    `limit` in all), only of the kinds this process can run: the runner never claims others."""
    if not kinds:
        return []
    expired = resume.execute(ResumeJobsCommand(limit=limit)).job_ids
    runnable = [job_id for job_id in expired if get.execute(GetJobCommand(job_id)).kind in kinds]
    return list(dict.fromkeys([*runnable, *queued]))[:limit]


def watch_until_ended(get: GetJob, job_ids: Sequence[str], show: Printer, poll_seconds: float) -> list[Job]:
    """Prints each job when its version changes; returns the final states once every job ended."""
    shown: dict[str, int] = {}
    ended: dict[str, Job] = {}
    while True:
        for job_id in job_ids:
            if job_id in ended:
                continue
            try:
                job = get.execute(GetJobCommand(job_id))
            except NotFound:
                continue
            if shown.get(job_id) != job.version:
                shown[job_id] = job.version
                show(job)
            if job.status.is_terminal:
                ended[job_id] = job
        if len(ended) == len(job_ids):
            return [ended[job_id] for job_id in job_ids]
        time.sleep(poll_seconds)
