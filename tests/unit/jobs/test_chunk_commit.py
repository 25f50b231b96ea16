"""`JobContext.commit`: a chunk's effects, its checkpoint, progress and ETA in one transaction, fenced by
the attempt, and the stop signals only after the chunk committed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.context import JobContext
from spacetime_service.application.jobs.signals import JobCancelled, JobSuspended
from spacetime_service.domain.bulk_updates import BulkUpdate, BulkUpdateFilter, MultiplyPrice, Rounding
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.eta import ThroughputEstimate
from spacetime_service.domain.jobs.progress import Progress
from tests.fakes.batch_unit_of_work import BatchState, FakeBatchUnitOfWork
from tests.fakes.jobs import FixedClock
from tests.support.batch_datasets import products
from tests.support.jobs.builders import LEASE_SECONDS, new_job

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.job import Job

RAISE = BulkUpdate(BulkUpdateFilter(min_price=Decimal("0.01")), MultiplyPrice(Decimal(2), Rounding.HALF_EVEN))


class World:
    """Ten products and one job, claimed by attempt 1 and run through a context with a 10 s half-life."""

    def __init__(self) -> None:
        self.clock = FixedClock()
        self.state = BatchState(products={p.id: p for p in products(10)})
        created = self.state.jobs.create(new_job(0)).job
        claimed = self.state.jobs.claim("worker-a", self.clock.now(), LEASE_SECONDS, job_id=created.id)
        assert claimed is not None
        self.job = claimed
        self.control = AttemptControl(claimed.id, claimed.attempt)
        self.context = JobContext(
            claimed,
            repository=self.state.jobs,
            clock=self.clock,
            control=self.control,
            throughput=ThroughputEstimate(half_life_seconds=10),
        )

    def stored(self) -> Job:
        job = self.state.jobs.get(self.job.id)
        assert job is not None
        return job

    def prices(self) -> list[Decimal]:
        return [product.price for _, product in sorted(self.state.products.items())]

    def chunk(self, last_id: int, upto_id: int, *, final: bool = False) -> None:
        """Doubles the prices of ids in (last_id, upto_id] and commits that with its checkpoint."""
        with FakeBatchUnitOfWork(self.state) as uow:
            uow.product_updates.apply(RAISE, last_id, upto_id, self.clock.now())
            self.context.commit(uow, upto_id, 10, "rows", {"last_id": upto_id}, final=final)

    def supersede(self) -> None:
        """Attempt 1 stalls past its lease, and attempt 2 claims the job."""
        self.clock.advance(LEASE_SECONDS)
        assert self.state.jobs.claim("worker-b", self.clock.now(), LEASE_SECONDS, job_id=self.job.id)


def test_a_chunk_commits_with_its_checkpoint_progress_and_eta() -> None:
    world = World()
    before = world.prices()
    world.clock.advance(4)

    world.chunk(0, 4)

    stored = world.stored()
    assert (stored.checkpoint, stored.progress) == ({"last_id": 4}, Progress(4, 10, "rows"))
    assert stored.eta_seconds == pytest.approx(6 / (4 / 4))  # 6 rows left at 1 row per second
    assert world.prices() == [price * 2 for price in before[:4]] + before[4:]


def test_a_refused_fenced_write_rolls_back_the_chunk_with_its_checkpoint() -> None:
    world = World()
    world.chunk(0, 4)
    after_first = world.prices()
    world.supersede()

    with pytest.raises(LeaseLost):
        world.chunk(4, 8)

    stored = world.stored()
    assert (stored.attempt, stored.checkpoint, stored.progress.done) == (2, {"last_id": 4}, 4)
    assert world.prices() == after_first  # the chunk's effects went with its checkpoint
    assert world.control.lost.is_set()
    with pytest.raises(LeaseLost):
        world.context.report(8, 10, "rows", {"last_id": 8})  # a lost attempt writes nothing more


def test_a_cancel_stops_the_handler_only_after_its_chunk_committed() -> None:
    world = World()
    world.state.jobs.request_cancel(world.job.id, world.clock.now())

    with pytest.raises(JobCancelled):
        world.chunk(0, 4)

    assert world.stored().checkpoint == {"last_id": 4}
    assert world.control.cancel.is_set()


def test_a_stop_that_comes_with_the_final_chunk_is_too_late() -> None:
    world = World()
    world.state.jobs.request_cancel(world.job.id, world.clock.now())
    world.control.suspend.set()

    world.chunk(0, 10, final=True)

    assert world.stored().checkpoint == {"last_id": 10}


def test_a_shutdown_stops_the_handler_after_a_report() -> None:
    world = World()
    world.control.suspend.set()

    with pytest.raises(JobSuspended):
        world.context.report(3, 10, "rows", {"last_id": 3})

    assert world.stored().checkpoint == {"last_id": 3}


def test_progress_only_keeps_the_checkpoint_and_still_records_the_eta() -> None:
    world = World()
    world.context.report(2, 10, "rows", {"last_id": 2})
    world.clock.advance(2)

    world.context.progress_only(6, 10, "rows")

    stored = world.stored()
    assert (stored.checkpoint, stored.progress.done) == ({"last_id": 2}, 6)
    assert stored.eta_seconds == pytest.approx(4 / (6 / 2))  # the first sample: 6 rows in 2 s
