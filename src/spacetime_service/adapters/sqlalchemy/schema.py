"""Every table of the service on one `MetaData`: what Alembic's environment and the comparison of
migrations against the models must use, so that no table module is left out by an import."""

from __future__ import annotations

from spacetime_service.adapters.sqlalchemy import job_tables, model_registry_tables, tables

metadata = tables.metadata

__all__ = ["job_tables", "metadata", "model_registry_tables", "tables"]
