"""Fixtures of features/imports: an import runs as a job, so the service process of every scenario
runs its jobs from the start."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer


@pytest.fixture
def container(container: RootContainer) -> RootContainer:
    container.init_resources()  # as the API's lifespan does: the job runner starts
    return container
