"""Port: an estimator with its feature pipeline, trained chunk by chunk and saved as bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.metrics import Tally
    from spacetime_service.domain.ml.records import RecordChunk


@runtime_checkable
class ModelTrainer(Protocol):
    def partial_fit(self, chunk: RecordChunk, *, shuffle_seed: int, learn_scaling: bool) -> None:
        """One pass over the chunk's records, shuffled with `shuffle_seed`. With `learn_scaling` the
        scaling statistics take in the chunk first (the first epoch); later epochs reuse them."""

    def evaluate(self, chunk: RecordChunk) -> Tally:
        """The validation sums of the chunk's records under the current model."""

    def predict(self, chunk: RecordChunk) -> Sequence[float]:
        """Per record: the positive class's probability, the predicted value, or the cluster number."""

    @property
    def fitted(self) -> bool:
        """Whether any record has been learnt yet."""

    def state(self) -> bytes:
        """Everything learnt (estimator and scaling), as bytes that `restore` takes back exactly."""

    def restore(self, state: bytes) -> None:
        """Takes back what `state` gave; refuses bytes holding a type outside the allow-list."""
