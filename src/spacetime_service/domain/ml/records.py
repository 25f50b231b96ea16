"""A chunk of input records held column by column: compact, and what vectorised encoders want."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


@dataclass(frozen=True, slots=True)
class RecordChunk:
    """`ids[i]` identifies the i-th record; `columns[field][i]` is its value of `field`, already typed
    as the field's InputField says (int, float, str or an aware datetime). Ids rise strictly."""

    ids: Sequence[int]
    columns: Mapping[str, Sequence[object]]

    def __post_init__(self) -> None:
        for name, values in self.columns.items():
            if len(values) != len(self.ids):
                raise ValueError(f"column {name!r} has {len(values)} values for {len(self.ids)} ids")

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def last_id(self) -> int:
        return self.ids[-1]

    def select(self, keep: Sequence[bool]) -> RecordChunk:
        """The records whose flag is true, in the same order."""
        if len(keep) != len(self.ids):
            raise ValueError(f"{len(keep)} flags for {len(self.ids)} records")
        # compress() walks the flags in C, which matters at two selections per chunk and pass.
        return RecordChunk(
            ids=list(compress(self.ids, keep)),
            columns={name: list(compress(values, keep)) for name, values in self.columns.items()},
        )

    @classmethod
    def joined(cls, pieces: Sequence[RecordChunk]) -> RecordChunk:
        """The records of `pieces` one after the other; their ids must keep rising from piece to piece."""
        if not pieces:
            raise ValueError("cannot join no chunks")
        names = pieces[0].columns.keys()
        return cls(
            ids=[row_id for piece in pieces for row_id in piece.ids],
            columns={name: [value for piece in pieces for value in piece.columns[name]] for name in names},
        )
