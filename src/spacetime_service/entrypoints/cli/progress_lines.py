"""Progress as plain lines on stderr, for when stderr is not a terminal (pipes, CI logs, test runners):
a line when the state changes, when another tenth of the total is done, or every few seconds without
one, so that a log shows the work moving without a line per chunk."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from spacetime_service.entrypoints.cli.progress_text import amount_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

STEP_PERCENT = 10
EVERY_SECONDS = 5.0


class ProgressLines:
    """Writes `<description>: <done>/<total> <unit> (<percent>%)  [detail]  [note]` lines to `stream`."""

    def __init__(
        self,
        stream: TextIO,
        description: str,
        unit: str,
        total: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._description = description
        self._unit = unit
        self._clock = clock
        self._done = 0
        self._total = total
        self._note = ""
        self._detail = ""
        self._printed: tuple[int, int | None, str] | None = None
        self._printed_step = -1
        self._printed_at = 0.0

    def update(
        self, done: int, total: int | None = None, note: str = "", unit: str | None = None, detail: str = ""
    ) -> None:
        self._done = done
        self._detail = detail
        self._total = self._total if total is None else total
        self._unit = self._unit if unit is None else unit
        note_changed = note != self._note
        self._note = note
        if self._printed is None or note_changed or self._next_step_reached() or self._quiet_too_long():
            self._print()

    def close(self, *, finished: bool) -> None:
        """The final state, unless the last line already showed it; nothing more after a failure,
        whose error message is what the reader needs next."""
        if finished and self._printed != (self._done, self._total, self._note):
            self._print()

    def _step(self) -> int:
        if not self._total:
            return -1
        return min(100, self._done * 100 // self._total) // STEP_PERCENT

    def _next_step_reached(self) -> bool:
        return self._step() > self._printed_step

    def _quiet_too_long(self) -> bool:
        return self._clock() - self._printed_at >= EVERY_SECONDS

    def _print(self) -> None:
        text = amount_text(self._done, self._total, self._unit)
        extra = "".join(f"  {part}" for part in (self._detail, self._note) if part)
        self._stream.write(f"{self._description}: {text}{extra}\n")
        self._stream.flush()
        self._printed = (self._done, self._total, self._note)
        self._printed_step = self._step()
        self._printed_at = self._clock()
