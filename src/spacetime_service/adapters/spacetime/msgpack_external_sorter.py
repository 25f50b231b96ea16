"""External merge sort and sorted group-by, spilling sorted runs as msgpack files.

Traced as `spacetime.external_sort` (reading the input into runs, spilling them, and any merge passes,
but not the final merge, which the caller drives one record at a time) with a `spacetime.spill` span
per run file written.
"""

from __future__ import annotations

import errno
import heapq
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from contextlib import ExitStack, closing
from itertools import chain, groupby, islice
from typing import TYPE_CHECKING, Any, TypeVar

from opentelemetry import trace

from spacetime_service.adapters.spacetime.closing_stream import ClosingStream
from spacetime_service.adapters.spacetime.record_order import OrderKey, order_key, plain_kind
from spacetime_service.adapters.spacetime.run_files import Compression, read_run, write_run
from spacetime_service.adapters.spacetime.run_sizing import fan_in, row_bytes, run_rows
from spacetime_service.adapters.spacetime.spill_directory import SpillDirectory
from spacetime_service.application.ports.external_sorter import Record, RecordStream
from spacetime_service.domain.errors import Unavailable

if TYPE_CHECKING:
    from pathlib import Path

R = TypeVar("R", bound=Record)
A = TypeVar("A")

_SAMPLE_ROWS = 64
_tracer = trace.get_tracer("spacetime_service.spacetime")
_STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT}


class MsgpackExternalSorter:
    """Sorts by reading the input once into sorted runs of about √n rows (see run_sizing), spilling
    every run but the last to a private directory under `storage`, and merging them with heapq.merge.

    The spill directory goes away when the result is exhausted or closed, or when sorting fails. A full
    disk is reported as Unavailable. Safe to share between threads: each call has its own directory.
    """

    def __init__(
        self, storage: Path, *, compression: Compression = "none", budget_bytes: int = 64 * 1024 * 1024
    ) -> None:
        self._storage = storage
        self._compression: Compression = compression
        self._budget_bytes = budget_bytes

    def sort(
        self, records: Iterable[R], key: Callable[[R], Record] | None = None, *, reverse: bool = False
    ) -> RecordStream[R]:
        return ClosingStream(self._sorted(records, key, reverse))

    def group_by(
        self, records: Iterable[R], key: Callable[[R], Record], reducer: Callable[[Iterator[R]], A]
    ) -> RecordStream[tuple[Record, A]]:
        return ClosingStream(self._grouped(records, key, reducer))

    def _grouped(
        self, records: Iterable[R], key: Callable[[R], Record], reducer: Callable[[Iterator[R]], A]
    ) -> Generator[tuple[Record, A], None, None]:
        with closing(self._sorted(records, key, reverse=False)) as ordered:
            for _, group in groupby(ordered, key=_ordering(key)):
                first = next(group)
                yield key(first), reducer(chain((first,), group))  # noqa: B031 - one pass

    def _sorted(
        self, records: Iterable[R], key: Callable[[R], Record] | None, reverse: bool
    ) -> Generator[R, None, None]:
        total = len(records) if isinstance(records, Sized) else None
        rows = iter(records)
        with SpillDirectory(self._storage) as spill:
            runs, run, merge_key = self._runs(spill, rows, key, total=total, reverse=reverse)
            with ExitStack() as files:
                readers = [files.enter_context(read_run(path, self._compression)) for path in runs]
                yield from heapq.merge(*readers, run, key=merge_key, reverse=reverse)

    def _runs(
        self,
        spill: SpillDirectory,
        rows: Iterator[R],
        key: Callable[[R], Record] | None,
        *,
        total: int | None,
        reverse: bool,
    ) -> tuple[list[Path], list[Any], Callable[[Any], Any] | None]:
        """The spilled runs, the last run (in memory) and the key they merge on."""
        ordering = _ordering(key)
        with _tracer.start_as_current_span("spacetime.external_sort") as span:
            runs: list[Path] = []
            kinds: set[type | None] = set()
            seen = 0
            # Rows read ahead: the sample that sizes the next run, and whatever a short run left over.
            pending = list(islice(rows, _SAMPLE_ROWS))
            while True:
                limit = run_rows(total or seen, row_bytes(pending, ordering), self._budget_bytes)
                run: list[Any] = pending[:limit] + list(islice(rows, max(0, limit - len(pending))))
                pending = pending[limit:] or list(islice(rows, _SAMPLE_ROWS))
                kind = plain_kind(run if key is None else list(map(key, run)))
                run_key: Callable[[Any], Any] | None = key if kind else ordering
                run.sort(key=run_key, reverse=reverse)
                kinds.add(kind)
                seen += len(run)
                if not pending:
                    break  # the last run stays in memory and joins the merge from there
                runs.append(self._spill(spill, run))
                del run  # so that only one run is ever held while reading
            # Runs of one plain kind merge on the raw key; any mix needs the total order.
            merge_key: Callable[[Any], Any] | None = ordering
            if len(kinds) == 1 and None not in kinds:
                merge_key = key
            spilled = len(runs)
            passes = 0
            while len(runs) >= fan_in(self._budget_bytes):
                runs = self._merge_pass(spill, runs, merge_key, reverse)
                passes += 1
            span.set_attributes(
                {
                    "spacetime.sort.rows": seen,
                    "spacetime.sort.runs": spilled,
                    "spacetime.sort.merge_passes": passes,
                }
            )
            return runs, run, merge_key

    def _merge_pass(
        self, spill: SpillDirectory, runs: list[Path], sort_key: Callable[[Any], Any] | None, reverse: bool
    ) -> list[Path]:
        """Merges consecutive groups of runs into longer runs (consecutive, so the sort stays stable)."""
        width = fan_in(self._budget_bytes)
        merged: list[Path] = []
        for start in range(0, len(runs), width):
            group = runs[start : start + width]
            with ExitStack() as files:
                readers = [files.enter_context(read_run(path, self._compression)) for path in group]
                merged.append(self._spill(spill, heapq.merge(*readers, key=sort_key, reverse=reverse)))
            for path in group:
                path.unlink()
        return merged

    def _spill(self, spill: SpillDirectory, records: Iterable[Any]) -> Path:
        path = spill.new_file(".msgpack.gz" if self._compression == "gzip" else ".msgpack")
        with _tracer.start_as_current_span("spacetime.spill") as span:
            try:
                write_run(path, records, self._compression)
            except OSError as error:
                if error.errno in _STORAGE_FULL:
                    raise Unavailable("no space left for spill files; try again later") from error
                raise
            span.set_attributes(
                {
                    "spacetime.spill.bytes": path.stat().st_size,
                    "spacetime.spill.compression": self._compression,
                }
            )
        return path


def _ordering(key: Callable[[R], Record] | None) -> Callable[[R], OrderKey]:
    if key is None:
        return order_key
    return lambda record: order_key(key(record))
