"""Access to the real PostgreSQL and Redis servers that adapter tests run against.

In CI (CI=true) a server that cannot be reached fails the run; elsewhere its tests are skipped with a
message that says how to run them.
"""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

POSTGRES_URL = os.environ.get(
    "SPACETIME_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("SPACETIME_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(what: str, how: str, error: Exception) -> None:
    message = f"{what} is not reachable ({error}); {how}"
    if IN_CI:
        pytest.fail(f"{message} [CI requires it]", pytrace=False)
    pytest.skip(message)


def _plain_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def fresh_postgres_database() -> Iterator[str]:
    """Creates an empty database on the test server, yields its SQLAlchemy URL, and drops it after."""
    import psycopg

    name = f"st_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(_plain_dsn(POSTGRES_URL), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        unavailable(
            "PostgreSQL",
            "start it on 127.0.0.1:5432 or set SPACETIME_TEST_POSTGRES_URL to run these tests",
            error,
        )
        raise
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        base, _, _ = POSTGRES_URL.rpartition("/")
        try:
            yield f"{base}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(
            "Redis", "start it on 127.0.0.1:6379 or set SPACETIME_TEST_REDIS_URL to run these tests", error
        )
    finally:
        client.close()
    return REDIS_URL
