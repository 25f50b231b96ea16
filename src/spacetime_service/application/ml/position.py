"""Where a training run stands: the JSON half of a checkpoint (the trainer's bytes are the other half).

A run is a sequence of passes over the records with `first_id <= id <= upper_id`: for each epoch a
training pass then a validation pass. A training pass reads its id segments side by side
(domain.ml.segments); `segment_cursors[i]` is the last id consumed in segment i. A validation pass reads
in id order; `last_id` is the last record it consumed. `epoch_chunk` counts the chunks read in the
epoch's training pass and fixes the next chunk's shuffling seed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.segments import segment_starts

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue
    from spacetime_service.domain.ml.metrics import Metrics

POSITION_FORMAT = 2


class TrainingPhase(StrEnum):
    TRAINING = "training"
    VALIDATING = "validating"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class TrainingPosition:
    upper_id: int
    rows_total: int
    epoch: int = 0
    phase: TrainingPhase = TrainingPhase.TRAINING
    last_id: int = 0
    pass_rows: int = 0
    epoch_chunk: int = 0
    trained_rows: int = 0
    validation_rows: int = 0
    first_id: int = 1
    segment_ends: tuple[int, ...] = ()
    segment_cursors: tuple[int, ...] = ()
    epoch_metrics: tuple[Metrics, ...] = ()

    def fresh_cursors(self) -> tuple[int, ...]:
        """Every segment's cursor at the start of a training pass."""
        return segment_starts(self.first_id, self.segment_ends)

    def next_pass(self, epochs: int) -> TrainingPosition:
        """The start of the pass after this one: validation after training, then the next epoch."""
        if self.phase is TrainingPhase.TRAINING:
            return replace(self, phase=TrainingPhase.VALIDATING, last_id=0, pass_rows=0)
        finished = self.epoch + 1 >= epochs
        return replace(
            self,
            epoch=self.epoch if finished else self.epoch + 1,
            phase=TrainingPhase.FINISHED if finished else TrainingPhase.TRAINING,
            last_id=0,
            pass_rows=0,
            epoch_chunk=0,
            segment_cursors=self.fresh_cursors(),
        )

    def rows_done(self) -> int:
        """Records read over every pass so far, for progress."""
        passes = self.epoch * 2 + (1 if self.phase is TrainingPhase.VALIDATING else 0)
        if self.phase is TrainingPhase.FINISHED:
            passes = (self.epoch + 1) * 2
        return passes * self.rows_total + self.pass_rows

    def to_json(self) -> JsonObject:
        metrics: list[JsonValue] = [dict(epoch.items()) for epoch in self.epoch_metrics]
        return {
            "format": POSITION_FORMAT,
            "upper_id": self.upper_id,
            "rows_total": self.rows_total,
            "epoch": self.epoch,
            "phase": self.phase.value,
            "last_id": self.last_id,
            "pass_rows": self.pass_rows,
            "epoch_chunk": self.epoch_chunk,
            "trained_rows": self.trained_rows,
            "validation_rows": self.validation_rows,
            "first_id": self.first_id,
            "segment_ends": list(self.segment_ends),
            "segment_cursors": list(self.segment_cursors),
            "epoch_metrics": metrics,
        }

    @classmethod
    def from_json(cls, body: JsonObject) -> TrainingPosition:
        if body.get("format") != POSITION_FORMAT:
            raise InvalidInput("the checkpoint's position has an unknown format", field="checkpoint")
        try:
            counters = {name: _int(body[name]) for name in _COUNTERS}
            metrics = body["epoch_metrics"]
            if not isinstance(metrics, list):
                raise TypeError("epoch_metrics must be a list")
            return cls(
                **counters,
                phase=TrainingPhase(str(body["phase"])),
                segment_ends=_ints(body["segment_ends"]),
                segment_cursors=_ints(body["segment_cursors"]),
                epoch_metrics=tuple(_metrics(epoch) for epoch in metrics),
            )
        except (KeyError, ValueError, TypeError) as error:
            raise InvalidInput(
                f"the checkpoint's position is malformed ({error})", field="checkpoint"
            ) from None


_COUNTERS = (
    "upper_id",
    "rows_total",
    "epoch",
    "last_id",
    "pass_rows",
    "epoch_chunk",
    "trained_rows",
    "validation_rows",
    "first_id",
)


def _int(value: JsonValue) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} is not an integer")
    return value


def _ints(value: JsonValue) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise TypeError(f"{value!r} is not a list")
    return tuple(_int(item) for item in value)


def _metrics(value: JsonValue) -> Metrics:
    if not isinstance(value, dict):
        raise TypeError("epoch metrics must be objects")
    return {name: float(number) for name, number in value.items() if isinstance(number, int | float)}
