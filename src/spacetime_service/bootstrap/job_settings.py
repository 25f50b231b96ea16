"""Settings of the job engine: which runner, and how leases are kept."""

from __future__ import annotations

import os
import socket
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from spacetime_service.application.jobs.retry_policy import DEFAULT_MAX_RETRIES, RetryPolicy
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.domain.jobs.eta import DEFAULT_HALF_LIFE_SECONDS
from spacetime_service.domain.jobs.lease import MAX_WORKER_ID_LENGTH

JobRunnerKind = Literal["in_process", "celery"]

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
DEFAULT_JOB_QUEUE = "spacetime.jobs"


def default_worker_id() -> str:
    """`<hostname>-<pid>`: unique among the processes that share a database, and readable in a lease."""
    return f"{socket.gethostname()}-{os.getpid()}"[-MAX_WORKER_ID_LENGTH:]


class JobSettings(BaseSettings):
    """SPACETIME_* variables: SPACETIME_JOB_RUNNER, SPACETIME_WORKER_ID, SPACETIME_LEASE_SECONDS, ...

    A transient fault is retried from the job's checkpoint up to SPACETIME_JOB_MAX_RETRIES times
    (application/jobs/retry_policy.py). Checkpoints have no setting: they live on the job record, in
    the chunk's own transaction (docs/adr/0002-checkpoints-live-on-the-job-record.md). Heartbeats
    come at least twice per lease. With the `celery` runner, jobs run in `spacetime worker` processes
    that take them from the broker at SPACETIME_BROKER_URL."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_", frozen=True
    )

    job_runner: JobRunnerKind = "in_process"
    worker_id: str = Field(default_factory=default_worker_id, min_length=1, max_length=MAX_WORKER_ID_LENGTH)
    max_concurrent_jobs: int = Field(default=4, ge=1)
    lease_seconds: float = Field(default=60.0, gt=0)
    heartbeat_seconds: float = Field(default=15.0, gt=0)
    poll_seconds: float = Field(default=5.0, gt=0)
    eta_half_life_seconds: float = Field(default=DEFAULT_HALF_LIFE_SECONDS, gt=0)
    # A transient fault (database, pool, broker, full disk) is retried from the checkpoint this many
    # times over a job's life, waiting from the first delay up to the longest (doubling, with jitter).
    job_max_retries: int = Field(default=DEFAULT_MAX_RETRIES, ge=0)
    job_retry_first_delay_seconds: float = Field(default=1.0, ge=0)
    job_retry_max_delay_seconds: float = Field(default=60.0, ge=0)
    # May hold a password, so it is kept out of reprs and logs.
    broker_url: SecretStr = SecretStr(DEFAULT_BROKER_URL)
    # The broker queue the API sends jobs to and the workers take them from; environments that share a
    # broker keep apart by their queue names.
    job_queue: str = Field(default=DEFAULT_JOB_QUEUE, min_length=1, max_length=200, pattern=r"^[\w.:-]+$")
    # Task events (and worker heartbeats) for Flower and `celery events`; off, since they cost messages.
    celery_task_events: bool = False
    # How long a stopping process waits for running jobs to reach a chunk boundary and hand them back.
    shutdown_seconds: float = Field(default=20.0, gt=0)
    # Where a `spacetime worker` serves its own /metrics and /healthz (None: not at all). Each worker
    # process is scraped on its own: workers run in containers of their own, whose pids may repeat, so
    # they cannot share the API's multiprocess directory.
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)
    worker_metrics_host: str = "127.0.0.1"

    @model_validator(mode="after")
    def _heartbeats_within_the_lease(self) -> Self:
        if self.heartbeat_seconds * 2 > self.lease_seconds:
            raise ValueError("SPACETIME_HEARTBEAT_SECONDS must be at most half of SPACETIME_LEASE_SECONDS")
        return self

    @model_validator(mode="after")
    def _first_delay_within_the_longest(self) -> Self:
        if self.job_retry_first_delay_seconds > self.job_retry_max_delay_seconds:
            raise ValueError(
                "SPACETIME_JOB_RETRY_FIRST_DELAY_SECONDS must be at most "
                "SPACETIME_JOB_RETRY_MAX_DELAY_SECONDS"
            )
        return self

    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(
            max_retries=self.job_max_retries,
            first_delay_seconds=self.job_retry_first_delay_seconds,
            max_delay_seconds=self.job_retry_max_delay_seconds,
        )

    def runner_settings(self) -> RunnerSettings:
        return RunnerSettings(
            worker_id=self.worker_id,
            max_concurrent_jobs=self.max_concurrent_jobs,
            lease_seconds=self.lease_seconds,
            heartbeat_seconds=self.heartbeat_seconds,
            poll_seconds=self.poll_seconds,
        )
