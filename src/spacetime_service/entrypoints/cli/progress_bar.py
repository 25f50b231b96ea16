"""Progress as a rich bar on stderr, for when stderr is a terminal; stdout stays free for data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column

from spacetime_service.entrypoints.cli.progress_text import amount_text

if TYPE_CHECKING:
    from typing import TextIO

DESCRIPTION_WIDTH = 24


class ProgressBar:
    """One bar: a spinner, the description, the bar (pulsing while the total is unknown), the amount
    done, a note, and the time spent and left. It stays on screen once closed."""

    def __init__(self, stream: TextIO, description: str, unit: str, total: int | None = None) -> None:
        self._unit = unit
        self._done = 0
        self._total = total
        self._progress = Progress(
            SpinnerColumn(),
            # A job's description holds its 36-character id: cut, it leaves the bar room on 80 columns.
            TextColumn(
                "{task.description}",
                table_column=Column(max_width=DESCRIPTION_WIDTH, no_wrap=True, overflow="ellipsis"),
            ),
            BarColumn(),
            TextColumn("{task.fields[amount]}"),
            TextColumn("{task.fields[note]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
        )
        self._task = self._progress.add_task(
            description, total=total, amount=amount_text(0, total, unit), note=""
        )
        self._progress.start()

    def update(
        self, done: int, total: int | None = None, note: str = "", unit: str | None = None, detail: str = ""
    ) -> None:
        self._done = done
        self._total = self._total if total is None else total
        self._unit = self._unit if unit is None else unit
        self._progress.update(
            self._task,
            completed=done,
            total=self._total,
            amount=amount_text(done, self._total, self._unit),
            note="  ".join(part for part in (detail, note) if part),
        )

    def close(self, *, finished: bool) -> None:
        """Stops the bar; a finished one without a known total is drawn full rather than pulsing."""
        if finished and self._total is None:
            self._progress.update(self._task, total=self._done)
        self._progress.stop()
