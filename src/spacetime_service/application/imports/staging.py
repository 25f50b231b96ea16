"""Writing an upload's valid rows to its staged file, and what the file then holds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacetime_service.application.imports.csv_batches import StagedBlock
    from spacetime_service.application.ports.artifact_storage import ArtifactWriter


@dataclass(frozen=True, slots=True)
class StagedRows:
    """`rows` staged lines whose bytes have this lower-case hex SHA-256."""

    rows: int
    sha256: str


class StagedTally:
    """How many rows the staged file holds so far, and the SHA-256 of its bytes."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self.rows = 0

    def add(self, data: bytes, rows: int) -> None:
        self._digest.update(data)
        self.rows += rows

    def result(self) -> StagedRows:
        return StagedRows(self.rows, self._digest.hexdigest())


def stage_rows(blocks: Iterable[StagedBlock], writer: ArtifactWriter, tally: StagedTally) -> Iterator[str]:
    """Writes each block of staged lines as soon as it is read, counting it in `tally`, and yields its
    rows' sku keys (for the repeated-sku check, which reads them as they come). A fault in the blocks
    propagates and leaves the writer for the caller to discard."""
    for data, count, keys in blocks:
        writer.write(data)
        tally.add(data, count)
        yield from keys
