"""Memory settings for a service container that runs inside the test runner (TestClient, CliRunner,
containers built by BDD steps).

The memory monitor, the breaker and the chunk sizers measure the process they run in. Inside the test
runner that is pytest, whose RSS grows with the whole suite (about 490 MB by the end of a full run) and
says nothing of the service under test: against the default 512 MB budget the breaker would refuse work
because of other tests' memory. Such containers get a budget far above the runner's own size; tests of
the breaker and of memory-sized chunks set their own limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ByteSize

from spacetime_service.bootstrap.memory_settings import MemorySettings

if TYPE_CHECKING:
    from pathlib import Path

RUNNER_MEMORY_LIMIT = ByteSize(8 * 10**9)


def in_runner_memory(spill: Path, **settings: Any) -> MemorySettings:
    """MemorySettings spilling under `spill`, with a budget the test runner's own size cannot reach."""
    return MemorySettings(external_storage=spill, memory_limit=RUNNER_MEMORY_LIMIT, **settings)
