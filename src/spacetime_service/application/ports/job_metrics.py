"""Port: the figures the job engine reports about the work it does, for operators' dashboards."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class JobMetrics(Protocol):
    """Every method is cheap and never fails the job: a figure that cannot be recorded is lost."""

    def job_submitted(self, kind: str) -> None:
        """A submission created a new job (an idempotent repeat creates none)."""

    def job_finished(self, kind: str, outcome: str, seconds: float | None) -> None:
        """A job ended `outcome` (succeeded, failed, cancelled); `seconds` from its first start to its
        end, over all its attempts (None when it never started)."""

    def chunk_committed(self, kind: str, seconds: float, rows: int, bytes_processed: int) -> None:
        """A chunk committed after `seconds` of work, having processed `rows` rows and `bytes_processed`
        bytes (an import's input read, a report's output written; 0 when the job counts neither)."""

    def attempt_resumed(self, kind: str) -> None:
        """An attempt took over a job that an earlier attempt had started (after a shutdown, a crash
        or a lost lease), to continue it from its checkpoint."""

    def lease_expired(self, kind: str) -> None:
        """An attempt found its lease gone (it expired and another attempt owns the job now)."""

    def job_retried(self, kind: str) -> None:
        """A transient fault was counted, and the attempt runs the job again from its checkpoint."""
