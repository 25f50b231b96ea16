"""Id segments: every record read once per pass, each chunk spanning the whole range, resumable."""

from __future__ import annotations

import pytest

from spacetime_service.application.ml.segmented_reads import SegmentedReader
from spacetime_service.domain.ml.fields import RecordSource
from spacetime_service.domain.ml.records import RecordChunk
from spacetime_service.domain.ml.segments import (
    MAX_SEGMENTS,
    segment_count,
    segment_ends,
    segment_starts,
    shares_of_chunk,
)
from spacetime_service.domain.ml.specs import DataRange
from tests.fakes.ml_training_data import InMemoryTrainingData
from tests.support.ml.synthetic_orders import history

HISTORY = history(products=40, orders=1_000, seed=9)
DATA = InMemoryTrainingData(HISTORY.order_records(), HISTORY.product_records())


def _reader(chunk_rows: int) -> SegmentedReader:
    return SegmentedReader(DATA, RecordSource.ORDERS, DataRange(), ("quantity",), chunk_rows)


def _pass(reader: SegmentedReader, ends: tuple[int, ...], cursors: tuple[int, ...]) -> list[RecordChunk]:
    chunks = []
    while read := reader.next_chunk(ends, cursors):
        chunks.append(read.chunk)
        cursors = read.cursors
    return chunks


def test_segments_cover_the_range_without_overlap() -> None:
    ends = segment_ends(11, 110, 4)
    assert ends == (35, 60, 85, 110)
    assert segment_starts(11, ends) == (10, 35, 60, 85)
    assert segment_ends(5, 6, 4) == (4, 5, 5, 6)


def test_a_range_that_fits_one_chunk_is_one_segment_and_large_ones_are_capped() -> None:
    assert segment_count(chunk_rows=10_000, rows_total=9_000) == 1
    assert segment_count(chunk_rows=10_000, rows_total=5_000_000) == MAX_SEGMENTS
    assert segment_count(chunk_rows=200, rows_total=5_000_000) == 3


def test_a_chunk_is_shared_out_to_its_exact_size() -> None:
    assert shares_of_chunk(250, 3) == (84, 83, 83)
    assert shares_of_chunk(10_000, 32) == (313,) * 16 + (312,) * 16


def test_a_bad_cut_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot cut"):
        segment_ends(10, 9, 2)


def test_a_pass_reads_every_record_once_and_each_chunk_spans_the_range() -> None:
    ends = segment_ends(1, 1_000, 4)
    chunks = _pass(_reader(200), ends, segment_starts(1, ends))
    ids = sorted(i for chunk in chunks for i in chunk.ids)
    assert ids == list(range(1, 1_001))
    assert all(len(chunk) <= 200 for chunk in chunks)
    assert len(chunks[0]) == 200
    for chunk in chunks[:-1]:
        assert chunk.ids[0] <= ends[0] < ends[2] < chunk.ids[-1]
        assert list(chunk.ids) == sorted(chunk.ids)


def test_reading_from_saved_cursors_gives_the_rest_of_the_same_pass() -> None:
    reader = _reader(120)
    ends = segment_ends(1, 1_000, 3)
    whole = _pass(reader, ends, segment_starts(1, ends))
    first = reader.next_chunk(ends, segment_starts(1, ends))
    assert first is not None
    second = reader.next_chunk(ends, first.cursors)
    assert second is not None
    rest = _pass(reader, ends, second.cursors)
    assert [list(chunk.ids) for chunk in [first.chunk, second.chunk, *rest]] == [
        list(chunk.ids) for chunk in whole
    ]


def test_joining_keeps_records_and_columns_together() -> None:
    joined = RecordChunk.joined([RecordChunk([1, 2], {"q": [5, 6]}), RecordChunk([9], {"q": [7]})])
    assert (list(joined.ids), list(joined.columns["q"])) == ([1, 2, 9], [5, 6, 7])
    with pytest.raises(ValueError, match="no chunks"):
        RecordChunk.joined([])


def test_selecting_keeps_flagged_records_and_needs_one_flag_per_record() -> None:
    chunk = RecordChunk([1, 2, 3], {"q": [5, 6, 7]})
    kept = chunk.select([True, False, True])
    assert (list(kept.ids), list(kept.columns["q"])) == ([1, 3], [5, 7])
    with pytest.raises(ValueError, match="2 flags for 3 records"):
        chunk.select([True, False])
