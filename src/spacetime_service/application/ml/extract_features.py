"""Use case: the encoded features of a stream of records, as NDJSON or CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.encoding.encoded_stream import EncodedStream
from spacetime_service.application.encoding.reference_encoder import chunk_lines
from spacetime_service.application.encoding.table_encoding import DEFAULT_CHUNK_BYTES, WireFormat
from spacetime_service.application.ml.feature_extraction import feature_rows
from spacetime_service.application.ml.record_outputs import csv_row, ended_by_error_line, ndjson_chunk
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.features import FEATURES, fields_read_by, require_feature
from spacetime_service.domain.ml.tasks import require_task

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ml.record_inputs import RecordInput
    from spacetime_service.application.ports.feature_extractor import FeatureExtractor
    from spacetime_service.application.ports.training_data import TrainingDataSource

MIN_CHUNK_ROWS, MAX_CHUNK_ROWS = 1, 10_000


@dataclass(frozen=True, slots=True)
class ExtractFeaturesCommand:
    task: str
    records: RecordInput
    features: tuple[str, ...] = ()
    wire_format: WireFormat = WireFormat.NDJSON
    chunk_rows: int = 1000

    def __post_init__(self) -> None:
        if not MIN_CHUNK_ROWS <= self.chunk_rows <= MAX_CHUNK_ROWS:
            raise InvalidInput(
                f"chunk_rows must be between {MIN_CHUNK_ROWS} and {MAX_CHUNK_ROWS}", field="chunk_rows"
            )


def feature_columns(features: tuple[str, ...]) -> tuple[str, ...]:
    """The CSV header: `line`, `id`, each dense feature's named columns, and one column per hashed
    feature (its sparse map as JSON text)."""
    columns = [name for feature in features for name in FEATURES[feature].dense_columns or (feature,)]
    return ("line", "id", *columns)


class ExtractFeatures:
    """The allow-listed features of a task (its defaults when none are named; an unknown or
    disallowed one is refused with the allowed ones), unscaled, for the client's NDJSON records or
    stored records chosen by a query, in record order and one chunk in memory at a time. NDJSON rows
    keep hashed features as sparse maps; CSV has a header and formula-safe cells. A bad record stops
    the stream as `record_outputs` describes."""

    def __init__(self, extractor: FeatureExtractor, data: TrainingDataSource) -> None:
        self._extractor = extractor
        self._data = data

    def execute(self, command: ExtractFeaturesCommand) -> EncodedStream:
        task = require_task(command.task)
        chosen = task.require_features(command.features)
        fields = fields_read_by(require_feature(name) for name in chosen)
        records = command.records.records(self._data, task.source, fields)
        rows = feature_rows(self._extractor, task.name, chosen, records, command.chunk_rows)
        wire_format = command.wire_format
        lines: Iterator[bytes]
        header = b""
        if wire_format is WireFormat.CSV:
            columns = feature_columns(chosen)
            header = csv_row(columns)
            lines = (csv_row([row.get(column) for column in columns]) for row in rows)
        else:
            lines = (ndjson_chunk([dict(row)]) for row in rows)
        chunks = chunk_lines(lines, DEFAULT_CHUNK_BYTES, first=header)
        # CSV cannot carry an error line: a late bad record breaks the stream off instead.
        stream = ended_by_error_line(chunks) if wire_format is WireFormat.NDJSON else chunks
        return EncodedStream(wire_format.media_type, f"features-{task.name}.{wire_format.value}", stream)
