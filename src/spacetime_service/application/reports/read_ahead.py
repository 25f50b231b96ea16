"""Reads of a report's next chunks run while the current one is written, fsynced and checkpointed.

A chunk's read is one GROUP BY in its own short transaction, and it waits for nothing the write
does; the write waits on two fsyncs (the artifact's, then the checkpoint's commit). Read one after
the other, the database works in one core while the job's fsyncs wait on the disk. With reads in
flight ahead, the chunks' queries share the cores (as one query over the whole range does in the
database's own tool) and overlap the fsyncs. The results are a chunk's few lines, so holding a
couple ahead costs nothing; the order of the writes, and so the bytes, do not change.
"""

from __future__ import annotations

import contextvars
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterable

Item = TypeVar("Item")
Result = TypeVar("Result")


def read_ahead(
    items: Iterable[Item], read: Callable[[Item], Result], depth: int
) -> Generator[tuple[Item, Result], None, None]:
    """Each item with `read(item)`, in order, with up to `depth` reads running at once in threads
    (each in a copy of the caller's context, so its logs and spans stay the job's). A read's error is
    raised when its item comes up. Closing the iterator cancels the reads not started and waits for
    the running ones, whose results are dropped."""
    if depth < 2:
        for item in items:
            yield item, read(item)
        return
    source = iter(items)
    with ThreadPoolExecutor(max_workers=depth, thread_name_prefix="report-read") as pool:
        pending: deque[tuple[Item, Future[Result]]] = deque()

        def submit_next() -> None:
            for item in source:
                pending.append((item, pool.submit(contextvars.copy_context().run, read, item)))
                return

        try:
            for _ in range(depth):
                submit_next()
            while pending:
                item, future = pending.popleft()
                result = future.result()
                submit_next()  # before the caller writes, so that the read overlaps the write
                yield item, result
        finally:
            for _, future in pending:
                future.cancel()
