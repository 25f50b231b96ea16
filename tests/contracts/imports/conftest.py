"""The ProductUpserter contract runs on every BatchUnitOfWork: the fake, SQLite and PostgreSQL."""

from tests.support.batch_databases import batch, batch_postgres_engine

__all__ = ["batch", "batch_postgres_engine"]
