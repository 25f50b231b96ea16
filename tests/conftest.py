"""Fixtures shared by every test layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support import servers

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session (dropped afterwards)."""
    yield from servers.fresh_postgres_database()


@pytest.fixture(scope="session")
def redis_url() -> str:
    return servers.redis_url()
