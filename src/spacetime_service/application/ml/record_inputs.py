"""Where records to predict on or extract features from come from: a client's NDJSON, read line by
line from a stream of byte chunks, or a query over the stored records of a task's source.

Either way one line (or one chunk of stored rows) is in memory at a time, whatever the input's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

from spacetime_service.application.ml.record_batches import RecordBatch, record_batches
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.fields import ID_FIELD, RecordSource
from spacetime_service.domain.ml.records import RecordChunk
from spacetime_service.domain.ml.specs import DataRange
from spacetime_service.domain.ranges import MAX_ID, require_between

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import datetime

    from spacetime_service.application.ports.training_data import TrainingDataSource

# The longest record the allow-list admits (a 10,000-character description, escaped) fits well inside.
MAX_LINE_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Stored records created in [created_from, created_to) with min_id <= id <= max_id; None leaves
    that side open."""

    created_from: datetime | None = None
    created_to: datetime | None = None
    min_id: int | None = None
    max_id: int | None = None

    def __post_init__(self) -> None:
        DataRange(self.created_from, self.created_to)  # checks the moments and their order
        for name in ("min_id", "max_id"):
            value = getattr(self, name)
            require_between(value, 1, MAX_ID, field=name)
        if self.min_id is not None and self.max_id is not None and self.min_id > self.max_id:
            raise InvalidInput("min_id must not exceed max_id", field="min_id")


@dataclass(frozen=True, slots=True)
class RecordInput:
    """Exactly one of: `body`, the chunks of a client's NDJSON (one JSON object per line, LF or CRLF
    ends, UTF-8), or `query` over stored records."""

    body: Iterable[bytes] | None = None
    query: RecordQuery | None = None

    def __post_init__(self) -> None:
        if (self.body is None) == (self.query is None):
            raise InvalidInput("give either records or a query, not both or neither", field="query")

    def records(
        self, data: TrainingDataSource, source: RecordSource, fields: Sequence[str]
    ) -> Iterator[object]:
        if self.body is not None:
            return ndjson_records(ndjson_lines(self.body))
        assert self.query is not None
        return stored_records(data, source, self.query, fields)

    def batches(
        self, data: TrainingDataSource, source: RecordSource, fields: Sequence[str], chunk_rows: int
    ) -> Iterator[RecordBatch]:
        """The records in checked chunks of `chunk_rows`: a client's, each checked against the field
        allow-list; stored ones as the database returns them, typed as training reads them."""
        if self.body is not None:
            return record_batches(ndjson_records(ndjson_lines(self.body)), fields, chunk_rows)
        assert self.query is not None
        return stored_batches(data, source, self.query, fields, chunk_rows)


def ndjson_lines(chunks: Iterable[bytes], max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of a byte stream without their ends; a last line without an end counts too. A line
    longer than `max_line_bytes` is refused before more of it is read."""
    pending = bytearray()
    line = 0
    for chunk in chunks:
        pending += chunk
        while (end := pending.find(b"\n")) >= 0:
            line += 1
            if end > max_line_bytes:
                raise _too_long(line, max_line_bytes)
            yield bytes(pending[:end]).removesuffix(b"\r")
            del pending[: end + 1]
        if len(pending) > max_line_bytes:
            raise _too_long(line + 1, max_line_bytes)
    if pending:
        yield bytes(pending).removesuffix(b"\r")


def ndjson_records(lines: Iterable[bytes]) -> Iterator[object]:
    """Each line parsed as JSON; an empty or malformed line is refused with its 1-based number, so
    that record numbers stay line numbers."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise InvalidInput(
                "an empty line; NDJSON has one JSON object per line", field="line", line=number
            )
        try:
            yield orjson.loads(line)
        except orjson.JSONDecodeError:
            raise InvalidInput("not valid JSON (UTF-8)", field="line", line=number) from None


def _stored_chunks(
    data: TrainingDataSource,
    source: RecordSource,
    query: RecordQuery,
    fields: Sequence[str],
    chunk_rows: int,
) -> Iterator[RecordChunk]:
    """The chunks of the stored records the query selects, in id order; none when the range is empty."""
    data_range = DataRange(query.created_from, query.created_to)
    upper_id = data.upper_id(source, data_range)
    if upper_id is None:
        return iter(())
    if query.max_id is not None:
        upper_id = min(upper_id, query.max_id)
    after_id = 0 if query.min_id is None else query.min_id - 1
    return data.chunks(
        source, data_range, fields, after_id=after_id, upper_id=upper_id, chunk_rows=chunk_rows
    )


def stored_records(
    data: TrainingDataSource,
    source: RecordSource,
    query: RecordQuery,
    fields: Sequence[str],
    chunk_rows: int = 1000,
) -> Iterator[dict[str, object]]:
    """The stored records the query selects, in id order, each with its `id` and `fields`."""
    chunks = _stored_chunks(data, source, query, fields, chunk_rows)
    for chunk in chunks:
        for index, row_id in enumerate(chunk.ids):
            yield {ID_FIELD: row_id, **{name: chunk.columns[name][index] for name in fields}}


def stored_batches(
    data: TrainingDataSource,
    source: RecordSource,
    query: RecordQuery,
    fields: Sequence[str],
    chunk_rows: int,
) -> Iterator[RecordBatch]:
    """The stored records the query selects, in id order, one read of `chunk_rows` per batch, with
    their lines counted from 1 and each row's id as its own. The columns go to the model as the
    database returned them, as in training: turning each row into a record and checking it again took
    11.2-11.7 s of CPU for 1M stored orders against 9.4-9.8 s without (docs/benchmarks-ml.md)."""
    chunks = _stored_chunks(data, source, query, fields, chunk_rows)
    first_line = 1
    for chunk in chunks:
        lines = range(first_line, first_line + len(chunk))
        yield RecordBatch(RecordChunk(lines, chunk.columns), list(chunk.ids), first_line)
        first_line += len(chunk)


def _too_long(line: int, limit: int) -> InvalidInput:
    return InvalidInput(f"longer than {limit} bytes", field="line", line=line)
