"""The job engine: the job records in the database (each with its checkpoint), the clock, ids, the
executor of the registered handlers, the runner, and the job use cases.

Celery (with kombu and redis) and the `limits` rate limiter are imported when their providers are
first called: a process with the in-process runner and no submission rate never needs them, and
importing Celery alone costs a tenth of a second and about 13 MiB at every start."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dependency_injector import containers, providers

from spacetime_service.adapters.celery.broker_health import CeleryBrokerHealthProbe
from spacetime_service.adapters.celery.worker_attempts import WorkerAttempts
from spacetime_service.adapters.prometheus.job_metrics import PrometheusJobMetrics
from spacetime_service.adapters.sqlalchemy.jobs.census import SqlAlchemyJobCensus
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.jobs.cancel_job import CancelJob
from spacetime_service.application.jobs.events import JobEventFeed
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.get_job import GetJob
from spacetime_service.application.jobs.in_process_runner import InProcessJobRunner
from spacetime_service.application.jobs.list_jobs import ListJobs
from spacetime_service.application.jobs.resume_jobs import ResumeJobs
from spacetime_service.application.jobs.submission_quota import SubmissionQuota
from spacetime_service.application.jobs.submit_job import SubmitJob
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.quota_settings import QuotaSettings

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
    from spacetime_service.adapters.limits.rate_limiter import LimitsRateLimiter
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_runner import JobRunner

SUBMISSION_WINDOW_SECONDS = 60


def create_celery_app(broker_url: str, *, queue: str, task_events: bool) -> Any:
    """adapters/celery/app.py's app, Celery imported only now."""
    from spacetime_service.adapters.celery.app import create_celery_app as create

    return create(broker_url, queue=queue, task_events=task_events)


def celery_job_runner(*args: Any, **kwargs: Any) -> CeleryJobRunner:
    from spacetime_service.adapters.celery.job_runner import CeleryJobRunner

    return CeleryJobRunner(*args, **kwargs)


def run_celery_worker(*args: Any, **kwargs: Any) -> int:
    from spacetime_service.adapters.celery.worker import run_celery_worker as run

    return run(*args, **kwargs)


def _kinds(handlers: Mapping[str, object]) -> frozenset[str]:
    return frozenset(handlers)


def _submission_rate_limiter(quotas: QuotaSettings, job_queue: str) -> LimitsRateLimiter | None:
    """None when the rate is not limited. The queue's name keeps apart the counts of environments that
    share one Redis, as it keeps their jobs apart on a shared broker."""
    if quotas.job_submissions_per_minute == 0:
        return None
    from spacetime_service.adapters.limits.rate_limiter import LimitsRateLimiter

    return LimitsRateLimiter(
        quotas.rate_limit_storage_url.get_secret_value(),
        quotas.job_submissions_per_minute,
        SUBMISSION_WINDOW_SECONDS,
        namespace=f"job-submissions:{job_queue}",
    )


def _running(runner: JobRunner, shutdown_seconds: float) -> Iterator[JobRunner]:
    """The runner started (it resumes jobs whose lease expired), and stopped when the resource ends."""
    runner.start()
    try:
        yield runner
    finally:
        runner.shutdown(shutdown_seconds)


class JobsContainer(containers.DeclarativeContainer):
    """`handlers` maps each job kind to its JobHandler; the containers of the capabilities add theirs
    (or a test overrides it). `runner` is a Singleton: start it in the lifespan, shut it down after.
    `clock` and `cursor_codec` are the root's."""

    settings = providers.Dependency(instance_of=JobSettings)
    # Read from the environment unless the root gives its own.
    quotas = providers.Dependency(instance_of=QuotaSettings, default=providers.Singleton(QuotaSettings))
    database = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)
    handlers = providers.Dict()
    memory = providers.DependenciesContainer()
    clock: providers.Dependency[Clock] = providers.Dependency()

    ids = providers.Singleton(UuidIdGenerator)
    repository = providers.Singleton(SqlAlchemyJobRepository, database.engine)
    # The runners' side (claims, leases, checkpoints) uses the job pool, so requests cannot starve it.
    runner_repository = providers.Singleton(SqlAlchemyJobRepository, database.job_engine)
    # Counts of the job records for the scrape-time gauges, on the request side's pool.
    census = providers.Singleton(SqlAlchemyJobCensus, database.engine)
    metrics = providers.Singleton(PrometheusJobMetrics)
    executor = providers.Singleton(
        JobExecutor,
        runner_repository,
        handlers,
        clock,
        eta_half_life_seconds=settings.provided.eta_half_life_seconds,
        retry_policy=settings.provided.retry_policy.call(),
        metrics=metrics,
    )
    runner_settings = settings.provided.runner_settings.call()
    # Built only when the celery runner or a worker process asks for it; building it connects to nothing.
    celery_app = providers.Singleton(
        create_celery_app,
        settings.provided.broker_url.get_secret_value.call(),
        queue=settings.provided.job_queue,
        task_events=settings.provided.celery_task_events,
    )
    runner = providers.Selector(
        settings.provided.job_runner,
        in_process=providers.Singleton(
            InProcessJobRunner, runner_repository, executor, clock, runner_settings
        ),
        celery=providers.Singleton(celery_job_runner, celery_app, runner_repository, clock, runner_settings),
    )
    # The attempts a `spacetime worker` process runs for the messages it takes from the queue.
    worker_attempts = providers.Singleton(WorkerAttempts, runner_repository, executor, clock, runner_settings)
    # Consumes the queue until a signal stops it; call it with concurrency, pool, loglevel, on_ready.
    celery_worker = providers.Callable(run_celery_worker, celery_app, worker_attempts)

    # What /readyz asks besides the database: the broker, when jobs go through one.
    health_probes = providers.Selector(
        settings.provided.job_runner,
        in_process=providers.List(),
        celery=providers.List(providers.Factory(CeleryBrokerHealthProbe, celery_app)),
    )

    # A Resource so that the API's lifespan (init_resources) starts it; the CLI starts it only to run jobs.
    running_runner = providers.Resource(_running, runner, settings.provided.shutdown_seconds)

    # Singletons: the counts of a memory:// rate limit live in this one limiter.
    submission_rate_limiter = providers.Singleton(
        _submission_rate_limiter, quotas, settings.provided.job_queue
    )
    submission_quota = providers.Singleton(
        SubmissionQuota, repository, quotas.provided.max_active_jobs_per_owner, submission_rate_limiter
    )
    submit_job = providers.Factory(
        SubmitJob,
        repository,
        runner,
        clock,
        ids,
        kinds=providers.Callable(_kinds, handlers),
        guard=memory.guard,
        metrics=metrics,
        quota=submission_quota,
    )
    get_job = providers.Factory(GetJob, repository)
    list_jobs = providers.Factory(ListJobs, repository, cursor_codec)
    cancel_job = providers.Factory(CancelJob, repository, clock)
    resume_jobs = providers.Factory(ResumeJobs, repository, runner, clock)
    event_feed = providers.Factory(JobEventFeed, repository)
