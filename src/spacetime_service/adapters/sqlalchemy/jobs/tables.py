"""The `jobs` table: one row per job, its checkpoint included, on the catalog's `metadata`.

The checkpoint is a column of the job's row rather than a table of its own: the fencing token (the
attempt) lives in the same row, so saving a checkpoint is one conditional UPDATE that a chunk's
effects can share a transaction with, and a claim (which bumps the attempt) serialises with it on
the row's lock.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    Double,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import metadata
from spacetime_service.adapters.sqlalchemy.schema.column_types import UtcDateTime
from spacetime_service.domain.jobs.job import MAX_NAME_LENGTH, MAX_TRACE_PARENT_LENGTH
from spacetime_service.domain.jobs.lease import MAX_WORKER_ID_LENGTH
from spacetime_service.domain.jobs.progress import MAX_UNIT_LENGTH
from spacetime_service.domain.jobs.status import JobStatus

# None is SQL NULL (not the JSON literal null), so "no checkpoint" is a NULL a query can test for.
JsonDocument = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

# Ids break ties in (created_at, id) order; byte order ("C") sorts them the same on every database and
# locale, and as Python compares strings.
JobId = String(MAX_NAME_LENGTH).with_variant(String(MAX_NAME_LENGTH, collation="C"), "postgresql")

_STATUSES = ", ".join(f"'{status.value}'" for status in JobStatus)

jobs = Table(
    "jobs",
    metadata,
    Column("id", JobId, primary_key=True),
    Column("kind", String(MAX_NAME_LENGTH), nullable=False),
    Column("owner", String(MAX_NAME_LENGTH), nullable=False),
    Column("idempotency_key", String(MAX_NAME_LENGTH), nullable=True),
    Column("request_hash", String(64), nullable=False),
    Column("request", JsonDocument, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("lease_holder", String(MAX_WORKER_ID_LENGTH), nullable=True),
    Column("lease_expires_at", UtcDateTime, nullable=True),
    Column("heartbeat_at", UtcDateTime, nullable=True),
    Column("progress_done", BigInteger, nullable=False),
    Column("progress_total", BigInteger, nullable=True),
    Column("progress_unit", String(MAX_UNIT_LENGTH), nullable=False),
    Column("eta_seconds", Double, nullable=True),
    Column("checkpoint", JsonDocument, nullable=True),
    Column("result_ref", Text, nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("started_at", UtcDateTime, nullable=True),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("version", BigInteger, nullable=False),
    # Transient faults the job was retried after, and the last one (revision 0004).
    Column("retries", Integer, nullable=False, server_default=text("0")),
    Column("retry_error", Text, nullable=True),
    # The trace contexts of the submitting request and of the latest attempt (revision 0007).
    Column("trace_parent", String(MAX_TRACE_PARENT_LENGTH), nullable=True),
    Column("attempt_trace_parent", String(MAX_TRACE_PARENT_LENGTH), nullable=True),
    CheckConstraint(f"status IN ({_STATUSES})", name="status_known"),
    CheckConstraint("attempt >= 0", name="attempt_not_negative"),
    CheckConstraint("progress_done >= 0", name="progress_not_negative"),
)
# Claims look for queued jobs and for leased ones whose lease expired.
Index(None, jobs.c.status, jobs.c.lease_expires_at)
# Listing pages, and claims of the oldest job first, go by (created_at, id); an owner sees their own.
Index(None, jobs.c.created_at, jobs.c.id)
Index(None, jobs.c.owner, jobs.c.created_at, jobs.c.id)
# One job per owner and idempotency key; jobs without a key are not indexed at all.
Index(
    "uq_jobs_owner_idempotency_key",
    jobs.c.owner,
    jobs.c.idempotency_key,
    unique=True,
    postgresql_where=jobs.c.idempotency_key.is_not(None),
    sqlite_where=jobs.c.idempotency_key.is_not(None),
)
