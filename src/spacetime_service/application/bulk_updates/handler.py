"""The `bulk_update` job: set-based changes to products in keyset chunks, each exactly once."""

from __future__ import annotations

from collections.abc import Callable

from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.application.bulk_updates.progress import BulkUpdateProgress
from spacetime_service.application.jobs.context import JobContext
from spacetime_service.application.jobs.fenced_progress import record_chunk
from spacetime_service.application.jobs.signals import JobCancelled
from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
from spacetime_service.application.ports.chunk_sizer import ChunkSizer
from spacetime_service.application.ports.clock import Clock
from spacetime_service.domain.jobs.eta import ThroughputEstimate
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus

BULK_UPDATE_KIND = "bulk_update"
# What a chunk costs per row in this process: only ids and counts travel, the database does the rest.
ROW_BYTES_ESTIMATE = 64
# A floor under the chunk size. Memory does not limit a chunk here, but every commit costs an fsync and
# rewrites each index page the chunk touched (a price index is touched at random), so chunks much
# smaller than this multiply the writes; much larger ones hold the write lock longer.
DEFAULT_MIN_CHUNK_ROWS = 10_000


class BulkUpdateHandler:
    """Walks the products with id <= the request's `upto_id` by keyset (`id > last_id ORDER BY id
    LIMIT n`, n from the chunk sizer). Each chunk is one transaction: one set-based UPDATE of the
    chunk's id range, then one fenced write of the job record with the new checkpoint (last id,
    rows changed so far) and progress. A crash leaves both or neither, and a superseded attempt's
    write is refused (LeaseLost) and rolls its chunk back; so every product changes exactly once.

    The checkpoint is read from the job record itself, not from the runner's checkpoint store, so
    that this holds whichever store the runner is configured with. A product changed by the update
    is never selected again: later chunks start after its id. Cancels and shutdowns stop it between
    chunks, after the last chunk committed."""

    kind = BULK_UPDATE_KIND

    def __init__(
        self,
        uow_factory: Callable[[], BatchUnitOfWork],
        chunk_sizer: ChunkSizer,
        clock: Clock,
        *,
        min_chunk_rows: int = DEFAULT_MIN_CHUNK_ROWS,
    ) -> None:
        self._uow_factory = uow_factory
        self._chunk_sizer = chunk_sizer
        self._clock = clock
        self._min_chunk_rows = max(1, min_chunk_rows)

    def run(self, context: JobContext) -> None:
        request = BulkUpdateJobRequest.from_json(context.request)
        progress = self._starting_point(context, request)
        throughput = ThroughputEstimate().observe(progress.changed, self._clock.now())
        while True:
            context.raise_if_stopping()
            with self._uow_factory() as uow:
                end = uow.product_updates.next_chunk_end(
                    request.update, progress.last_id, request.upto_id, progress.chunk_rows
                )
                if end is None:
                    return
                now = self._clock.now()
                changed = uow.product_updates.apply(request.update, progress.last_id, end.last_id, now)
                progress = progress.advanced(end.last_id, changed)
                throughput = throughput.observe(progress.changed, now)
                shown = Progress(progress.changed, max(progress.total, progress.changed), "rows")
                job = record_chunk(
                    uow.jobs,
                    context,
                    shown,
                    throughput=throughput,
                    checkpoint=progress.to_checkpoint(),
                    now=now,
                )
                uow.commit()
            if job.status is JobStatus.CANCELLING:
                raise JobCancelled(context.job_id)

    def _starting_point(self, context: JobContext, request: BulkUpdateJobRequest) -> BulkUpdateProgress:
        with self._uow_factory() as uow:
            job = uow.jobs.get(context.job_id)
            saved = BulkUpdateProgress.from_checkpoint(None if job is None else job.checkpoint)
            if saved is not None:
                return saved
            total = uow.product_updates.count_changes(request.update, request.upto_id)
        rows = max(self._min_chunk_rows, self._chunk_sizer.rows_per_chunk(total, ROW_BYTES_ESTIMATE))
        return BulkUpdateProgress(last_id=0, changed=0, total=total, chunk_rows=rows)
