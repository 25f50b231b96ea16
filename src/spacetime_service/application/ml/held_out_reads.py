"""The validation pass's reads: ids first, then the fields of the held-out records alone.

The held-out split is a hash of the id (domain.ml.split), so the pass needs every id but the fields of
only `validation_fraction` of the records. Reading the ids of a chunk and then the held-out records by
id costs about a third of reading every record's fields and joins (measured on SQLite: 0.7 s against
2.4 s of CPU for 1M orders).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING

from spacetime_service.domain.ml.split import validation_mask

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange


@dataclass(frozen=True, slots=True)
class HeldOutChunk:
    """The held-out records among the next `scanned` ids, up to `last_id` (None when none is held out)."""

    records: RecordChunk | None
    last_id: int
    scanned: int


@dataclass(frozen=True, slots=True)
class HeldOutReader:
    data: TrainingDataSource
    source: RecordSource
    data_range: DataRange
    fields: Sequence[str]
    chunk_rows: int
    seed: int
    validation_fraction: float

    def next_chunk(self, after_id: int, upper_id: int) -> HeldOutChunk | None:
        """The held-out records of the next `chunk_rows` ids after `after_id`; None past the last id."""
        ids = self.data.ids(
            self.source, self.data_range, after_id=after_id, upper_id=upper_id, limit=self.chunk_rows
        )
        if not ids:
            return None
        held_out = list(compress(ids, validation_mask(ids, self.seed, self.validation_fraction)))
        records = self.data.records(self.source, self.fields, held_out) if held_out else None
        return HeldOutChunk(records, ids[-1], len(ids))
