"""How many gunicorn workers a container holds, and each one's memory budget.

Every worker is a whole copy of the service with its own budget (SPACETIME_MEMORY_LIMIT): its result
cache, its sorts and chunks grow up to it. The budgets together, with the master's share, must fit in
the container's memory limit, or the kernel's OOM killer ends a worker in the middle of a request
instead of the service's own pressure levels slowing it down first. deploy/gunicorn.conf.py asks
`plan_from_environment` once, in the master, before any worker starts.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import NoReturn

from pydantic import ByteSize, TypeAdapter, ValidationError

from spacetime_service.adapters.spacetime.cgroup_memory_limit import cgroup_memory_limit
from spacetime_service.bootstrap.proxy_settings import ProxySettings
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.bootstrap.settings_errors import (
    INVALID_SETTINGS_EXIT_CODE,
    PROGRAM,
    built_or_exit,
)

# Below this a worker has no room for its interpreter, its imports and one chunk's work beside them.
DEFAULT_WORKER_MINIMUM_BYTES = 256 * 10**6
# The master imports little (no app) but stays resident beside the workers.
DEFAULT_MASTER_BYTES = 64 * 10**6

_SIZE = TypeAdapter(ByteSize)


@dataclass(frozen=True)
class WorkerPlan:
    workers: int
    # Each worker's SPACETIME_MEMORY_LIMIT; None leaves the setting as it is (set explicitly, or no
    # container limit to share out).
    memory_limit_bytes: int | None


def plan_workers(
    *,
    cpu_count: int,
    configured_workers: int | None,
    container_bytes: int | None,
    memory_limit_explicit: bool,
    worker_minimum_bytes: int = DEFAULT_WORKER_MINIMUM_BYTES,
    master_bytes: int = DEFAULT_MASTER_BYTES,
) -> WorkerPlan:
    """workers = min(configured or 2·cores+1, what the container holds at the minimum each), at least
    one; each worker's budget = the container's limit, less the master's share, over the workers."""
    wanted = configured_workers or 2 * cpu_count + 1
    if container_bytes is None:
        return WorkerPlan(workers=wanted, memory_limit_bytes=None)
    # A limit smaller than the master's share still leaves one worker something to run in.
    available = max(container_bytes - master_bytes, container_bytes // 2)
    workers = max(1, min(wanted, available // worker_minimum_bytes))
    return WorkerPlan(
        workers=workers, memory_limit_bytes=None if memory_limit_explicit else available // workers
    )


def plan_from_environment() -> WorkerPlan:
    """The plan for this container: GUNICORN_WORKERS, GUNICORN_WORKER_MIN_MEMORY,
    GUNICORN_MASTER_MEMORY, the cgroup's memory.max and whether SPACETIME_MEMORY_LIMIT is set (in the
    environment or .env). Every setting is read here first, so that a bad one stops the master with
    one line instead of every worker failing over and over."""
    settings = built_or_exit(Settings)
    built_or_exit(ProxySettings)
    return plan_workers(
        cpu_count=os.cpu_count() or 1,
        configured_workers=_count("GUNICORN_WORKERS"),
        container_bytes=cgroup_memory_limit(),
        memory_limit_explicit="memory_limit" in settings.memory.model_fields_set,
        worker_minimum_bytes=_size("GUNICORN_WORKER_MIN_MEMORY", DEFAULT_WORKER_MINIMUM_BYTES),
        master_bytes=_size("GUNICORN_MASTER_MEMORY", DEFAULT_MASTER_BYTES),
    )


def _count(variable: str) -> int | None:
    text = os.environ.get(variable, "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        _stop(f"{PROGRAM}: {variable}: a whole number of at least 1 (got {text!r})")
    return int(text)


def _size(variable: str, default: int) -> int:
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    try:
        size = int(_SIZE.validate_python(text))
    except ValidationError:
        size = 0
    if size < 1:
        _stop(f"{PROGRAM}: {variable}: a size in bytes, or with a unit: 256MB, 256MiB (got {text!r})")
    return size


def _stop(line: str) -> NoReturn:
    sys.stderr.write(line + "\n")
    raise SystemExit(INVALID_SETTINGS_EXIT_CODE)
