"""The service as a succession of processes over one SQLite file and one working directory (artifacts,
models, spill files, staged uploads). Each process is a RootContainer of its own, with a worker id of
its own, short leases and frequent polls, so that a later process can take over what an earlier one
left within seconds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dependency_injector import providers
from pydantic import SecretStr

from spacetime_service.application.bulk_updates.handler import BulkUpdateHandler
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.memory_settings import MemorySettings
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings, StorageSettings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork

# Waiting for a job, a lease or a checkpoint is bounded by this deadline; nothing asserts how long it took.
DEADLINE_SECONDS = 120.0
# Short leases, so that a dead worker's job can be claimed again within seconds; heartbeats keep the
# leases of live workers well inside them.
LEASE_SECONDS = 2.0
HEARTBEAT_SECONDS = 0.25
POLL_SECONDS = 0.05
# Predictions answer this many records at a time, so that a few dozen records make several chunks.
PREDICT_CHUNK_ROWS = 10
CURSOR_SECRET = "feature-secret"


@dataclass
class ServiceProcesses:
    """Builds the processes of one scenario and stops every one of them at its end. With `chunk_rows`,
    bulk updates change that many products per chunk (the service's floor of 10 000 rows per chunk
    would make one chunk of a small catalog); it applies to the processes built after it is set."""

    database_url: str
    workdir: Path
    chunk_rows: int | None = None
    started: list[RootContainer] = field(default_factory=list)

    @property
    def artifacts(self) -> Path:
        return self.workdir / "artifacts"

    @property
    def models(self) -> Path:
        return self.workdir / "models"

    def artifact_names(self) -> list[str]:
        return sorted(path.name for path in self.artifacts.iterdir())

    def new(self) -> RootContainer:
        """A process that has not started its runner yet (its resources start on first use)."""
        container = build_container(self._settings(worker_id=f"bdd-process-{len(self.started) + 1}"))
        self.started.append(container)
        if self.chunk_rows is not None:
            self.bulk_updates_through(container, container.bulk_updates.unit_of_work.provider)
        return container

    def stop_all(self) -> None:
        for container in reversed(self.started):
            container.shutdown_resources()

    def bulk_updates_through(self, container: RootContainer, units: Callable[[], BatchUnitOfWork]) -> None:
        """Makes the process's bulk update handler open its units of work through `units`. Only before
        the process runs its first job: the executor keeps the handlers it was built with."""
        container.bulk_updates.bulk_update_handler.override(
            providers.Singleton(
                BulkUpdateHandler,
                units,
                container.memory.chunk_sizer,
                container.clock,
                min_chunk_rows=1,
            )
        )

    def _settings(self, worker_id: str) -> Settings:
        memory = MemorySettings(external_storage=self.workdir / "spill")
        if self.chunk_rows is not None:
            memory = MemorySettings(
                external_storage=self.workdir / "spill",
                chunk_strategy="fixed",
                fixed_chunk_rows=self.chunk_rows,
                min_chunk_rows=1,
            )
        return Settings(
            database=DatabaseSettings.model_validate({"DATABASE_URL": self.database_url}),
            api=ApiSettings(cursor_secret=SecretStr(CURSOR_SECRET)),
            storage=StorageSettings(artifact_storage=self.artifacts),
            memory=memory,
            imports=ImportSettings(staging=self.workdir / "imports"),
            ml=MlSettings(model_storage=self.models, predict_chunk_rows=PREDICT_CHUNK_ROWS),
            jobs=JobSettings(
                worker_id=worker_id,
                lease_seconds=LEASE_SECONDS,
                heartbeat_seconds=HEARTBEAT_SECONDS,
                poll_seconds=POLL_SECONDS,
                shutdown_seconds=DEADLINE_SECONDS,
            ),
        )
