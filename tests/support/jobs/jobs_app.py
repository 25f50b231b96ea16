"""An in-process app over a real, migrated SQLite file, with a driver that moves its job records."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings, StorageSettings
from spacetime_service.entrypoints.http.app import create_app
from tests.support.in_runner import in_runner_memory
from tests.support.jobs.job_records import JobDriver

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@dataclass(frozen=True)
class JobsApp:
    client: TestClient
    jobs: JobDriver
    container: RootContainer


def job_settings(tmp_path: Path) -> Settings:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    upgrade_to_head(url)
    return Settings(
        database=DatabaseSettings(DATABASE_URL=url),
        api=ApiSettings(cursor_secret=SecretStr("unit-test-secret"), max_streams_per_client=2),
        storage=StorageSettings(artifact_storage=tmp_path / "artifacts"),
        jobs=JobSettings(worker_id="api-test"),
        # The breaker measures the process it runs in, here pytest itself (see tests/support/in_runner.py).
        memory=in_runner_memory(tmp_path / "spill"),
    )


@contextmanager
def jobs_app(settings: Settings, container: RootContainer | None = None) -> Iterator[JobsApp]:
    container = container or build_container(settings)
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield JobsApp(client, JobDriver(container.jobs.repository()), container)
