"""The catalog loader over a SQLAlchemy engine: picks the fastest path of the engine's database and
turns the driver's errors into the port's errors."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import TYPE_CHECKING

import psycopg
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

from spacetime_service.adapters.sqlalchemy.catalog_loading.postgresql import PostgresBulkLoad
from spacetime_service.adapters.sqlalchemy.catalog_loading.sqlite import SqliteBulkLoad
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders as orders_table
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products as products_table
from spacetime_service.application.ports.catalog_loader import CatalogSize, OrderRows, ProductRows
from spacetime_service.domain.errors import Conflict, InvalidInput, Unavailable

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_NO_TABLES = "the database has no catalog tables; run `spacetime migrate` first"


class SqlAlchemyCatalogLoader:
    """SQLite through the raw sqlite3 connection and `executemany`; PostgreSQL through psycopg COPY.
    Either way the load is one transaction on one pooled connection of the engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def size(self) -> CatalogSize:
        with _translated_errors(), self._engine.connect() as connection:
            products = connection.scalar(select(func.count()).select_from(products_table)) or 0
            orders = connection.scalar(select(func.count()).select_from(orders_table)) or 0
        return CatalogSize(products=products, orders=orders)

    def load(self, products: Iterable[ProductRows], orders: Iterable[OrderRows]) -> CatalogSize:
        dialect = self._engine.dialect.name
        with _translated_errors():
            raw = self._engine.raw_connection()
            try:
                driver = raw.driver_connection
                if dialect == "sqlite" and isinstance(driver, sqlite3.Connection):
                    return SqliteBulkLoad(driver).run(products, orders)
                if dialect == "postgresql" and isinstance(driver, psycopg.Connection):
                    return PostgresBulkLoad(driver).run(products, orders)
                raise InvalidInput(f"bulk loading is not supported on {dialect}", field="database")
            finally:
                raw.close()


@contextmanager
def _translated_errors() -> Iterator[None]:
    try:
        yield
    except (sqlite3.IntegrityError, psycopg.errors.IntegrityError, IntegrityError) as error:
        raise Conflict(f"the rows clash with rows already stored: {_first_line(error)}") from error
    except (psycopg.errors.UndefinedTable, ProgrammingError) as error:
        raise Unavailable(_NO_TABLES) from error
    except (sqlite3.OperationalError, OperationalError) as error:
        if "no such table" in str(error):
            raise Unavailable(_NO_TABLES) from error
        raise Unavailable(f"the database cannot take the load now: {_first_line(error)}") from error
    except (psycopg.OperationalError, DBAPIError) as error:
        raise Unavailable(f"the database cannot take the load now: {_first_line(error)}") from error


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
