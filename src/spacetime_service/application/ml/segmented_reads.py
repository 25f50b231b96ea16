"""One training chunk read from every id segment at once (see domain.ml.segments)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.ml.records import RecordChunk
from spacetime_service.domain.ml.segments import shares_of_chunk

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.ml.fields import RecordSource
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
        A segment is done once a read brings fewer records than asked for.
        """
        shares = shares_of_chunk(self.chunk_rows, len(ends))
        pieces: list[RecordChunk] = []
        moved: list[int] = []
        for end, cursor, share in zip(ends, cursors, shares, strict=True):
            if cursor >= end:
                moved.append(cursor)
                continue
            piece = self._first_chunk(cursor, end, share)
            if piece is not None:
                pieces.append(piece)
            moved.append(end if piece is None or len(piece) < share else piece.last_id)
        if not pieces:
            return None
        return SegmentedChunk(RecordChunk.joined(pieces), tuple(moved))

    def _first_chunk(self, after_id: int, upper_id: int, rows: int) -> RecordChunk | None:
        stream = self.data.chunks(
            self.source, self.data_range, self.fields, after_id=after_id, upper_id=upper_id, chunk_rows=rows
        )
        try:
            return next(stream, None)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
