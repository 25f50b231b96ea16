"""The reports run on migrated SQLite and PostgreSQL databases holding the batch dataset."""

from tests.support.batch_databases import batch_integration_postgres, database

__all__ = ["batch_integration_postgres", "database"]
