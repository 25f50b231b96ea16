"""Turns a client's stream of records into checked chunks, one chunk in memory at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.ml.fields import ID_FIELD
from spacetime_service.domain.ml.record_validation import validate_record
from spacetime_service.domain.ml.records import RecordChunk

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence


@dataclass(frozen=True, slots=True)
class RecordBatch:
    """A chunk of checked records; `client_ids[i]` is the record's own `id` (None when it gave none)
    and `first_line` the 1-based line of its first record. The chunk's ids are its line numbers."""

    chunk: RecordChunk
    client_ids: list[int | None]
    first_line: int


def record_batches(
    records: Iterable[object], needed: Sequence[str], chunk_rows: int
) -> Iterator[RecordBatch]:
    """Checks every record against the field allow-list (InvalidInput names its 1-based line) and
    yields them `chunk_rows` at a time. A bad record stops the stream before the chunk that holds it."""
    lines: list[int] = []
    client_ids: list[int | None] = []
    columns: dict[str, list[object]] = {name: [] for name in needed}
    for line, record in enumerate(records, start=1):
        typed = validate_record(record, needed, line)
        lines.append(line)
        client_ids.append(typed[ID_FIELD])  # type: ignore[arg-type]
        for name in needed:
            columns[name].append(typed[name])
        if len(lines) == chunk_rows:
            yield RecordBatch(RecordChunk(lines, columns), client_ids, lines[0])
            lines, client_ids = [], []
            columns = {name: [] for name in needed}
    if lines:
        yield RecordBatch(RecordChunk(lines, columns), client_ids, lines[0])
