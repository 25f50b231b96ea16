"""One training chunk read from every id segment at once (see domain.ml.segments)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.ports.training_data import IdWindow
from spacetime_service.domain.ml.segments import shares_of_chunk

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange


@dataclass(frozen=True, slots=True)
class SegmentedChunk:
    """A chunk and every segment's cursor after it; a segment whose cursor reached its end is done."""

    chunk: RecordChunk
    cursors: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SegmentedReader:
    data: TrainingDataSource
    source: RecordSource
    data_range: DataRange
    fields: Sequence[str]
    chunk_rows: int

    def next_chunk(self, ends: Sequence[int], cursors: Sequence[int]) -> SegmentedChunk | None:
        """The next records of every unfinished segment, joined in id order; None when all are done.

        A function of the cursors alone, so a run resumed from saved cursors reads the same chunks.
        A segment is done once a read brings fewer records than asked for. All segments are read in
        one call of the data source (one statement and connection for the chunk).
        """
        shares = shares_of_chunk(self.chunk_rows, len(ends))
        windows = [
            IdWindow(cursor, end, share)
            for end, cursor, share in zip(ends, cursors, shares, strict=True)
            if cursor < end
        ]
        if not windows:
            return None
        chunk = self.data.windows(self.source, self.data_range, self.fields, windows)
        if not len(chunk):
            return None
        ids, moved = chunk.ids, list(cursors)
        for index, (end, cursor, share) in enumerate(zip(ends, cursors, shares, strict=True)):
            if cursor >= end:
                continue
            # The chunk is in id order and the segments do not overlap, so this segment's records
            # are the ids in (cursor, end].
            first, after = bisect_right(ids, cursor), bisect_right(ids, end)
            moved[index] = end if after - first < share else ids[after - 1]
        return SegmentedChunk(chunk, tuple(moved))
