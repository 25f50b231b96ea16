"""The heavy steps inside a job are spans of their own: external sorts and their spill files, and each
fit and prediction of a model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainer
from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
from spacetime_service.domain.ml.records import RecordChunk
from spacetime_service.domain.ml.specs import ModelSpec
from tests.support.span_capture import captured_spans, named

if TYPE_CHECKING:
    from pathlib import Path

    from opentelemetry.sdk.trace import ReadableSpan

# Small enough that a few thousand records spill several runs.
SMALL_BUDGET = 64 * 1024


def test_an_external_sort_and_its_spills_are_spans(tmp_path: Path) -> None:
    sorter = MsgpackExternalSorter(tmp_path, budget_bytes=SMALL_BUDGET)
    records = [(n * 7919 % 5000, n) for n in range(5000)]

    with captured_spans() as spans, sorter.sort(records) as ordered:
        assert list(ordered) == sorted(records)

    [sort] = named(spans, "spacetime.external_sort")
    spills = named(spans, "spacetime.spill")
    assert sort.context is not None
    assert dict(sort.attributes or {})["spacetime.sort.rows"] == len(records)
    runs = dict(sort.attributes or {})["spacetime.sort.runs"]
    assert isinstance(runs, int)
    assert len(spills) >= runs > 1  # merge passes spill longer runs too
    assert {spill.parent.span_id for spill in spills if spill.parent} == {sort.context.span_id}
    assert all(isinstance(size, int) and size > 0 for size in _values(spills, "spacetime.spill.bytes"))


def _values(spans: list[ReadableSpan], name: str) -> list[object]:
    return [dict(span.attributes or {}).get(name) for span in spans]


def test_each_fit_and_prediction_of_a_model_is_a_span() -> None:
    spec = ModelSpec("order_returned", ("quantity",))
    target = spec.task_rule.target
    assert target is not None
    chunk = RecordChunk([1, 2, 3, 4], {"quantity": [1, 2, 3, 4], target: ["returned", "kept"] * 2})
    trainer = SklearnModelTrainer(spec)

    with captured_spans() as spans:
        trainer.partial_fit(chunk, shuffle_seed=1, learn_scaling=True)
        trainer.predict(chunk)

    [fit] = named(spans, "model.fit")
    [predict] = named(spans, "model.predict")
    expected = {"spacetime.model.task": "classification", "spacetime.model.records": 4}
    assert dict(fit.attributes or {}) == dict(predict.attributes or {}) == expected
