"""Probes for the orchestrator: liveness asks only whether the process answers; readiness asks each
dependency, off the event loop and with a deadline, so that a hung database cannot hang the probe."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated

import anyio
import anyio.to_thread
from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends

from spacetime_service.application.ports.health_probe import HealthProbe
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.errors import Unavailable
from spacetime_service.entrypoints.http.openapi import NOT_READY_RESPONSE
from spacetime_service.entrypoints.http.schemas.common import Liveness, Readiness

router = APIRouter(tags=["health"])

PROBE_DEADLINE_SECONDS = 5.0
NOT_READY_RETRY_SECONDS = 5


@router.get("/livez", response_model=Liveness, summary="The process is alive (touches no dependency)")
async def livez() -> Liveness:
    return Liveness(status="alive")


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Every dependency answers",
    responses=dict(NOT_READY_RESPONSE),
)
@inject
async def readyz(
    database: Annotated[HealthProbe, Depends(Provide[RootContainer.database.health_probe])],
    jobs: Annotated[list[HealthProbe], Depends(Provide[RootContainer.jobs.health_probes])],
) -> Readiness:
    probes = (database, *jobs)
    reasons = {probe.name: await _ask(probe) for probe in probes}
    failing = {name: reason for name, reason in reasons.items() if reason is not None}
    if failing:
        detail = "; ".join(f"{name}: {reason}" for name, reason in failing.items())
        raise Unavailable(f"not ready: {detail}", retry_after_seconds=NOT_READY_RETRY_SECONDS)
    return Readiness(status="ready", checks=dict.fromkeys(reasons, "ok"))


router.add_api_route(
    "/healthz",
    readyz,
    methods=["GET"],
    response_model=Readiness,
    summary="The same as /readyz",
    responses=dict(NOT_READY_RESPONSE),
)


async def _ask(probe: HealthProbe) -> str | None:
    """The probe's answer; a probe that raises or overruns the deadline counts as not ready. A thread
    that overran is left to finish on its own: it cannot be stopped, only no longer waited for."""
    try:
        with anyio.fail_after(PROBE_DEADLINE_SECONDS):
            return await anyio.to_thread.run_sync(probe.check, abandon_on_cancel=True)
    except TimeoutError:
        return f"no answer within {PROBE_DEADLINE_SECONDS:g} s"
    except Exception as error:  # noqa: BLE001 - any failure of a probe means "not ready"
        return f"the check failed ({type(error).__name__})"
