"""The model registry's tables, on the catalog's `metadata`: one row per model version, and the aliases
that name versions per owner and task. Every version and alias belongs to an owner.

A version's request, metrics and trained range are JSON documents: they are read whole with the
version and never queried inside, and their shape is the domain's `to_json`.
"""

from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import metadata
from spacetime_service.adapters.sqlalchemy.schema.column_types import UtcDateTime
from spacetime_service.domain.jobs.job import MAX_NAME_LENGTH
from spacetime_service.domain.ml.model_version import ModelStatus

# None is SQL NULL (not the JSON literal null), so "not trained yet" is a NULL.
Document = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

# Model ids are at most 64 characters of a-z 0-9 - _; byte order ("C") sorts them alike everywhere.
ModelId = String(64).with_variant(String(64, collation="C"), "postgresql")

_STATUSES = ", ".join(f"'{status.value}'" for status in ModelStatus)

model_versions = Table(
    "model_versions",
    metadata,
    Column("id", ModelId, primary_key=True),
    Column("owner", String(MAX_NAME_LENGTH), nullable=False),
    Column("task", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("request", Document, nullable=False),
    Column("metrics", Document, nullable=False),
    Column("epoch_metrics", Document, nullable=False),
    Column("trained_range", Document, nullable=True),
    Column("job_id", String(200), nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
    CheckConstraint(f"status IN ({_STATUSES})", name="status_known"),
)
# Listings are an owner's, newest first by (created_at, id), often for one task.
Index(None, model_versions.c.owner, model_versions.c.created_at, model_versions.c.id)
Index(None, model_versions.c.owner, model_versions.c.task, model_versions.c.created_at, model_versions.c.id)

model_aliases = Table(
    "model_aliases",
    metadata,
    Column("owner", String(MAX_NAME_LENGTH), primary_key=True),
    Column("task", String(64), primary_key=True),
    Column("name", String(32), primary_key=True),
    Column("model_id", ModelId, ForeignKey(model_versions.c.id), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
Index(None, model_aliases.c.model_id)
