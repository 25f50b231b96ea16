"""The Celery application the producer and the workers share: JSON only, late acks, no result backend.

Its settings follow from the rule that the queue is only transport. A message holds nothing but a job
id, so JSON is enough, and a worker refuses any other content type: no pickle is ever loaded. The
message is acknowledged after the task body returned (`task_acks_late`), so the message of a worker
that died is redelivered once the broker's visibility timeout has passed (and that of a pool process
that died, at once: `task_reject_on_worker_lost`). A redelivered or duplicate message is harmless,
because the claim in the task is fenced by the job's lease. Each worker thread reserves one message
at a time (`worker_prefetch_multiplier=1`), so a long job does not hold others back. Results live in
the job record, so there is no result backend. Task events, which Flower and `celery events` show,
are off unless `task_events` asks for them: each task then costs a few more messages on the broker.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

RUN_JOB_TASK = "spacetime.run_job"
DEFAULT_QUEUE = "spacetime.jobs"
# Redis redelivers a message that was not acknowledged within this time. It must exceed the lease, so
# that a redelivered message finds the lease of a dead worker expired and can claim the job.
DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 3600


def create_celery_app(
    broker_url: str,
    *,
    queue: str = DEFAULT_QUEUE,
    visibility_timeout_seconds: int = DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
    restore_interval_seconds: int = 10,
    task_events: bool = False,
) -> Any:
    """A Celery app on `broker_url` that routes the run-job task to `queue`. Building it connects to
    nothing; it is not made the process's current app, so two apps never mix their settings."""
    app = Celery("spacetime", broker=broker_url, set_as_current=False)
    app.conf.update(
        accept_content=["json"],
        task_serializer="json",
        result_serializer="json",
        result_accept_content=["json"],
        event_serializer="json",
        result_backend=None,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=queue,
        task_routes={RUN_JOB_TASK: {"queue": queue}},
        broker_transport_options={
            "visibility_timeout": visibility_timeout_seconds,
            # How often a worker looks for messages whose visibility timeout passed.
            "unacked_restore_interval": restore_interval_seconds,
        },
        broker_connection_retry_on_startup=True,
        # A running job keeps its lease in the database when the broker connection drops, so it is left
        # to finish; the copy of its message that the broker redelivers finds the lease held and is dropped.
        worker_cancel_long_running_tasks_on_connection_loss=False,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=task_events,
        task_send_sent_event=task_events,
    )
    return app
