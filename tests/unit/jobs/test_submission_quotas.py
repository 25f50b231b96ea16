"""Job submission holds every owner to a cap of unfinished jobs and to a rate, and never refuses the
repeat of an earlier submission's idempotency key."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from spacetime_service.application.jobs.submission_quota import (
    UNFINISHED_RETRY_AFTER_SECONDS,
    SubmissionQuota,
)
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.quotas import QuotaExceeded
from tests.fakes.jobs import FakeJobRepository, FixedClock, RecordingJobRunner, SequentialIds
from tests.fakes.rate_limiter import FakeRateLimiter

MAX_UNFINISHED = 3
PER_MINUTE = 5


@dataclass
class Submissions:
    use_case: SubmitJob
    repository: FakeJobRepository
    clock: FixedClock

    def submit(self, owner: str = "alice", key: str | None = None, n: int = 1) -> str:
        return self.use_case.execute(SubmitJobCommand("report", owner, {"n": n}, key)).job.id

    def finish(self, job_id: str) -> None:
        claimed = self.repository.claim("worker-1", self.clock.now(), 60.0, job_id=job_id)
        assert claimed is not None
        self.repository.finish(job_id, claimed.attempt, JobOutcome.succeeded(), self.clock.now())


def _submissions(max_unfinished: int = MAX_UNFINISHED, per_minute: int | None = PER_MINUTE) -> Submissions:
    repository, clock = FakeJobRepository(), FixedClock()
    limiter = None if per_minute is None else FakeRateLimiter(clock, per_minute, 60)
    use_case = SubmitJob(
        repository,
        RecordingJobRunner(),
        clock,
        SequentialIds(),
        {"report"},
        quota=SubmissionQuota(repository, max_unfinished, limiter),
    )
    return Submissions(use_case, repository, clock)


def test_a_submission_past_the_cap_of_unfinished_jobs_is_refused() -> None:
    submissions = _submissions()
    for _ in range(MAX_UNFINISHED):
        submissions.submit()

    with pytest.raises(QuotaExceeded) as refused:
        submissions.submit()

    assert refused.value.retry_after_seconds == UNFINISHED_RETRY_AFTER_SECONDS
    assert str(MAX_UNFINISHED) in refused.value.detail
    assert submissions.repository.count_unfinished("alice") == MAX_UNFINISHED


def test_a_finished_job_frees_its_place_under_the_cap() -> None:
    submissions = _submissions()
    first = submissions.submit()
    for _ in range(MAX_UNFINISHED - 1):
        submissions.submit()
    submissions.finish(first)

    submissions.submit()


def test_the_cap_is_per_owner() -> None:
    submissions = _submissions()
    for _ in range(MAX_UNFINISHED):
        submissions.submit("alice")

    submissions.submit("bob")


def test_repeating_a_key_is_not_refused_at_the_cap() -> None:
    submissions = _submissions()
    first = submissions.submit(key="nightly")
    for _ in range(MAX_UNFINISHED - 1):
        submissions.submit()

    assert submissions.submit(key="nightly") == first


def test_a_submission_past_the_rate_is_refused_until_the_minute_has_passed() -> None:
    submissions = _submissions(max_unfinished=0)
    for _ in range(PER_MINUTE):
        submissions.submit()
    submissions.clock.advance(20)

    with pytest.raises(QuotaExceeded) as refused:
        submissions.submit()

    assert refused.value.retry_after_seconds == 40
    submissions.clock.advance(40)
    submissions.submit()


def test_repeating_a_key_is_not_refused_past_the_rate_and_does_not_count() -> None:
    submissions = _submissions(max_unfinished=0)
    first = submissions.submit(key="nightly")
    for _ in range(PER_MINUTE - 2):
        submissions.submit()

    assert [submissions.submit(key="nightly") for _ in range(3)] == [first] * 3
    submissions.submit()  # the last one of the minute, which the repeats left unused


def test_a_submission_refused_for_the_cap_does_not_use_up_the_rate() -> None:
    submissions = _submissions(max_unfinished=1, per_minute=2)
    only = submissions.submit()
    for _ in range(3):
        with pytest.raises(QuotaExceeded):
            submissions.submit()
    submissions.finish(only)

    submissions.submit()


def test_without_a_rate_limiter_and_with_a_cap_of_zero_nothing_is_refused() -> None:
    submissions = _submissions(max_unfinished=0, per_minute=None)

    for n in range(MAX_UNFINISHED + PER_MINUTE + 1):
        submissions.submit(n=n)
