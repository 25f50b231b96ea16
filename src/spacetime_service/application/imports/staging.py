"""Writing an upload's valid rows to its staged file, and what the file then holds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.imports.staged_lines import staged_line

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacetime_service.application.ports.artifact_storage import ArtifactWriter
    from spacetime_service.domain.imports import ImportRecord


@dataclass(frozen=True, slots=True)
class StagedRows:
    """`rows` staged lines whose bytes have this lower-case hex SHA-256."""

    rows: int
    sha256: str


def stage_rows(records: Iterable[tuple[int, ImportRecord]], writer: ArtifactWriter) -> StagedRows:
    """Writes each record as a staged line as soon as it is read; a fault in the records propagates
    and leaves the writer for the caller to discard."""
    digest = hashlib.sha256()
    rows = 0
    for line, record in records:
        data = staged_line(line, record)
        writer.write(data)
        digest.update(data)
        rows += 1
    return StagedRows(rows, digest.hexdigest())
