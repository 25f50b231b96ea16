"""Use case: predictions of a ready model for a stream of records, as a stream of NDJSON lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.encoding.encoded_stream import EncodedStream
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.ml.batch_prediction import predict_chunks
from spacetime_service.application.ml.record_outputs import ended_by_error_line, ndjson_chunk
from spacetime_service.application.ml.trained_models import load_trained_model
from spacetime_service.domain.errors import InvalidInput, NotFound
from spacetime_service.domain.ml.aliases import require_alias_name
from spacetime_service.domain.ml.features import FEATURES, fields_read_by
from spacetime_service.domain.ml.model_version import ModelVersion, require_model_id
from spacetime_service.domain.ml.tasks import require_task

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ml.record_inputs import RecordInput
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.application.ports.model_store import ModelStore
    from spacetime_service.application.ports.model_trainer_factory import ModelTrainerFactory
    from spacetime_service.application.ports.training_data import TrainingDataSource

MIN_CHUNK_ROWS, MAX_CHUNK_ROWS = 1, 10_000


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """A model by its id, or by the alias (`production`, ...) of a task, of `owner`: a version or an
    alias of another owner is NotFound, like a missing one. Without an owner (the operator's CLI) an id
    names any owner's version; an alias always needs its owner."""

    model_id: str | None = None
    task: str | None = None
    alias: str | None = None
    owner: str | None = None

    def __post_init__(self) -> None:
        if self.model_id is not None:
            require_model_id(self.model_id)
            if self.task is not None or self.alias is not None:
                raise InvalidInput("choose a model by id or by task and alias, not both", field="model_id")
            return
        if self.task is None or self.alias is None:
            raise InvalidInput("choose a model by id, or by task and alias", field="model_id")
        require_task(self.task)
        require_alias_name(self.alias)


@dataclass(frozen=True, slots=True)
class BatchPredictCommand:
    model: ModelChoice
    records: RecordInput
    chunk_rows: int = 1000

    def __post_init__(self) -> None:
        if not MIN_CHUNK_ROWS <= self.chunk_rows <= MAX_CHUNK_ROWS:
            raise InvalidInput(
                f"chunk_rows must be between {MIN_CHUNK_ROWS} and {MAX_CHUNK_ROWS}", field="chunk_rows"
            )


class BatchPredict:
    """Only a ready version predicts (Conflict otherwise; NotFound for an unknown id or alias). The
    records are the client's NDJSON or stored records chosen by a query; each is checked against the
    input-field allow-list, `chunk_rows` at a time, and answered in order with its line, its own id
    and the model's probability, prediction or cluster. Memory holds one chunk, whatever the input's
    size. A bad record stops the stream as `record_outputs` describes."""

    def __init__(
        self,
        registry: ModelRegistry,
        store: ModelStore,
        trainers: ModelTrainerFactory,
        data: TrainingDataSource,
    ) -> None:
        self._registry = registry
        self._store = store
        self._trainers = trainers
        self._data = data

    def execute(self, command: BatchPredictCommand) -> EncodedStream:
        version = self._chosen(command.model).require_ready()
        model = load_trained_model(self._store, self._trainers, version.id)
        fields = fields_read_by(FEATURES[name] for name in model.spec.features)
        batches = command.records.batches(self._data, model.spec.task_rule.source, fields, command.chunk_rows)
        chunks: Iterator[bytes] = (ndjson_chunk(answers) for answers in predict_chunks(model, batches))
        return EncodedStream(
            WireFormat.NDJSON.media_type, f"predictions-{version.id}.ndjson", ended_by_error_line(chunks)
        )

    def _chosen(self, choice: ModelChoice) -> ModelVersion:
        model_id = choice.model_id
        if model_id is None:
            task, name = choice.task or "", choice.alias or ""
            if choice.owner is None:
                raise InvalidInput("an alias is an owner's: name its owner", field="owner")
            alias = self._registry.alias(choice.owner, task, name)
            if alias is None:
                raise NotFound(f"task {task} has no model aliased {name}")
            model_id = alias.model_id
        version = self._registry.get(model_id)
        if version is None or (choice.owner is not None and version.owner != choice.owner):
            raise NotFound(f"model {model_id} does not exist")
        return version
