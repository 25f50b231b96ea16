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
from spacetime_service.bootstrap.settings_errors import built_or_exit

# A bad setting is one line and exit code 7 here too, not a traceback out of Celery's app loader.
app: Any = built_or_exit(build_container).jobs.celery_app()
