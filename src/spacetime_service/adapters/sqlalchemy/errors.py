"""Turns SQLAlchemy's errors into the application's: a lost or locked database, and a pool with no
connection free in time, are Unavailable (transient: a job that meets them is retried from its
checkpoint), a broken constraint is a Conflict."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from spacetime_service.domain.errors import Conflict, Unavailable

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextmanager
def translated_errors() -> Iterator[None]:
    try:
        yield
    except IntegrityError as error:
        raise Conflict("the change clashes with data already stored") from error
    except PoolTimeout as error:
        raise Unavailable("no database connection was free in time; retry later") from error
    except OperationalError as error:
        raise Unavailable("the database is unavailable or busy; retry later") from error
    except DBAPIError as error:
        if error.connection_invalidated:
            raise Unavailable("the connection to the database was lost; retry later") from error
        raise
