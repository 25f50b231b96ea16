"""JobRepository contract: the trace contexts a job carries from its submission to each attempt."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.outcome import JobOutcome
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository

REQUEST_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
ATTEMPT_TRACE = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"


def test_the_submitting_request_s_context_is_kept_through_claims(job_repository: JobRepository) -> None:
    job = job_repository.create(replace(new_job(0), trace_parent=REQUEST_TRACE)).job

    claimed = job_repository.claim("worker-a", at(1), LEASE_SECONDS, job_id=job.id)

    assert job.trace_parent == REQUEST_TRACE
    assert claimed is not None
    assert (claimed.trace_parent, claimed.attempt_trace_parent) == (REQUEST_TRACE, None)


def test_an_attempt_s_context_is_stored_without_a_new_version(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    claimed = job_repository.claim("worker-a", at(1), LEASE_SECONDS, job_id=job.id)
    assert claimed is not None

    traced = job_repository.record_attempt_trace(job.id, claimed.attempt, ATTEMPT_TRACE)

    assert traced is not None
    assert traced.attempt_trace_parent == ATTEMPT_TRACE
    assert traced.version == claimed.version
    resumed = job_repository.claim("worker-b", at(1 + LEASE_SECONDS), LEASE_SECONDS, job_id=job.id)
    assert resumed is not None
    assert (resumed.attempt, resumed.attempt_trace_parent) == (2, ATTEMPT_TRACE)


def test_only_the_current_attempt_stores_its_context(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("worker-a", at(1), LEASE_SECONDS, job_id=job.id)
    job_repository.claim("worker-b", at(1 + LEASE_SECONDS), LEASE_SECONDS, job_id=job.id)

    assert job_repository.record_attempt_trace(job.id, 1, ATTEMPT_TRACE) is None
    job_repository.finish(job.id, 2, JobOutcome.succeeded(None), at(2 + LEASE_SECONDS))
    assert job_repository.record_attempt_trace(job.id, 2, ATTEMPT_TRACE) is None
    stored = job_repository.get(job.id)
    assert stored is not None
    assert stored.attempt_trace_parent is None


def test_an_overlong_context_is_refused(job_repository: JobRepository) -> None:
    with pytest.raises(InvalidInput):
        replace(new_job(0), trace_parent="0" * 129)
