"""How the `spacetime jobs` commands print jobs: one line per job for people, or for
scripts the JSON that HTTP shows (`application/jobs/presenter.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.job import Job


def job_line(job: Job) -> str:
    """`<id>  <kind>  <owner>  <status>  <progress>  [eta ..s]  [result|error]` on one line."""
    parts = [job.id, job.kind, job.owner, job.status.value, progress_text(job)]
    if job.eta_seconds is not None:
        parts.append(f"eta {job.eta_seconds:.0f}s")
    if job.result_ref is not None:
        parts.append(f"result {job.result_ref}")
    if job.error is not None:
        parts.append(f"error: {job.error}")
    return "  ".join(parts)


def progress_text(job: Job) -> str:
    """`250/1000 rows (25.0%)`, `250 rows` without a total, `-` before any progress."""
    progress = job.progress
    if progress.done == 0 and progress.total is None:
        return "-"
    unit = f" {progress.unit}" if progress.unit else ""
    if progress.total is None or progress.fraction is None:
        return f"{progress.done}{unit}"
    return f"{progress.done}/{progress.total}{unit} ({progress.fraction * 100:.1f}%)"
