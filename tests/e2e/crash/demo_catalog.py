"""A large generated catalog (the service's own seeder), and reads of it for the checks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, text

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.demo.seed_demo_data import SeedDemoData, SeedDemoDataCommand

PRODUCTS = 200_000
ORDERS = 1_000_000
SEED = 7


def seed_demo_catalog(url: str) -> None:
    upgrade_to_head(url)
    engine = create_database_engine(url)
    try:
        SeedDemoData(NumpyDemoDataSource(), SqlAlchemyCatalogLoader(engine)).execute(
            SeedDemoDataCommand(PRODUCTS, ORDERS, SEED)
        )
    finally:
        engine.dispose()


def stock_by_id(engine: Engine) -> dict[int, int]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, stock FROM products ORDER BY id"))
        return dict(rows.all())


def order_days(engine: Engine) -> tuple[date, date]:
    """The first and last UTC day with orders."""
    with engine.connect() as connection:
        first, last = connection.execute(text("SELECT MIN(created_at), MAX(created_at) FROM orders")).one()
    return _day(first), _day(last)


def _day(value: object) -> date:
    # SQLite hands back text, PostgreSQL a datetime.
    return date.fromisoformat(str(value)[:10])
