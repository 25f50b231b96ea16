"""The world of features/reports: the service's processes over one SQLite file and artifact
directory, not running jobs until a step starts them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.bdd.catalog_world import World
from tests.bdd.job_steps import *  # noqa: F403
from tests.bdd.job_steps import JobScene
from tests.bdd.job_world import process_world


@pytest.fixture
def world(jobs: JobScene) -> Iterator[World]:
    yield from process_world(jobs.processes)
