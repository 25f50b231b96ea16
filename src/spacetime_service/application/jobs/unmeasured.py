"""JobMetrics that record nothing: the default where no one reads the figures (the CLI, tests)."""

from __future__ import annotations


class UnmeasuredJobs:
    def job_submitted(self, kind: str) -> None:
        pass

    def job_finished(self, kind: str, outcome: str, seconds: float | None) -> None:
        pass

    def chunk_committed(self, kind: str, seconds: float, rows: int, bytes_processed: int) -> None:
        pass

    def attempt_resumed(self, kind: str) -> None:
        pass

    def lease_expired(self, kind: str) -> None:
        pass

    def job_retried(self, kind: str) -> None:
        pass
