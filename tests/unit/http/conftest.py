"""An in-process app whose units of work are the in-memory fake catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers
from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app
from tests.support.in_runner import in_runner_memory
from tests.unit.http.sample_catalog import SampleCatalog, sample_catalog

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def catalog() -> SampleCatalog:
    return sample_catalog()


@pytest.fixture
def container(tmp_path: Path, catalog: SampleCatalog) -> RootContainer:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        api=ApiSettings(cursor_secret=SecretStr("unit-test-secret"), max_streams_per_client=2),
        # The breaker measures the process it runs in, here pytest itself (tests/support/in_runner.py).
        memory=in_runner_memory(tmp_path / "spill"),
    )
    container = build_container(settings)
    container.database.unit_of_work.override(providers.Object(catalog.unit_of_work))
    return container


@pytest.fixture
def client(container: RootContainer) -> Iterator[TestClient]:
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield client
