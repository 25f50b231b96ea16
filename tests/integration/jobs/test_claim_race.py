"""Two workers, each with its own engine, claim the same expired job at the same moment, round after
round: exactly one wins, and the worker whose attempt was superseded can write nothing more."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine

    from spacetime_service.domain.jobs.job import Job

ROUNDS = 30
BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]
T = TypeVar("T")


class Worker:
    """One worker process's view of the database: its own engine and repository."""

    def __init__(self, name: str, engine: Engine) -> None:
        self.name = name
        self.engine = engine
        self.jobs = SqlAlchemyJobRepository(engine)

    def writes_as(self, job_id: str, attempt: int, second: int) -> dict[str, bool]:
        """Tries every fenced write with `attempt`; says which ones the store accepted."""
        progress = self.jobs.record_progress(
            job_id,
            attempt,
            Progress(second, None, "rows"),
            eta_seconds=None,
            checkpoint={"by": self.name, "second": second},
            now=at(second),
        )
        beat = self.jobs.heartbeat(job_id, attempt, at(second), LEASE_SECONDS)
        return {
            "progress and checkpoint": progress is not None,
            "heartbeat": beat is not None,
        }

    def stale_endings(self, job_id: str, attempt: int, second: int) -> list[Job | None]:
        return [
            self.jobs.finish(job_id, attempt, JobOutcome.succeeded("stale"), at(second)),
            self.jobs.finish(job_id, attempt, JobOutcome.failed("stale"), at(second)),
            self.jobs.release(job_id, attempt, at(second)),
        ]


def _at_once(pool: ThreadPoolExecutor, *actions: Callable[[], T]) -> list[T]:
    """Runs the actions on separate threads that start together; re-raises what any of them raised."""
    barrier = threading.Barrier(len(actions))

    def started_together(action: Callable[[], T]) -> T:
        barrier.wait()
        return action()

    futures = [pool.submit(started_together, action) for action in actions]
    return [future.result() for future in futures]


@pytest.mark.parametrize("backend", BACKENDS)
def test_exactly_one_worker_claims_each_round_and_the_superseded_one_is_fenced(
    backend: str, request: pytest.FixtureRequest
) -> None:
    with job_database(request, backend) as engine:
        job = SqlAlchemyJobRepository(engine).create(new_job(0)).job
        url = engine.url.render_as_string(hide_password=False)
        workers = [Worker(name, create_database_engine(url)) for name in ("left", "right")]
        holder, attempt = workers[0], 0
        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                for round_number in range(1, ROUNDS + 1):
                    holder, attempt = _play_round(pool, workers, job.id, holder, attempt, round_number)
        finally:
            for worker in workers:
                worker.engine.dispose()


def _play_round(
    pool: ThreadPoolExecutor, workers: list[Worker], job_id: str, holder: Worker, attempt: int, number: int
) -> tuple[Worker, int]:
    second = number * 1000  # far past the previous round's lease: the job is claimable again
    by_id = number % 2 == 0  # alternate a claim of this job with a claim of the next claimable one

    def claim_by(worker: Worker) -> Callable[[], Job | None]:
        return lambda: worker.jobs.claim(
            worker.name, at(second), LEASE_SECONDS, job_id=job_id if by_id else None
        )

    claims = _at_once(pool, *(claim_by(worker) for worker in workers))

    winners = [(worker, job) for worker, job in zip(workers, claims, strict=True) if job is not None]
    assert len(winners) == 1, f"round {number}: {len(winners)} workers claimed the job"
    winner, claimed = winners[0]
    assert claimed.attempt == attempt + 1
    # The previous holder (which may be the winner itself, under its old attempt) writes as the
    # winner's first writes go in, at the same moment.
    fresh, stale = _at_once(
        pool,
        lambda: winner.writes_as(job_id, claimed.attempt, second + 1),
        lambda: holder.writes_as(job_id, attempt, second + 2) if attempt else {},
    )
    assert fresh == {"progress and checkpoint": True, "heartbeat": True}
    assert not any(stale.values()), f"round {number}: a superseded attempt wrote {stale}"
    if attempt:
        assert holder.stale_endings(job_id, attempt, second + 3) == [None, None, None]
    stored = winner.jobs.get(job_id)
    assert stored is not None
    assert (stored.status, stored.attempt, stored.progress.done) == (
        JobStatus.RUNNING,
        attempt + 1,
        second + 1,
    )
    assert stored.lease is not None
    assert stored.lease.holder == winner.name
    assert stored.checkpoint == {"by": winner.name, "second": second + 1}
    return winner, claimed.attempt
