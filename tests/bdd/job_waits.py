"""Reading a job back through a process's use cases, and waiting for it with a deadline instead of a
timing assertion."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.get_job import GetJobCommand
from tests.bdd.service_processes import DEADLINE_SECONDS

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.jobs.job import Job


def job_of(container: RootContainer, job_id: str) -> Job:
    job: Job = container.jobs.get_job().execute(GetJobCommand(job_id))
    return job


def wait_until_ended(container: RootContainer, job_id: str) -> Job:
    """The job once its status is terminal."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        job = job_of(container, job_id)
        if job.status.is_terminal:
            return job
        time.sleep(0.02)
    pytest.fail(f"job {job_id} did not end within {DEADLINE_SECONDS} s")


def wait_for_checkpoint(container: RootContainer, job_id: str) -> None:
    """Returns once the job has recorded a checkpoint."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while job_of(container, job_id).checkpoint is None:
        assert time.monotonic() < deadline, f"job {job_id} recorded no checkpoint"
        time.sleep(0.01)


def wait_for_expired_lease(container: RootContainer, job_id: str) -> None:
    """Returns once the job's worker has stopped renewing its lease for a whole lease."""
    clock = container.jobs.clock()
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not job_of(container, job_id).is_claimable(clock.now()):
        assert time.monotonic() < deadline, f"the lease of job {job_id} never expired"
        time.sleep(0.05)
