"""How a job ended: its terminal status with a result reference or an error detail."""

from __future__ import annotations

from dataclasses import dataclass

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.status import JobStatus

MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """Succeeded may carry a result reference (an artifact or model id); failed always carries an error."""

    status: JobStatus
    result_ref: str | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        if not self.status.is_terminal:
            raise InvalidInput(f"{self.status} is not a final status", field="status")
        if self.result_ref is not None and self.status is not JobStatus.SUCCEEDED:
            raise InvalidInput("only a succeeded job has a result", field="result_ref")
        if (self.error is not None) != (self.status is JobStatus.FAILED):
            raise InvalidInput("a failed job, and only a failed job, has an error detail", field="error")

    @classmethod
    def succeeded(cls, result_ref: str | None = None) -> JobOutcome:
        return cls(JobStatus.SUCCEEDED, result_ref=result_ref)

    @classmethod
    def failed(cls, error: str) -> JobOutcome:
        return cls(JobStatus.FAILED, error=error[:MAX_ERROR_LENGTH] or "failed")

    @classmethod
    def cancelled(cls) -> JobOutcome:
        return cls(JobStatus.CANCELLED)
