"""Job handlers the engine's tests run: small, deterministic, and written the way real handlers must be."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from spacetime_service.application.jobs.context import JobContext
from spacetime_service.domain.errors import InvalidInput

ChunkHook = Callable[[JobContext, int], None]


class SimulatedCrash(BaseException):
    """Stands for the process dying: nothing catches it, so the job is left running with its lease."""


def expected_sum(n: int) -> str:
    return f"sum:{sum(value * value for value in range(1, n + 1))}"


class SumOfSquaresHandler:
    """Sums i² for i = 1..n in keyset chunks (`WHERE id > last_id ORDER BY id LIMIT chunk`); the running
    sum travels in the checkpoint, so a resumed attempt gives the same result as an uninterrupted one.
    `before_report(context, chunk_number)` runs after each chunk's work, before its report; `crash_after`
    raises SimulatedCrash after that many chunks of this handler's own run."""

    kind = "sum_of_squares"

    def __init__(self, before_report: ChunkHook | None = None, crash_after: int | None = None) -> None:
        self._before_report = before_report
        self._crash_after = crash_after
        self.started_from: list[int] = []
        self.chunks_done = 0

    def run(self, context: JobContext) -> str | None:
        n, chunk = _int(context.request, "n"), _int(context.request, "chunk")
        checkpoint = context.checkpoint or {"last_id": 0, "sum": 0}
        last_id, total = _int(checkpoint, "last_id"), _int(checkpoint, "sum")
        self.started_from.append(last_id)
        while last_id < n:
            ids = range(last_id + 1, min(n, last_id + chunk) + 1)
            total += sum(value * value for value in ids)
            last_id = ids[-1]
            self.chunks_done += 1
            if self._before_report is not None:
                self._before_report(context, self.chunks_done)
            context.report(last_id, n, "rows", {"last_id": last_id, "sum": total})
            if self._crash_after is not None and self.chunks_done >= self._crash_after:
                raise SimulatedCrash
        return f"sum:{total}"


class FailingHandler:
    """Fails on its first chunk, with a client-facing error or with an internal one."""

    kind = "failing"

    def run(self, context: JobContext) -> str | None:
        if context.request.get("internal"):
            raise RuntimeError("secret connection string in a stack trace")
        raise InvalidInput("the input table is empty", field="table")


class EndlessHandler:
    """Reports a chunk every few milliseconds until it is told to stop (cancel or shutdown); at most
    `limit` chunks, so a broken engine fails the test instead of hanging it."""

    kind = "endless"

    def __init__(self, limit: int = 20_000) -> None:
        self._limit = limit
        self.started = threading.Event()

    def run(self, context: JobContext) -> str | None:
        start = _int(context.checkpoint or {}, "chunks")
        self.started.set()
        for chunk in range(start + 1, self._limit + 1):
            threading.Event().wait(0.002)
            context.report(chunk, None, "chunks", {"chunks": chunk})
        return "endless:exhausted"


def _int(mapping: Mapping[str, object], key: str) -> int:
    value = mapping.get(key, 0)
    assert isinstance(value, int)
    return value
