"""Counting an export as it is written: lines and bytes, shown by a progress display.

An export's total is not known before its last chunk (counting the rows first would cost a second
pass over the table), so the display shows what has been written so far and how fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.entrypoints.cli.output import write_chunks
from spacetime_service.entrypoints.cli.progress import progress_display
from spacetime_service.entrypoints.cli.progress_text import size_text

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

    from spacetime_service.entrypoints.cli.progress import ProgressDisplay


def write_export(chunks: Iterator[bytes], target: str, description: str) -> None:
    """Writes the export as `write_chunks` does, counting lines and bytes on stderr as they go."""
    with progress_display(description, "lines") as display:
        counted = counted_chunks(chunks, display)
        try:
            write_chunks(counted, target)
        finally:
            counted.close()


def counted_chunks(chunks: Iterator[bytes], display: ProgressDisplay) -> Generator[bytes]:
    """The same chunks; the lines and bytes handed on so far go to `display` after each one."""
    lines = size = 0
    try:
        for chunk in chunks:
            yield chunk
            # Counted once written: a reader that stops early is not shown more than it received.
            lines += chunk.count(b"\n")
            size += len(chunk)
            display.update(lines, detail=size_text(size))
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
