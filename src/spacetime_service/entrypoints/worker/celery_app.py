"""The Celery app of this deployment, where Celery's own tools look for it:

    celery -A spacetime_service.entrypoints.worker.celery_app inspect active
    celery -A spacetime_service.entrypoints.worker.celery_app flower

Celery's command line finds an app only as a module attribute, so this module, unlike the rest of the
service, builds one when imported: from the same settings as `spacetime worker` (SPACETIME_BROKER_URL,
SPACETIME_JOB_QUEUE, SPACETIME_CELERY_TASK_EVENTS). Building it connects to nothing. The service never
imports this module; workers are started with `spacetime worker`, which also registers the task.
"""

from __future__ import annotations

from typing import Any

from spacetime_service.bootstrap.containers.root import build_container

app: Any = build_container().jobs.celery_app()
