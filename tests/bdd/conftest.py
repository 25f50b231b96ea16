"""Shared steps of the feature suites. Steps drive the use cases through the container; scenarios tagged
@http drive the same behaviour through a real uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from pytest_bdd import given, parsers, then

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.memory_settings import MemorySettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from tests.bdd.catalog_world import World


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'features.db'}"
    upgrade_to_head(url)
    return url


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    settings = Settings(
        database=DatabaseSettings.model_validate({"DATABASE_URL": database_url}),
        api=ApiSettings(cursor_secret=SecretStr("feature-secret")),
        memory=MemorySettings(external_storage=tmp_path / "spill"),
        imports=ImportSettings(staging=tmp_path / "imports"),
    )
    container = build_container(settings)
    container.init_resources()
    try:
        yield World(container)
    finally:
        container.shutdown_resources()


@given(parsers.parse("a catalog of {count:d} products"))
def a_catalog(world: World, count: int) -> None:
    world.add_products(count)


@given(parsers.parse('a product named "{name}" in category "{category}"'))
def a_named_product(world: World, name: str, category: str) -> None:
    world.add_named_product(name, category)


@then(parsers.parse('the request is refused because of "{field}"'))
def refused_because_of(world: World, field: str) -> None:
    assert world.error is not None, "the request was accepted"
    assert getattr(world.error, "field", None) == field, world.error.detail
