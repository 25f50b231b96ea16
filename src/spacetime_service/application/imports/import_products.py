"""Use case: import products from an uploaded CSV or NDJSON file, as a resumable job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from spacetime_service.application.encoding.media_types import NDJSON_MEDIA_TYPE
from spacetime_service.application.imports.duplicates import repeated_sku
from spacetime_service.application.imports.handler import PRODUCT_IMPORT_KIND
from spacetime_service.application.imports.job_request import ProductImportJobRequest
from spacetime_service.application.imports.records import staged_upload
from spacetime_service.application.imports.staging import StagedTally, stage_rows
from spacetime_service.application.jobs.keyed_job import job_with_key
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand, SubmitJobResult
from spacetime_service.domain.errors import Conflict, TooLarge

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacetime_service.application.encoding.table_encoding import WireFormat
    from spacetime_service.application.imports.limits import ImportLimits
    from spacetime_service.application.ports.artifact_storage import ArtifactStorage
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.external_sorter import ExternalSorter
    from spacetime_service.application.ports.id_generator import IdGenerator
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

STAGED_MEDIA_TYPE = NDJSON_MEDIA_TYPE
DEFAULT_UPLOAD_RETENTION = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ImportProductsCommand:
    """`body` is the upload as byte chunks; `declared_bytes` its length when known in advance."""

    owner: str
    body: Iterable[bytes]
    wire_format: WireFormat
    idempotency_key: str | None = None
    declared_bytes: int | None = None


@dataclass(frozen=True, slots=True)
class ImportProductsResult:
    """The submitted job (or, for a repeated idempotency key, the earlier one: `created` False) and
    how many products the upload holds."""

    job: Job
    created: bool
    rows: int


class ImportProducts:
    """Every row of an upload is checked before anything is written to the catalog: the upload is read
    line by line, and each valid row goes to a staged file under an id the service chooses. The first
    bad row (unknown or missing field, wrong value, a sku that an earlier line already has) refuses
    the whole upload with its line and field (InvalidRow), as does an upload past the limits
    (TooLarge); the staged file is then removed. A valid upload becomes a `product_import` job that
    upserts its rows by sku exactly once (ProductImportHandler). Repeating it with the same
    idempotency key and the same rows returns the first job; the same key with other rows is a
    Conflict. Staged files older than the retention (of jobs cancelled before they started) are
    removed on the way."""

    def __init__(
        self,
        staging: ArtifactStorage,
        sorter: ExternalSorter,
        submit_job: SubmitJob,
        jobs: JobRepository,
        *,
        ids: IdGenerator,
        clock: Clock,
        limits: ImportLimits,
        retention: timedelta = DEFAULT_UPLOAD_RETENTION,
    ) -> None:
        self._staging = staging
        self._sorter = sorter
        self._submit_job = submit_job
        self._jobs = jobs
        self._ids = ids
        self._clock = clock
        self._limits = limits
        self._retention = retention

    def execute(self, command: ImportProductsCommand) -> ImportProductsResult:
        if command.declared_bytes is not None and command.declared_bytes > self._limits.max_body_bytes:
            raise TooLarge(f"an upload is at most {self._limits.max_body_bytes} bytes")
        self._staging.delete_expired(self._clock.now() - self._retention)
        upload_id = self._ids.new_id()
        request = self._stage(upload_id, command)
        try:
            result = self._submit(request, command)
        except BaseException:
            self._staging.delete(upload_id)
            raise
        if result.job.request.get("upload_id") != upload_id:
            self._staging.delete(upload_id)  # an earlier job imports the same rows
        return ImportProductsResult(result.job, result.created, request.rows)

    def _stage(self, upload_id: str, command: ImportProductsCommand) -> ProductImportJobRequest:
        writer = self._staging.begin(upload_id, 0)
        tally = StagedTally()
        try:
            blocks = staged_upload(command.body, command.wire_format, self._limits)
            # The repeated-sku check sorts the rows' keys as the upload is staged, so a bad value
            # (raised while staging) is reported before a repeated sku (found once all are read).
            repeated = repeated_sku(stage_rows(blocks, writer, tally), self._sorter)
            if repeated is not None:
                raise repeated
        except BaseException:
            writer.discard()
            raise
        writer.publish(
            filename=f"{upload_id}.ndjson", content_type=STAGED_MEDIA_TYPE, created_at=self._clock.now()
        )
        staged = tally.result()
        return ProductImportJobRequest(upload_id, staged.rows, staged.sha256, command.wire_format.value)

    def _submit(self, request: ProductImportJobRequest, command: ImportProductsCommand) -> SubmitJobResult:
        submission = SubmitJobCommand(
            PRODUCT_IMPORT_KIND, command.owner, request.to_json(), command.idempotency_key
        )
        try:
            return self._submit_job.execute(submission)
        except Conflict:
            earlier = job_with_key(self._jobs, command.owner, PRODUCT_IMPORT_KIND, command.idempotency_key)
            if earlier is None or not ProductImportJobRequest.from_json(earlier.request).same_upload(request):
                raise
            return SubmitJobResult(earlier, created=False)
