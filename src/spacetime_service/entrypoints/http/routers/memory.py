"""The service's own state, for operators: memory use, pressure, the circuit breaker, spill files."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Query

from spacetime_service.application.memory.describe_memory import (
    MAX_SAMPLE_ROWS,
    DescribeMemory,
    DescribeMemoryCommand,
)
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.identity import Scope
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.openapi import PROBLEM_RESPONSES
from spacetime_service.entrypoints.http.schemas.memory import MemoryOut

router = APIRouter(
    prefix="/system",
    tags=["system"],
    responses=dict(PROBLEM_RESPONSES),
    dependencies=[requires(Scope.SYSTEM_READ)],
)


@router.get("/memory", response_model=MemoryOut, summary="Memory against the budget, breaker, chunks, spill")
@inject
def memory(
    use_case: Annotated[DescribeMemory, Depends(Provide[RootContainer.memory.describe_memory])],
    sample_rows: Annotated[
        int, Query(ge=0, le=MAX_SAMPLE_ROWS, description="the input size the chunk is shown for")
    ] = 1_000_000,
) -> MemoryOut:
    return MemoryOut.of(use_case.execute(DescribeMemoryCommand(sample_rows)))
