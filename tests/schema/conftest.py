"""A real uvicorn server over a real SQLite file seeded with a small catalog, for the OpenAPI fuzz run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.seed import seed
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterator

SERVER_ENV = {
    "SPACETIME_CURSOR_SECRET": "fuzz-secret",
    # Enough streams for a fuzzer that cuts event streams and moves on before the server notices.
    "SPACETIME_MAX_STREAMS_PER_CLIENT": "16",
    # Event streams send a ping at least this often, so a cut one is cut at an event, not in silence.
    "SPACETIME_SSE_PING_SECONDS": "0.5",
    "SPACETIME_POLL_SECONDS": "0.1",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UvicornServer]:
    workdir = tmp_path_factory.mktemp("openapi-fuzz")
    url = f"sqlite:///{workdir / 'service.db'}"
    seed(url, product_count=60, order_count=600)
    env = {
        **SERVER_ENV,
        "SPACETIME_MODEL_STORAGE": str(workdir / "models"),
        "SPACETIME_IMPORT_STAGING": str(workdir / "imports"),
        "SPACETIME_EXTERNAL_STORAGE": str(workdir / "spill"),
    }
    with UvicornServer(url, workdir, env) as server:
        yield server
