"""Use case: change many products at once, as a resumable job, or count what would change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.bulk_updates.handler import BULK_UPDATE_KIND
from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.application.jobs.keyed_job import job_with_key
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.errors import Conflict

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.bulk_updates import BulkUpdate
    from spacetime_service.domain.jobs.job import Job


@dataclass(frozen=True, slots=True)
class BulkUpdateProductsCommand:
    owner: str
    update: BulkUpdate
    dry_run: bool = False
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class BulkUpdateProductsResult:
    """A dry run has `would_change` and no job; otherwise `job` is the submitted (or, for a repeated
    idempotency key, the earlier) job and `created` tells which."""

    would_change: int | None = None
    job: Job | None = None
    created: bool = False


class BulkUpdateProducts:
    """Applies one operation to every product that matches the filter and exists at submission.

    The filter needs at least one condition and the operation is validated before anything happens
    (see domain.bulk_update). A dry run counts the products whose values would change and changes
    nothing. Otherwise a `bulk_update` job is submitted with the largest product id of this moment
    (`upto_id`), so products added later are left alone; the job changes each product exactly once,
    whatever crashes or resumes happen (BulkUpdateHandler). Repeating a submission with the same
    idempotency key and the same update returns the first job, even if products were added since."""

    def __init__(
        self, uow_factory: Callable[[], BatchUnitOfWork], submit_job: SubmitJob, jobs: JobRepository
    ) -> None:
        self._uow_factory = uow_factory
        self._submit_job = submit_job
        self._jobs = jobs

    def execute(self, command: BulkUpdateProductsCommand) -> BulkUpdateProductsResult:
        with self._uow_factory() as uow:
            upto_id = uow.product_updates.max_id()
            if command.dry_run:
                return BulkUpdateProductsResult(
                    would_change=uow.product_updates.count_changes(command.update, upto_id)
                )
        request = BulkUpdateJobRequest(command.update, upto_id).to_json()
        submission = SubmitJobCommand(BULK_UPDATE_KIND, command.owner, request, command.idempotency_key)
        try:
            result = self._submit_job.execute(submission)
        except Conflict:
            earlier = self._earlier_job(command)
            if earlier is None:
                raise
            return BulkUpdateProductsResult(job=earlier, created=False)
        return BulkUpdateProductsResult(job=result.job, created=result.created)

    def _earlier_job(self, command: BulkUpdateProductsCommand) -> Job | None:
        """The owner's job with this key, if it asked for the same update (its upto_id aside)."""
        job = job_with_key(self._jobs, command.owner, BULK_UPDATE_KIND, command.idempotency_key)
        if job is None or BulkUpdateJobRequest.from_json(job.request).update != command.update:
            return None
        return job
