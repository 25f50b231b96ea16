"""The `bulk_update` job: set-based changes to products in keyset chunks, each exactly once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.application.bulk_updates.progress import BulkUpdateProgress

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer
    from spacetime_service.application.ports.clock import Clock

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
    chunk's id range, committed by `context.commit` with the job record's new checkpoint (last id,
    rows changed so far), progress and ETA. A crash leaves both or neither, and a superseded
    attempt's fenced write is refused (LeaseLost) and rolls its chunk back; so every product changes
    exactly once.

    It resumes from `context.checkpoint`, the job record's. A product changed by the update is never
    selected again: later chunks start after its id. Cancels and shutdowns stop it between chunks,
    after the last chunk committed."""

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
                # The count made at the start is an estimate: rows may have come to match since.
                total = max(progress.total, progress.changed)
                context.commit(uow, progress.changed, total, "rows", progress.to_checkpoint())

    def _starting_point(self, context: JobContext, request: BulkUpdateJobRequest) -> BulkUpdateProgress:
        saved = BulkUpdateProgress.from_checkpoint(context.checkpoint)
        if saved is not None:
            return saved
        with self._uow_factory() as uow:
            total = uow.product_updates.count_changes(request.update, request.upto_id)
        rows = max(self._min_chunk_rows, self._chunk_sizer.rows_per_chunk(total, ROW_BYTES_ESTIMATE))
        return BulkUpdateProgress(last_id=0, changed=0, total=total, chunk_rows=rows)
