"""TrainingDataSource over records held in a list, for use-case tests; passes the adapter's contract."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from spacetime_service.domain.ml.fields import RecordSource
from spacetime_service.domain.ml.records import RecordChunk

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from spacetime_service.application.ports.training_data import IdWindow
    from spacetime_service.domain.ml.specs import DataRange


class InMemoryTrainingData:
    def __init__(
        self, orders: Sequence[Mapping[str, object]] = (), products: Sequence[Mapping[str, object]] = ()
    ) -> None:
        self._records = {
            RecordSource.ORDERS: sorted(orders, key=_id),
            RecordSource.PRODUCTS: sorted(products, key=_id),
        }
        self.reads = 0

    def _in_range(self, source: RecordSource, data_range: DataRange) -> list[Mapping[str, object]]:
        def inside(record: Mapping[str, object]) -> bool:
            created = record["created_at"]
            assert isinstance(created, datetime)
            if data_range.created_from is not None and created < data_range.created_from:
                return False
            return data_range.created_to is None or created < data_range.created_to

        return [record for record in self._records[source] if inside(record)]

    def upper_id(self, source: RecordSource, data_range: DataRange) -> int | None:
        records = self._in_range(source, data_range)
        return _id(records[-1]) if records else None

    def lower_id(self, source: RecordSource, data_range: DataRange) -> int | None:
        records = self._in_range(source, data_range)
        return _id(records[0]) if records else None

    def count(self, source: RecordSource, data_range: DataRange, upper_id: int) -> int:
        return sum(1 for record in self._in_range(source, data_range) if _id(record) <= upper_id)

    def chunks(
        self,
        source: RecordSource,
        data_range: DataRange,
        fields: Sequence[str],
        *,
        after_id: int,
        upper_id: int,
        chunk_rows: int,
    ) -> Iterator[RecordChunk]:
        selected = [r for r in self._in_range(source, data_range) if after_id < _id(r) <= upper_id]
        for start in range(0, len(selected), chunk_rows):
            self.reads += 1
            rows = selected[start : start + chunk_rows]
            yield RecordChunk(ids=[_id(r) for r in rows], columns={f: [r[f] for r in rows] for f in fields})

    def windows(
        self, source: RecordSource, data_range: DataRange, fields: Sequence[str], windows: Sequence[IdWindow]
    ) -> RecordChunk:
        """Each window's first chunk, through `chunks` (which subclasses may make fail)."""
        pieces = [
            next(
                self.chunks(source, data_range, fields, after_id=after, upper_id=upper, chunk_rows=rows), None
            )
            for after, upper, rows in windows
        ]
        found = [piece for piece in pieces if piece is not None]
        return RecordChunk.joined(found) if found else RecordChunk(ids=[], columns={f: [] for f in fields})

    def ids(
        self, source: RecordSource, data_range: DataRange, *, after_id: int, upper_id: int, limit: int
    ) -> Sequence[int]:
        chunk = next(
            self.chunks(source, data_range, (), after_id=after_id, upper_id=upper_id, chunk_rows=limit), None
        )
        return [] if chunk is None else list(chunk.ids)

    def records(self, source: RecordSource, fields: Sequence[str], ids: Sequence[int]) -> RecordChunk:
        self.reads += 1
        wanted = set(ids)
        rows = [r for r in self._records[source] if _id(r) in wanted]
        return RecordChunk(ids=[_id(r) for r in rows], columns={f: [r[f] for r in rows] for f in fields})


def _id(record: Mapping[str, object]) -> int:
    value = record["id"]
    assert isinstance(value, int)
    return value
