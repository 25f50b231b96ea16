"""Progress on stderr for the commands that take a while: a bar on a terminal, plain lines elsewhere.

Standard output carries the command's data (an export's bytes, a record's JSON), so progress never
goes there. Whether stderr is a terminal is asked when the display opens, so that a pipe, a CI log or
a test runner gets lines that read well in a log file instead of a bar's control codes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from spacetime_service.entrypoints.cli.progress_lines import ProgressLines

if TYPE_CHECKING:
    from spacetime_service.entrypoints.cli.progress_bar import ProgressBar


class ProgressDisplay(Protocol):
    def update(
        self, done: int, total: int | None = None, note: str = "", unit: str | None = None, detail: str = ""
    ) -> None:
        """`done` units of `total` (None: as before); `note` is the state the work is in (a new one is
        worth a line of its own), `detail` a figure beside the amount; `unit` may change."""


@contextmanager
def progress_display(description: str, unit: str, total: int | None = None) -> Iterator[ProgressDisplay]:
    """A bar when stderr is a terminal, else plain lines; closed (its last state shown) on the way out,
    as finished unless an error ends the block."""
    stream = sys.stderr
    display: ProgressBar | ProgressLines
    if stream.isatty():
        # Imported only for a terminal: rich's progress bar is not needed for plain lines.
        from spacetime_service.entrypoints.cli.progress_bar import ProgressBar

        display = ProgressBar(stream, description, unit, total)
    else:
        display = ProgressLines(stream, description, unit, total)
    try:
        yield display
    except BaseException:
        display.close(finished=False)
        raise
    display.close(finished=True)
