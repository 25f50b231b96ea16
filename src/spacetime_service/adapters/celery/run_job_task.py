"""The one task the workers run: `spacetime.run_job(job_id)`."""

from __future__ import annotations

from typing import Any

import structlog
from celery.exceptions import Reject

from spacetime_service.adapters.celery.app import RUN_JOB_TASK
from spacetime_service.adapters.celery.worker_attempts import JobHandedBack, WorkerAttempts

# Job ids are UUIDs; anything longer is not one of ours.
MAX_JOB_ID_LENGTH = 64

_log = structlog.get_logger(__name__)


def register_run_job_task(app: Any, attempts: WorkerAttempts) -> Any:
    """Registers the task on `app`, bound to this worker's attempts, and returns it. The message's
    only argument is the job id; a message with anything else is logged and dropped, since the job
    record, not the message, says what to do. The message of a job handed back at shutdown goes back
    to the queue (rejected with requeue), where another worker takes it at once."""

    def run_job(job_id: object) -> None:
        if not isinstance(job_id, str) or not 0 < len(job_id) <= MAX_JOB_ID_LENGTH:
            _log.warning("jobs.malformed_message", job_id=repr(job_id)[:MAX_JOB_ID_LENGTH])
            return
        try:
            attempts.run(job_id)
        except JobHandedBack as handed_back:
            raise Reject(str(handed_back), requeue=True) from None

    return app.task(name=RUN_JOB_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True)(
        run_job
    )
