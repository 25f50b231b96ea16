"""The world of the ML features: the service's container with ML over a seeded SQLite file, its job
runner running, and what the last step answered."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.jobs.job import Job

WAIT_SECONDS = 120.0


@dataclass
class MlFeatureWorld:
    database_url: str
    models: Path
    container: Any = None
    model_id: str | None = None
    reference_id: str | None = None
    request: dict[str, Any] = field(default_factory=dict)
    body: bytes = b""
    error: DomainError | None = None

    def start(self) -> None:
        """A container (a service process) over the same database and model store, runner started."""
        settings = Settings(
            database=DatabaseSettings.model_validate({"DATABASE_URL": self.database_url}),
            jobs=JobSettings(
                worker_id=f"bdd-{time.monotonic_ns()}",
                poll_seconds=0.05,
                heartbeat_seconds=1,
                lease_seconds=5,
            ),
            ml=MlSettings(model_storage=self.models, predict_chunk_rows=10),
        )
        self.container = RootContainer(settings=settings)
        self.container.init_resources()

    def stop(self) -> None:
        if self.container is not None:
            self.container.shutdown_resources()
            self.container = None

    def job(self, job_id: str) -> Job:
        job: Job = self.container.jobs.get_job().execute(GetJobCommand(job_id))
        return job

    def wait_until_ended(self, job_id: str) -> Job:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            job = self.job(job_id)
            if job.status.is_terminal:
                return job
            time.sleep(0.02)
        pytest.fail(f"job {job_id} did not end")


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[MlFeatureWorld]:
    world = MlFeatureWorld(database_url, tmp_path / "models")
    try:
        yield world
    finally:
        world.stop()
