"""Jobs and moments the contract suites build their cases from."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.job import NewJob
from tests.fakes.jobs import START

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject

LEASE_SECONDS = 60.0


def at(seconds: float) -> datetime:
    """START plus `seconds`; contract times are whole seconds so every store can keep them exactly."""
    return START + timedelta(seconds=seconds)


def new_job(
    created_second: int = 0,
    *,
    kind: str = "report",
    owner: str = "alice",
    key: str | None = None,
    request: JsonObject | None = None,
    job_id: str | None = None,
) -> NewJob:
    return NewJob(
        id=job_id or str(uuid.uuid4()),
        kind=kind,
        owner=owner,
        idempotency_key=key,
        request={"table": "orders", "limit": 10} if request is None else request,
        created_at=at(created_second),
    )
