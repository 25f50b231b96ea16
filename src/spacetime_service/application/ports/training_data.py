"""Port: the records a model learns from, read in keyset chunks so that only one chunk is in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange


@runtime_checkable
class TrainingDataSource(Protocol):
    def upper_id(self, source: RecordSource, data_range: DataRange) -> int | None:
        """The highest record id in the range now, or None when it is empty. A run trains on ids up to
        it, so that rows added while it runs (or before it resumes) do not change what it learns."""

    def lower_id(self, source: RecordSource, data_range: DataRange) -> int | None:
        """The lowest record id in the range now, or None when it is empty."""

    def count(self, source: RecordSource, data_range: DataRange, upper_id: int) -> int:
        """How many records of the range have an id of at most `upper_id`."""

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
        """Records with `after_id < id <= upper_id` in the range, in id order, `chunk_rows` per chunk
        (the last may be shorter, none is empty), each carrying `fields` typed as INPUT_FIELDS says.

        The same arguments give the same chunks while the data is unchanged; closing the iterator
        releases the database at once.
        """
