"""ModelRegistry contract: the in-memory fake, SQLite and PostgreSQL keep versions and aliases alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.ml.aliases import ModelAlias
from spacetime_service.domain.ml.model_listing import ModelQuery
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion, TrainedRange
from spacetime_service.domain.ml.specs import DataRange, ModelSpec, TrainingRequest

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_registry import ModelRegistry

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
RETURNED = TrainingRequest(
    ModelSpec("order_returned", ("quantity", "category"), seed=7),
    DataRange(START - timedelta(days=30), START),
    epochs=3,
    validation_fraction=0.2,
    chunk_rows=500,
)
SEGMENTS = TrainingRequest(ModelSpec("product_segments", clusters=4))
TRAINED = TrainedRange(first_id=1, last_id=900, trained_rows=720, validation_rows=180)


def version(
    model_id: str, request: TrainingRequest = RETURNED, minutes: int = 0, owner: str = "alice"
) -> ModelVersion:
    return ModelVersion(
        model_id,
        request,
        job_id=f"job-{model_id}",
        created_at=START + timedelta(minutes=minutes),
        owner=owner,
    )


def ready(model: ModelVersion) -> ModelVersion:
    epochs = ({"rows": 180.0, "accuracy": 0.75}, {"rows": 180.0, "accuracy": 0.8125})
    return model.ready(epochs[-1], epochs, TRAINED, START + timedelta(hours=1))


def test_a_registered_version_reads_back_equal(registry: ModelRegistry) -> None:
    stored = registry.register(version("m-1"))

    assert stored == version("m-1")
    assert registry.get("m-1") == version("m-1")
    assert registry.get("m-2") is None


def test_registering_again_keeps_the_first_version(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))

    again = registry.register(version("m-1", SEGMENTS, minutes=5))

    assert again == version("m-1")


def test_an_update_stores_metrics_range_and_status(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))

    registry.update(ready(version("m-1")), expected=ModelStatus.TRAINING)

    stored = registry.get("m-1")
    assert stored == ready(version("m-1"))
    assert stored is not None
    assert stored.epoch_metrics[0]["accuracy"] == 0.75


def test_an_update_from_a_status_the_version_left_is_a_conflict(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))
    registry.update(ready(version("m-1")), expected=ModelStatus.TRAINING)

    with pytest.raises(Conflict):
        registry.update(version("m-1").failed("late", START), expected=ModelStatus.TRAINING)
    assert registry.get("m-1") == ready(version("m-1"))


def test_updating_a_missing_version_is_not_found(registry: ModelRegistry) -> None:
    with pytest.raises(NotFound):
        registry.update(ready(version("m-9")), expected=ModelStatus.TRAINING)


def test_a_failed_version_keeps_its_error(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))

    registry.update(version("m-1").failed("no records", START), expected=ModelStatus.TRAINING)

    stored = registry.get("m-1")
    assert stored is not None
    assert (stored.status, stored.error, stored.finished_at) == (ModelStatus.FAILED, "no records", START)


def test_an_update_points_its_aliases_in_the_same_step(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))

    alias = ModelAlias("alice", "order_returned", "production", "m-1")
    registry.update(ready(version("m-1")), expected=ModelStatus.TRAINING, aliases=[alias])

    assert registry.alias("alice", "order_returned", "production") == alias
    assert registry.aliases_of("m-1") == [alias]


def test_an_alias_moves_to_another_ready_version(registry: ModelRegistry) -> None:
    for model_id in ("m-1", "m-2"):
        registry.register(version(model_id))
        registry.update(ready(version(model_id)), expected=ModelStatus.TRAINING)

    registry.point_alias(ModelAlias("alice", "order_returned", "production", "m-1"))
    registry.point_alias(ModelAlias("alice", "order_returned", "staging", "m-1"))
    registry.point_alias(ModelAlias("alice", "order_returned", "production", "m-2"))

    assert registry.alias("alice", "order_returned", "production") == ModelAlias(
        "alice", "order_returned", "production", "m-2"
    )
    assert registry.aliases_of("m-1") == [ModelAlias("alice", "order_returned", "staging", "m-1")]
    assert registry.alias("alice", "order_quantity", "production") is None


def test_an_alias_refuses_a_version_that_is_not_ready(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))

    with pytest.raises(Conflict):
        registry.point_alias(ModelAlias("alice", "order_returned", "production", "m-1"))
    assert registry.alias("alice", "order_returned", "production") is None


def test_an_alias_refuses_a_version_of_another_task(registry: ModelRegistry) -> None:
    registry.register(version("m-1"))
    registry.update(ready(version("m-1")), expected=ModelStatus.TRAINING)

    with pytest.raises(Conflict):
        registry.point_alias(ModelAlias("alice", "order_quantity", "production", "m-1"))


def test_an_alias_to_a_missing_version_is_not_found(registry: ModelRegistry) -> None:
    with pytest.raises(NotFound):
        registry.point_alias(ModelAlias("alice", "order_returned", "production", "m-404"))


def test_pages_go_newest_first_and_filter_by_task_and_status(registry: ModelRegistry) -> None:
    for minutes, model_id in enumerate(["a", "b", "c", "d", "e"]):
        request = SEGMENTS if model_id in {"b", "d"} else RETURNED
        registry.register(version(model_id, request, minutes=minutes))
    registry.update(ready(version("c", minutes=2)), expected=ModelStatus.TRAINING)

    assert [v.id for v in registry.page(ModelQuery()).items] == ["e", "d", "c", "b", "a"]
    assert [v.id for v in registry.page(ModelQuery(task="product_segments")).items] == ["d", "b"]
    assert [v.id for v in registry.page(ModelQuery(status=ModelStatus.READY)).items] == ["c"]
    assert [
        v.id for v in registry.page(ModelQuery(task="order_returned", status=ModelStatus.TRAINING)).items
    ] == [
        "e",
        "a",
    ]


def test_pages_follow_each_other_without_gaps_or_repeats(registry: ModelRegistry) -> None:
    # Two versions share a creation time: the id breaks the tie.
    for model_id, minutes in [("a", 0), ("b", 1), ("c", 1), ("d", 2), ("e", 3)]:
        registry.register(version(model_id, minutes=minutes))

    seen: list[str] = []
    query = ModelQuery(limit=2)
    while True:
        page = registry.page(query)
        seen.extend(v.id for v in page.items)
        if page.next_position is None:
            break
        query = ModelQuery(limit=2, after=page.next_position)

    assert seen == ["e", "d", "c", "b", "a"]


def test_pages_of_an_owner_hold_only_its_versions(registry: ModelRegistry) -> None:
    registry.register(version("a", minutes=0))
    registry.register(version("b", minutes=1, owner="bob"))
    registry.register(version("c", minutes=2))

    assert [v.id for v in registry.page(ModelQuery(owner="alice")).items] == ["c", "a"]
    assert [v.id for v in registry.page(ModelQuery(owner="bob")).items] == ["b"]
    assert [v.id for v in registry.page(ModelQuery(owner="carol")).items] == []
    assert registry.get("b") == version("b", minutes=1, owner="bob")


def test_aliases_are_per_owner(registry: ModelRegistry) -> None:
    for model_id, owner in (("m-1", "alice"), ("m-2", "bob")):
        registry.register(version(model_id, owner=owner))
        registry.update(ready(version(model_id, owner=owner)), expected=ModelStatus.TRAINING)

    registry.point_alias(ModelAlias("alice", "order_returned", "production", "m-1"))
    registry.point_alias(ModelAlias("bob", "order_returned", "production", "m-2"))

    assert registry.alias("alice", "order_returned", "production") == ModelAlias(
        "alice", "order_returned", "production", "m-1"
    )
    assert registry.alias("bob", "order_returned", "production") == ModelAlias(
        "bob", "order_returned", "production", "m-2"
    )
    assert registry.alias("carol", "order_returned", "production") is None


def test_an_alias_to_another_owners_version_is_not_found(registry: ModelRegistry) -> None:
    registry.register(version("m-1", owner="bob"))
    registry.update(ready(version("m-1", owner="bob")), expected=ModelStatus.TRAINING)

    with pytest.raises(NotFound):
        registry.point_alias(ModelAlias("alice", "order_returned", "production", "m-1"))
    assert registry.alias("alice", "order_returned", "production") is None
