"""Port: the records a model learns from, read in keyset chunks so that only one chunk is in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange


class IdWindow(NamedTuple):
    """The first `rows` records with `after_id < id <= upper_id`."""

    after_id: int
    upper_id: int
    rows: int


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

    def windows(
        self, source: RecordSource, data_range: DataRange, fields: Sequence[str], windows: Sequence[IdWindow]
    ) -> RecordChunk:
        """The records of every window in the range, as one chunk in id order (empty when none has any).
        The windows rise and do not overlap. One call for the pieces of one training chunk, so that a
        database reads them in one go rather than one connection and statement per window."""

    def ids(
        self, source: RecordSource, data_range: DataRange, *, after_id: int, upper_id: int, limit: int
    ) -> Sequence[int]:
        """At most `limit` ids of the range with `after_id < id <= upper_id`, rising: the validation pass
        picks its held-out rows from them without reading the others' fields."""

    def records(self, source: RecordSource, fields: Sequence[str], ids: Sequence[int]) -> RecordChunk:
        """The records with these ids (rising, taken from `ids`), in id order, carrying `fields`."""
