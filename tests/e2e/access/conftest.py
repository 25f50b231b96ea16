"""One real uvicorn server that requires a credential (SPACETIME_AUTH_REQUIRED=true) over a migrated
SQLite file, and real API keys made in that file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.access import api_key, bearer
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sqlalchemy import Engine

    from spacetime_service.domain.identity import Scope

SERVER_ENV = {"SPACETIME_CURSOR_SECRET": "e2e-access-secret", "SPACETIME_AUTH_REQUIRED": "true"}


@dataclass(frozen=True)
class GuardedServer:
    base_url: str
    engine: Engine

    def key_headers(self, owner: str, scopes: Iterable[Scope] | None = None) -> dict[str, str]:
        """The Authorization header of a new real API key (every scope but admin when none are given)."""
        return bearer(api_key(self.engine, owner, scopes))


@pytest.fixture(scope="package")
def guarded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GuardedServer]:
    workdir = tmp_path_factory.mktemp("e2e-access")
    url = f"sqlite:///{workdir / 'access.db'}"
    upgrade_to_head(url)
    engine = create_database_engine(url)
    server = UvicornServer(url, workdir, SERVER_ENV)
    try:
        yield GuardedServer(server.start(), engine)
    finally:
        server.stop()
        engine.dispose()
