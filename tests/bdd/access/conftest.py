"""One server that requires credentials for every scenario of features/access/: each scenario's
callers are owners of their own, so the scenarios share its database instead of starting a server
each."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.bdd.service_processes import CURSOR_SECRET
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'features.db'}"
    upgrade_to_head(url)
    return url


@pytest.fixture(scope="module")
def guarded_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = {"SPACETIME_AUTH_REQUIRED": "true", "SPACETIME_CURSOR_SECRET": CURSOR_SECRET}
    with live_server(database_url, tmp_path_factory.mktemp("access-server"), env) as base_url:
        yield base_url
