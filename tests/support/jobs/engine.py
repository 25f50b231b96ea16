"""The job engine assembled from fakes and a fixed clock, for unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from tests.fakes.jobs import FakeJobRepository, FixedClock, RecordingJobRunner, SequentialIds

if TYPE_CHECKING:
    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.json_value import JsonObject

LEASE_SECONDS = 60.0


@dataclass
class Engine:
    repository: FakeJobRepository = field(default_factory=FakeJobRepository)
    clock: FixedClock = field(default_factory=FixedClock)
    ids: SequentialIds = field(default_factory=SequentialIds)
    runner: RecordingJobRunner = field(default_factory=RecordingJobRunner)

    def submit(self, kind: str, request: JsonObject, *, key: str | None = None, owner: str = "alice") -> Job:
        use_case = SubmitJob(self.repository, self.runner, self.clock, self.ids, kinds={kind})
        return use_case.execute(SubmitJobCommand(kind, owner, request, key)).job

    def executor(self, *handlers: JobHandler) -> JobExecutor:
        by_kind = {getattr(handler, "kind"): handler for handler in handlers}  # noqa: B009
        return JobExecutor(self.repository, by_kind, self.clock, eta_half_life_seconds=10)

    def claim(self, worker_id: str, job_id: str) -> Job:
        claimed = self.repository.claim(worker_id, self.clock.now(), LEASE_SECONDS, job_id=job_id)
        assert claimed is not None, f"{worker_id} could not claim {job_id}"
        return claimed

    def run(self, executor: JobExecutor, worker_id: str, job_id: str) -> Job | None:
        claimed = self.claim(worker_id, job_id)
        return executor.run(claimed, AttemptControl(claimed.id, claimed.attempt))

    def stored(self, job_id: str) -> Job:
        job = self.repository.get(job_id)
        assert job is not None
        return job
