"""Every table of the service on one `MetaData`: what Alembic's environment and the comparison of
migrations against the models must use, so that no table module is left out by an import."""

from __future__ import annotations

from spacetime_service.adapters.sqlalchemy.api_keys import tables as api_keys
from spacetime_service.adapters.sqlalchemy.jobs import tables as jobs
from spacetime_service.adapters.sqlalchemy.model_registry import tables as model_registry
from spacetime_service.adapters.sqlalchemy.schema import catalog_tables as catalog

metadata = catalog.metadata

__all__ = ["api_keys", "catalog", "jobs", "metadata", "model_registry"]
