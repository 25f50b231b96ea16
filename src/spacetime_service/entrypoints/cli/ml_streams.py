"""Where `spacetime ml predict|extract` read records from and how they write what comes back."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import orjson

from spacetime_service.application.encoding.encoded_stream import EncodedStream
from spacetime_service.application.ml.record_inputs import RecordInput, RecordQuery
from spacetime_service.domain.errors import InvalidInput

READ_BYTES = 64 * 1024


@contextmanager
def records_of(
    path: Path | None, min_id: int | None, max_id: int | None, since: datetime | None, until: datetime | None
) -> Iterator[RecordInput]:
    if any(value is not None for value in (min_id, max_id, since, until)):
        yield RecordInput(query=RecordQuery(since, until, min_id, max_id))
        return
    if path is None or str(path) == "-":
        yield RecordInput(body=_chunks(sys.stdin.buffer))
        return
    with path.open("rb") as source:
        yield RecordInput(body=_chunks(source))


def _chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(READ_BYTES):
        yield chunk


def write_stream(stream: EncodedStream) -> None:
    """Writes the chunks to stdout; a stream that ended with an error line is a bad record (exit 2)."""
    last = b""
    for chunk in stream.chunks:
        sys.stdout.buffer.write(chunk)
        last = chunk
    sys.stdout.buffer.flush()
    final = last.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    if final.startswith(b'{"error":'):
        raise _bad_record(orjson.loads(final)["error"])


def _bad_record(error: dict[str, object]) -> InvalidInput:
    """The error line's line and field, so that stderr names the record as a refused request would."""
    line, field = error.get("line"), error.get("field")
    return InvalidInput(
        "the record is bad; see the last line of the output",
        field=field if isinstance(field, str) else "line",
        line=line if isinstance(line, int) else None,
    )
