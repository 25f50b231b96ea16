"""The `product_import` job: a staged upload upserted by sku in chunks, each exactly once."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, BinaryIO

from spacetime_service.application.imports.job_request import ProductImportJobRequest
from spacetime_service.application.imports.progress import ImportProgress
from spacetime_service.application.imports.staged_lines import checked_staged_record
from spacetime_service.application.jobs.signals import JobCancelled
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.json_value import JsonObject, canonical_json

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.ports.artifact_storage import ArtifactStorage
    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.domain.imports import ImportRecord

PRODUCT_IMPORT_KIND = "product_import"
# What a chunk costs per row in this process: the parsed record and its bound parameters.
ROW_BYTES_ESTIMATE = 1024
# A floor under the chunk size, as for bulk updates: every commit costs an fsync and a job-record write,
# so √n-row chunks of a small upload multiply them (a 200k-row job on SQLite: 11 s with 500-row chunks,
# 8 s with 10,000); 10,000 parsed records hold about 10 MB.
DEFAULT_MIN_CHUNK_ROWS = 10_000


class ProductImportHandler:
    """Reads the staged upload from the checkpoint's byte offset, `chunk_rows` lines at a time (√n by
    default). Each chunk is one transaction: one upsert by sku of the chunk's records, committed by
    `context.commit` with the job record's new checkpoint (offset, rows done, counts), progress and
    ETA. A crash leaves both or neither, and a superseded attempt's fenced write is refused
    (LeaseLost) and rolls its chunk back; so every row is applied exactly once. It resumes from
    `context.checkpoint`, the job record's.

    Cancels and shutdowns stop it between chunks; one that comes with the last chunk is too late (it
    is the `final` commit), and the job succeeds. Once the job has succeeded, been cancelled or met a
    row it cannot import, the staged file is deleted; other failures leave it to the upload
    retention. The result is `{"inserted": i, "updated": u, "unchanged": n}` as JSON text."""

    kind = PRODUCT_IMPORT_KIND

    def __init__(
        self,
        uow_factory: Callable[[], BatchUnitOfWork],
        staging: ArtifactStorage,
        chunk_sizer: ChunkSizer,
        clock: Clock,
        *,
        min_chunk_rows: int = DEFAULT_MIN_CHUNK_ROWS,
    ) -> None:
        self._uow_factory = uow_factory
        self._staging = staging
        self._chunk_sizer = chunk_sizer
        self._clock = clock
        self._min_chunk_rows = max(1, min_chunk_rows)

    def run(self, context: JobContext) -> str:
        request = ProductImportJobRequest.from_json(context.request)
        try:
            progress = self._import(context, request)
        except (JobCancelled, InvalidInput):
            # The job ends here for good; after any other failure a later attempt may still need the file.
            self._staging.delete(request.upload_id)
            raise
        self._staging.delete(request.upload_id)
        return canonical_json(progress.result()).decode()

    def _import(self, context: JobContext, request: ProductImportJobRequest) -> ImportProgress:
        progress = self._starting_point(request, context.checkpoint)
        if progress.rows >= request.rows:
            return progress
        # The next chunk is read and parsed in a second thread while the database writes this one
        # (sqlite3 and psycopg let go of the GIL while they wait on it); only committed chunks move
        # the checkpoint's offset, so reading ahead changes nothing on a resume.
        with (
            self._staging.open(request.upload_id) as staged,
            ThreadPoolExecutor(1, thread_name_prefix="import-read") as reader,
        ):
            _require_digest(staged, request)
            staged.seek(progress.offset)
            ahead = reader.submit(_read_chunk, staged, min(progress.chunk_rows, request.rows - progress.rows))
            while progress.rows < request.rows:
                context.raise_if_stopping()
                records, size = ahead.result()
                if not records:
                    raise InvalidInput(f"the staged upload ends after {progress.rows} of {request.rows} rows")
                if (left := request.rows - progress.rows - len(records)) > 0:
                    ahead = reader.submit(_read_chunk, staged, min(progress.chunk_rows, left))
                with self._uow_factory() as uow:
                    progress = progress.advanced(size, uow.product_upserts.upsert(records, self._clock.now()))
                    final = progress.rows >= request.rows
                    checkpoint = progress.to_checkpoint()
                    context.commit(
                        uow,
                        progress.rows,
                        request.rows,
                        "rows",
                        checkpoint,
                        final=final,
                        bytes_processed=size,
                    )
        return progress

    def _starting_point(
        self, request: ProductImportJobRequest, checkpoint: JsonObject | None
    ) -> ImportProgress:
        saved = ImportProgress.from_checkpoint(checkpoint)
        if saved is not None:
            return saved
        rows = max(self._min_chunk_rows, self._chunk_sizer.rows_per_chunk(request.rows, ROW_BYTES_ESTIMATE))
        return ImportProgress(offset=0, rows=0, inserted=0, updated=0, unchanged=0, chunk_rows=rows)


def _require_digest(staged: BinaryIO, request: ProductImportJobRequest) -> None:
    """The staged file holds exactly the bytes its upload was checked into (one read of the file per
    attempt: 16 MB for 200k rows), so its lines need not pass the row rules again."""
    digest = hashlib.sha256()
    while block := staged.read(1 << 20):
        digest.update(block)
    if digest.hexdigest() != request.sha256:
        raise InvalidInput("the staged upload is not the file that was checked (its SHA-256 differs)")


def _read_chunk(staged: BinaryIO, limit: int) -> tuple[list[ImportRecord], int]:
    """Up to `limit` records from the staged file's position, and how many bytes they took."""
    records: list[ImportRecord] = []
    size = 0
    while len(records) < limit and (data := staged.readline()):
        size += len(data)
        records.append(checked_staged_record(data))
    return records, size
