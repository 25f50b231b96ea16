"""One real server for the deployment tests, which put nginx and Prometheus in front of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="package")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UvicornServer]:
    workdir = tmp_path_factory.mktemp("deployed-api")
    url = f"sqlite:///{workdir / 'deployed.db'}"
    upgrade_to_head(url)
    with UvicornServer(url, workdir) as server:
        yield server
