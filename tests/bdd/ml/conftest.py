"""Fixtures and steps of both features of features/ml: the order history models learn from, and a
service process that runs its jobs (training is a job) from the start."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers

from tests.support.seed import seed

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer


@pytest.fixture
def container(container: RootContainer) -> RootContainer:
    container.init_resources()  # as the API's lifespan does: the job runner starts
    return container


@given(parsers.parse("an order history of {count:d} orders"))
def an_order_history(database_url: str, count: int) -> None:
    seed(database_url, product_count=100, order_count=count)
