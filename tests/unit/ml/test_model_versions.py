"""A model version's status machine and the aliases that point at ready versions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spacetime_service.domain.errors import Conflict, InvalidInput
from spacetime_service.domain.ml.aliases import PRODUCTION, ModelAlias, point_alias, require_unaliased
from spacetime_service.domain.ml.model_version import (
    ModelStatus,
    ModelVersion,
    TrainedRange,
    require_model_id,
)
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest

NOW = datetime(2025, 1, 1, tzinfo=UTC)
TRAINED = TrainedRange(first_id=1, last_id=100, trained_rows=90, validation_rows=10)


def _version(model_id: str = "m-1", task: str = "order_returned") -> ModelVersion:
    return ModelVersion(
        model_id, TrainingRequest(ModelSpec(task)), job_id="job-1", created_at=NOW, owner="alice"
    )


def test_a_version_becomes_ready_with_its_metrics_once() -> None:
    ready = _version().ready({"roc_auc": 0.7}, ({"roc_auc": 0.7},), TRAINED, NOW)
    assert ready.status is ModelStatus.READY
    assert ready.metrics == {"roc_auc": 0.7}
    assert ready.trained_range == TRAINED
    with pytest.raises(Conflict):
        ready.ready({}, (), TRAINED, NOW)


def test_a_failed_version_stays_failed_and_cannot_serve() -> None:
    failed = _version().failed("database down", NOW)
    assert failed.error == "database down"
    with pytest.raises(Conflict):
        failed.ready({}, (), TRAINED, NOW)
    with pytest.raises(Conflict, match="not ready"):
        failed.require_ready()


def test_only_a_ready_version_is_archived() -> None:
    with pytest.raises(Conflict):
        _version().archived()
    ready = _version().ready({}, (), TRAINED, NOW)
    assert ready.archived().status is ModelStatus.ARCHIVED


@pytest.mark.parametrize("bad", ["", "../etc", "A1", "a/b", "a" * 65, "a.skops"])
def test_model_ids_are_safe_file_names(bad: str) -> None:
    with pytest.raises(InvalidInput):
        require_model_id(bad)
    assert require_model_id("m_1-x") == "m_1-x"


def test_an_alias_points_at_a_ready_version_of_its_task() -> None:
    ready = _version().ready({}, (), TRAINED, NOW)
    assert point_alias("order_returned", PRODUCTION, ready) == ModelAlias(
        "alice", "order_returned", PRODUCTION, "m-1"
    )
    with pytest.raises(Conflict, match="not ready"):
        point_alias("order_returned", PRODUCTION, _version())
    with pytest.raises(Conflict, match="learns order_returned"):
        point_alias("order_quantity", PRODUCTION, ready)


def test_alias_names_are_checked() -> None:
    with pytest.raises(InvalidInput):
        ModelAlias("alice", "order_returned", "Prod!", "m-1")


def test_an_aliased_version_cannot_be_archived() -> None:
    ready = _version().ready({}, (), TRAINED, NOW)
    aliases = [
        ModelAlias("alice", "order_returned", PRODUCTION, "m-1"),
        ModelAlias("alice", "order_returned", "staging", "m-2"),
    ]
    with pytest.raises(Conflict, match="aliased as production"):
        require_unaliased(ready, aliases)
    require_unaliased(ready, aliases[1:])
