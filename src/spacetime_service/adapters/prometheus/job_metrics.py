"""JobMetrics as Prometheus counters and histograms, which add up across gunicorn workers."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

# From a chunk of a second to a training run of hours.
_JOB_BUCKETS = (0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600, 3 * 3600, 12 * 3600)
_CHUNK_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)

SUBMITTED = Counter("spacetime_jobs_submitted_total", "Jobs created by a submission", ("kind",))
FINISHED = Counter(
    "spacetime_jobs_finished_total",
    "Jobs that ended, by outcome (succeeded, failed, cancelled)",
    ("kind", "outcome"),
)
JOB_DURATION = Histogram(
    "spacetime_job_duration_seconds",
    "From a job's first start to its end, over all its attempts",
    ("kind", "outcome"),
    buckets=_JOB_BUCKETS,
)
CHUNK_DURATION = Histogram(
    "spacetime_job_chunk_duration_seconds",
    "Work and commit of one chunk (from the previous commit, or the attempt's start)",
    ("kind",),
    buckets=_CHUNK_BUCKETS,
)
ROWS = Counter("spacetime_job_processed_rows_total", "Rows that committed chunks processed", ("kind",))
BYTES = Counter(
    "spacetime_job_processed_bytes_total",
    "Bytes that committed chunks read (imports) or wrote (reports)",
    ("kind",),
)
RESUMES = Counter(
    "spacetime_job_resumes_total", "Attempts that continued a job an earlier attempt had started", ("kind",)
)
LEASE_EXPIRIES = Counter(
    "spacetime_job_lease_expiries_total",
    "Attempts that found their lease expired and the job taken over by another attempt",
    ("kind",),
)
RETRIES = Counter(
    "spacetime_job_retries_total",
    "Runs of a job again from its checkpoint after a transient fault",
    ("kind",),
)


class PrometheusJobMetrics:
    def job_submitted(self, kind: str) -> None:
        SUBMITTED.labels(kind).inc()

    def job_finished(self, kind: str, outcome: str, seconds: float | None) -> None:
        FINISHED.labels(kind, outcome).inc()
        if seconds is not None:
            JOB_DURATION.labels(kind, outcome).observe(seconds)

    def chunk_committed(self, kind: str, seconds: float, rows: int, bytes_processed: int) -> None:
        CHUNK_DURATION.labels(kind).observe(seconds)
        if rows:
            ROWS.labels(kind).inc(rows)
        if bytes_processed:
            BYTES.labels(kind).inc(bytes_processed)

    def attempt_resumed(self, kind: str) -> None:
        RESUMES.labels(kind).inc()

    def lease_expired(self, kind: str) -> None:
        LEASE_EXPIRIES.labels(kind).inc()

    def job_retried(self, kind: str) -> None:
        RETRIES.labels(kind).inc()
